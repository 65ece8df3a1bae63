"""Claims the checker does not judge, said so: those past the limit per text, and numbers that
could be read two ways."""

from __future__ import annotations

import datetime as dt

from bot.claims.claim import Claim, with_verdict
from bot.claims.mentions import Mention, find_mentions
from bot.claims.sentences import split_sentences

# Claims judged per text: enough for any real draft (a 1,000-word one of the store's own
# sentences has about 170), few enough that a 40,000-character message of numbers is answered
# within Slack's 3 seconds.
MAX_CLAIMS = 300
UNCHECKED = (
    f"Not checked: only the first {MAX_CLAIMS} numbers and dates of a text are checked; "
    "check the rest in a separate message."
)


def unchecked_claims(text: str, first: list[Mention], end: int, today: dt.date) -> list[Claim]:
    """`first` and every mention of `text` after `end`, listed as unchecked (never dropped)."""
    rest = [
        m
        for a, b in split_sentences(text[end:])
        for m in find_mentions(text, end + a, end + b, today, limit=0)
    ]
    return [
        with_verdict(Claim(text[m.start : m.end], m.start, m.end, "unchecked"), "unchecked",
                     None, None, UNCHECKED)
        for m in first + rest
    ]  # fmt: skip


def two_ways(m: Mention, claim: Claim) -> Claim | None:
    """`claim` made unverified when its number may be read two ways ("13.289": 13,289 with a
    point grouping thousands, or a decimal) and the reading checked is contradicted or unknown,
    saying so; else None."""
    if (
        claim.verdict not in ("contradicted", "unverified")
        or not m.number
        or not m.number.ambiguous
    ):
        return None
    note = (
        f"“{claim.text}” may mean {claim.text.replace('.', ',')} (a point groups thousands in "
        "many languages) or a decimal: write it unambiguously, then check it."
    )
    return with_verdict(claim, "unverified", None, None, note)
