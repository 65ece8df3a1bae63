"""Numbers in text: digits (`15,476`, `15 476`, `15476`, `67.16`), percents, money, number words.

`find_numbers` returns each number with its span, value, kind and the hedge written before it
(`about`, `more than`, `up to`...). Dates and identifiers (`resolution 2100`, `S/2013/230`) are
found first by the caller and passed as spans to skip.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
WORD_VALUES = {w: i for i, w in enumerate(_SMALL)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
WORD_VALUES |= {"dozen": 12, "hundred": 100, "thousand": 1000}
# "hundreds of girls": at least 200, fewer than 1,000 (and likewise for the others).
VAGUE = {"dozens": (24, 100), "hundreds": (200, 1000), "thousands": (2000, 10000)}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "m": 1e6, "bn": 1e9}

# 15,476 / 15 476 / 15476 / 67.16; a space groups digits only before exactly three more.
_NUM = (
    r"(?<![\w.,/])(?:\d{1,3}(?:(?:,|[ \u00a0\u202f\u2009](?=\d{3}\b))\d{3})+|\d+)"
    r"(?:\.\d+)?(?![\w/]|\.\d|,\d{3})"
)
# Number words, compounds read whole: "three hundred and eleven", "thirteen thousand two hundred
# eighty-nine", "a hundred", "twenty-five" (a larger scale, "two million", is the `scale`).
_UNDER_100 = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|" + "|".join(_SMALL[1:]) + ")"
)
_HUNDREDS = rf"(?:{_UNDER_100}|a)[ -]hundred(?:(?: and | |-){_UNDER_100}\b)?"
_UNDER_1000 = rf"(?:{_HUNDREDS}|{_UNDER_100})"
_WORD = (
    rf"\b(?:{_UNDER_1000}[ -]thousand(?:(?: (?:and )?|, |-){_HUNDREDS}\b| (?:and )?{_UNDER_100}\b)?"
    rf"|{_UNDER_1000}"
    r"|a dozen|dozens|hundreds|thousands|a thousand)\b"
)
NUMBER = re.compile(
    r"(?P<cur>US\$|\$|€|£|USD ?)?(?P<num>" + _NUM + r"|" + _WORD + r")"
    r"(?P<scale>[ -]?(?:thousand|million|billion|bn|m)\b)?"
    r"(?P<pct> ?%| ?per ?cent\b| ?percent\b)?",
    re.IGNORECASE,
)
HEDGE = re.compile(
    r"(?P<h>about|around|approximately|roughly|some|nearly|almost|close to|an estimated|"
    r"more than|over|at least|upwards of|in excess of|fewer than|less than|under|up to|"
    r"as many as|exactly|just over|just under|only)\s+$",
    re.IGNORECASE,
)
HEDGES = {
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "nearly": "about", "almost": "about", "close to": "about",
    "an estimated": "about", "just over": "about", "just under": "about",
    "more than": "more", "over": "least", "at least": "least", "upwards of": "more",
    "in excess of": "more", "fewer than": "less", "less than": "less", "under": "less",
    "up to": "upto", "as many as": "upto", "exactly": None, "only": None,
}  # fmt: skip
# A number word that is not a count here: "one of the", "one another".
_NOT_A_COUNT = re.compile(r"\s+(?:of\b|another\b|day\b|hand\b|side\b|or two\b)", re.IGNORECASE)


_POINT_GROUPED = re.compile(r"\d{1,3}\.\d{3}")
# Digits glued by a grouping-like mark ("11'200", "11·200", "11_200", "11,2"): one token. A
# number read from part of it would be a fragment, so none is read (it is left unchecked).
_GLUE = frozenset(",.'’‘`´ʼ·•˙_")
# A number word that a larger one continues ("a dozen hundred"): no confident reading.
_CONTINUED = re.compile(r"[ -](?:hundred|thousand|dozen)\b", re.IGNORECASE)
_FRACTION = re.compile(r"[- ](?:thirds?|quarters?|halves|half|fifths?|tenths?)\b", re.IGNORECASE)

# A capitalised name and "of" before a capitalised number word: "Group of Five", a name.
_NAME_OF = re.compile(r"\b[A-Z][a-z]+\s+of\s+$")


@dataclass(frozen=True)
class Number:
    """A number as written: span, value, kind (count, percent, money), hedge and precision."""

    start: int
    end: int
    value: float
    kind: str
    hedge: str | None = None
    decimals: int = 0
    vague: tuple[int, int] | None = None  # "hundreds": the range it stands for
    spelled: bool = False
    ambiguous: bool = False  # "13.289": 13,289 with a point grouping thousands, or 13.289?


def find_numbers(text: str, skip: list[tuple[int, int]]) -> list[Number]:
    """Every number in `text` outside the `skip` spans (which do not overlap), in order."""
    spans = sorted(skip)
    starts = [s for s, _ in spans]
    found = []
    for m in NUMBER.finditer(text):
        i = bisect_right(starts, m.start("num")) - 1  # the one span that could hold it
        if i >= 0 and m.start("num") < spans[i][1]:
            continue
        if _fragment(text, *m.span("num")):
            continue  # a fragment of "11'200"
        number = _number(m, text)
        if number is not None:
            found.append(number)
    return found


def _fragment(text: str, start: int, end: int) -> bool:
    """Digits glued to the number's by a grouping-like mark: it is part of a larger token."""
    glued_before = start >= 2 and text[start - 1] in _GLUE and text[start - 2].isdigit()
    glued_after = end + 1 < len(text) and text[end] in _GLUE and text[end + 1].isdigit()
    return glued_before or glued_after


