"""Drafts shaped to make the claim checker work hard, each of a given length in characters.

Shapes from an outside tester's attack (issue 8): a message of numbers only, one number a line,
a pipe table, one giant sentence of claims, numbers in words, dates, many short sentences.
Slack's maximum message is 40,000 characters, so the bench and the tests build them at that size.
"""

from __future__ import annotations

SLACK_MAX = 40_000
_UNITS = {
    "all numbers": "1 ",
    "one-number lines": "1\n",
    "table": "138 | 583 | 868 | 822 | 7440\n",
    "one giant sentence": "MINUSMA had 311 fatalities and 13,289 troops, ",
    "numbers in words": "three hundred and eleven and ",
    "dates": "on 25 April 2013 and July 2018 and 4/25/2013, ",
    "short sentences": "MINUSMA left. 5 died. ",
    "sentences without numbers": "It rose. ",
}
SHAPES = tuple(_UNITS)


def adversarial_draft(shape: str, chars: int = SLACK_MAX) -> str:
    """`chars` characters of the repeated `shape` (one of SHAPES)."""
    unit = _UNITS[shape]
    return (unit * (chars // len(unit) + 1))[:chars]
