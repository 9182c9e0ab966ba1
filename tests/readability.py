"""The Flesch-Kincaid grade of a patient-facing text, for tests/test_readability.py.

Implemented here rather than taken from a library: textstat, the usual choice, downloads a
pronouncing dictionary from the internet the first time it counts syllables (so it does not
work offline) and installs a top-level package named `tests` that would shadow this one.

The formula is the published one (Kincaid et al., 1975):

    grade = 0.39 * words / sentences + 11.8 * syllables / words - 15.59

Syllables are counted by the usual rule of thumb: groups of vowels, less a silent final "e"
("spine", "bone"), plus the syllable of a final "-le" after a consonant ("ankle"), and
"-ed" counted only after "t" or "d" ("started" but not "pressed"). It is right for almost every
everyday word and errs by a syllable now and then on a long one, which moves a grade by
well under one for a sentence of ordinary length.
"""

import re

WORD = re.compile(r"[A-Za-z]+(?:['’&][A-Za-z]+)*|\d+")
# A sentence ends at ".", "!" or "?" followed by a space or the end; a label without a full
# stop is one sentence.
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
VOWEL_GROUP = re.compile(r"[aeiouy]+")
C = "[b-df-hj-np-tv-z]"  # a consonant
# Endings whose e is sounded: "ankle(s)", "causes", "wishes", "changes", "started".
SOUNDED_ENDING = re.compile(f"{C}les?$|([sxzcg]|ch|sh)es$|[td]ed$")
# Words the rule of thumb gets wrong (vowels that are sounded apart, letters read aloud).
SYLLABLES = {
    "a&e": 3,  # "A and E"
    "gp": 2,
    "area": 3,
    "fluid": 2,
    "everyday": 3,
    "physiotherapist": 6,
    "physiotherapy": 6,
    "usually": 4,
    "cavitation": 4,
    "sciatica": 4,
}


def syllables(word: str) -> int:
    """How many syllables `word` has (at least one)."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    if word in SYLLABLES:
        return SYLLABLES[word]
    if word.isdigit():
        return len(word)  # "2" is "two", "10" is "ten": close enough for short numbers
    count = len(VOWEL_GROUP.findall(word))
    if re.search(f"{C}(e|es|ed)$", word) and not re.search(SOUNDED_ENDING, word):
        count -= 1  # a silent e: "spine", "bones", "moved"
    if re.search(f"{C}e(ly|ment|ments|ful|less|ness)$", word):
        count -= 1  # a silent e before an ending: "rarely", "movement", "useful"
    if re.search(r"[aeiou]ing$", word):
        count += 1  # "being", "going", "peeing": the vowel and the "i" are sounded apart
    return max(count, 1)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def sentences(text: str) -> int:
    """How many sentences `text` has: at least one if it has any word."""
    parts = [part for part in SENTENCE_END.split(text) if words(part)]
    return max(len(parts), 1)


def flesch_kincaid_grade(text: str) -> float:
    """The Flesch-Kincaid grade level of `text` (a school grade: 9 is age 14 to 15)."""
    found = words(text)
    if not found:
        return 0.0
    total = sum(syllables(word) for word in found)
    return 0.39 * len(found) / sentences(text) + 11.8 * total / len(found) - 15.59
