"""Text normalisation for search: case, accents, thousands separators, stop words, plural folding.

The same functions run over the records (once, at index build) and over every query, so a
query matches whatever way it was typed: `Sévaré`/`sevare`, `15,476`/`15476`, `S/RES/2100`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words that carry no meaning for finding a record ("how many peacekeepers were killed").
STOP_WORDS = frozenset(
    """
    a about after all also am an and any are as at be been before being but by can could did do
    does for from get give had has have how i if in into is it its me more most much my no not of
    on or our over please show so some such tell than that the their them then there these they
    this those to up was we were what when where which while who why will with would you your
    many
    """.split()  # noqa: SIM905 - a word list reads better as prose
)

# Thousands separators: `15,476` / `15’476` between digits; `15 476` (plain, thin or no-break
# space) only inside a group of 1–3 digits then threes, so `2015 300` stays two numbers.
_THOUSANDS = re.compile(r"(?<=\d)[,'’](?=\d{3}(?!\d))")
_SPACED = re.compile(r"\b\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+\b")
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_TOKEN = re.compile(r"[a-z0-9]+")
# Both patterns above need a digit, a separator, a digit: one scan rules out most texts.
_SEPARATED_DIGITS = re.compile(r"\d[,'’ \u00a0\u202f\u2009]\d")


def fold(text: str) -> str:
    """Lower-case, strip accents (NFKD, drop combining marks) and join thousands separators."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = text.casefold()
    if not _SEPARATED_DIGITS.search(text):
        return text
    text = _THOUSANDS.sub("", text)
    return _SPACED.sub(lambda m: _SPACES.sub("", m.group()), text) if " " in text else text


def words(text: str) -> list[str]:
    """The folded words of `text`, stop words and single letters dropped (digits are kept)."""
    return [
        w for w in _TOKEN.findall(fold(text)) if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())
    ]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Fold plurals and simple verb endings: casualties→casualty, killed→kill, attacks→attack."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    if word.endswith("ed") and len(word) > 5:
        return word[:-2]
    if word.endswith("ing") and len(word) > 6:
        return word[:-3]
    return word


def terms(text: str) -> list[str]:
    """The stemmed search terms of `text`, in order."""
    return [stem(w) for w in words(text)]


def phrase_key(text: str) -> tuple[str, ...]:
    """A key equal phrases share however typed: `Sévaré attack` == `sevare attacks`."""
    return tuple(terms(text))


def join_phrases(typed: list[str], phrases: set[str] | frozenset[str], longest: int) -> list[str]:
    """Group words that form a known phrase (`blue helmets`) into one unit, longest first."""
    if not phrases or longest < 2:
        return typed
    stems = [stem(w) for w in typed]
    units, i = [], 0
    while i < len(typed):
        for n in range(min(longest, len(typed) - i), 1, -1):
            if " ".join(stems[i : i + n]) in phrases:
                units.append(" ".join(typed[i : i + n]))
                i += n
                break
        else:
            units.append(typed[i])
            i += 1
    return units
