"""The questionnaire and its submissions as FHIR R4 resources, for clinics' record systems.

`questionnaire` builds a `Questionnaire` from a published version, `responses` a
`QuestionnaireResponse` per submission (and a `Bundle` of them), both as plain dicts ready
for JSON; `views` serves them read-only at /fhir/ to staff and API tokens (`auth`). Nothing
here needs a FHIR library: the tests validate every document with fhir.resources.
"""
