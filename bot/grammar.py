"""English for counts and articles, said once: `1 event`, `2 events`, `a coup`, `an attack`.

Every message that renders a count next to a noun, or an article before a word it does not
know in advance, goes through here, so none says "1 events" or "an coup". Pure and total.
"""

from __future__ import annotations

import re

# Plurals that the suffix rules below would get wrong.
IRREGULAR = {
    "person": "people",
    "child": "children",
    "criterion": "criteria",
    "datum": "data",
    "analysis": "analyses",
    "index": "indexes",
}
# Vowel letters that sound like a consonant ("a unit", "a euro", "a one-off") and a silent h
# ("an hour"): the article follows the sound, not the letter.
CONSONANT_SOUNDS = ("uni", "use", "usu", "uti", "ura", "eu", "ewe", "ubiq")
ONE_SOUNDS = ("one", "once")  # whole words: "a one-off", but "an onerous"
VOWEL_SOUNDS = ("hour", "honest", "honor", "honour", "heir")
_LEADING_DIGITS = re.compile(r"[0-9][0-9,]*")


def plural(noun: str) -> str:
    """The plural of a noun or noun phrase (the last word changes): `overdue fact` → `facts`."""
    head, sep, last = noun.rpartition(" ")
    lower = last.lower()
    if not last:
        return noun
    if lower in IRREGULAR:
        many = IRREGULAR[lower]
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        many = last[:-1] + "ies"
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        many = last + "es"
    else:
        many = last + "s"
    if last.isupper() and len(last) > 1:
        many = many.upper()
    return f"{head}{sep}{many}"


def count(n: int, noun: str, many: str | None = None) -> str:
    """`0 events`, `1 event`, `2 events`, `3,001 characters`; `many` overrides the plural."""
    return f"{n:,} {noun if n == 1 else (many or plural(noun))}"


def article(word: str) -> str:
    """`a` or `an` as the word sounds: `a coup`, `an attack`, `a unit`, `an hour`, `an 8`."""
    lower = word.strip().lower()
    digits = _LEADING_DIGITS.match(lower)
    if digits:
        return "an" if _number_sounds_vowel(digits.group().replace(",", "")) else "a"
    if not lower or not lower[0].isalpha():
        return "a"
    if lower.startswith(VOWEL_SOUNDS):
        return "an"
    if lower.startswith(CONSONANT_SOUNDS) or re.split(r"[^a-z]", lower)[0] in ONE_SOUNDS:
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


def with_article(word: str) -> str:
    """The word after its article: `a coup`, `an attack`."""
    return f"{article(word)} {word}"


def _number_sounds_vowel(digits: str) -> bool:
    """True for numbers said with a vowel first: 8…, 11, 18, 11,000, 18,000,000 (not 110)."""
    if digits.startswith("8"):
        return True
    group = len(digits) % 3 or 3  # the digits said before the first "thousand"/"million"
    return group == 2 and digits[:2] in ("11", "18")