def _number(m: re.Match, text: str) -> Number | None:
    raw = m.group("num")
    spelled = not raw[0].isdigit()
    if spelled and _NOT_A_COUNT.match(text, m.end("num")) and raw.lower() == "one":
        return None
    if spelled and _CONTINUED.match(text, m.end("num")):
        return None  # "a dozen hundred": no confident reading
    if spelled and _FRACTION.match(text, m.end("num")):
        return None  # "two-thirds of voters": a share in words, no count
    if spelled and raw[0].isupper() and _NAME_OF.search(text, 0, m.start("num")):
        return None  # "the Group of Five for the Sahel": a name, no count
    value, vague, decimals = _value(raw)
    if value is None:
        return None
    scale = (m.group("scale") or "").strip(" -").lower()
    if scale:
        value *= SCALES[scale]
    kind = "percent" if m.group("pct") else "money" if m.group("cur") else "count"
    hedge = None
    if h := HEDGE.search(text, max(0, m.start() - 20), m.start()):
        hedge = HEDGES[" ".join(h.group("h").lower().split())]
    start = m.start("cur") if m.group("cur") else m.start("num")
    ambiguous = bool(_POINT_GROUPED.fullmatch(raw))
    return Number(start, m.end(), value, kind, hedge, decimals, vague, spelled, ambiguous)


def _value(raw: str) -> tuple[float | None, tuple[int, int] | None, int]:
    low = " ".join(raw.lower().replace("-", " ").split())
    if low in VAGUE:
        lo, hi = VAGUE[low]
        return float(lo), (lo, hi), 0
    if low[0].isdigit():
        digits = re.sub(r"[,\s\u00a0\u202f\u2009]", "", low)
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        return float(digits), None, decimals
    total = current = 0
    for part in low.replace(",", " ").split():
        if part == "thousand":
            total, current = total + max(current, 1) * 1000, 0
        elif part == "hundred":
            current = max(current, 1) * 100
        else:  # "a" and "and" are worth nothing; "a hundred" is one hundred
            current += WORD_VALUES.get(part, 0)
    total += current
    return (float(total) if total else None), None, 0
