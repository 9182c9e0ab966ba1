"""The benchmark of issue #10: `make bench` (backpop against a textbook formtools build of the
same questionnaire) and `make bench-smoke`.

Nothing here is imported by the shipped service, and the image leaves bench/ out.
"""
