"""Score the claim checker on a labelled set: per-verdict precision and recall, flag rates.

A row is `text<TAB>verdict<TAB>record ids`; a row's predicted verdict is its worst claim's
(contradicted > outdated > unverified > supported); a row with no claim at all is unverified.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bot.claims.claim import VERDICTS, Claim
from bot.claims.engine import check_text
from bot.claims.evidence import ClaimIndex

WORST_FIRST = ("contradicted", "outdated", "unverified", "supported")
FLAGGED = ("contradicted", "outdated")


@dataclass(frozen=True)
class Case:
    """One labelled row."""

    text: str
    expected: str
    records: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Outcome:
    """A case, what the checker said, and the claims it found."""

    case: Case
    predicted: str
    claims: tuple[Claim, ...]


def load_cases(path: Path) -> list[Case]:
    """The labelled rows of a TSV file (comment lines start with #)."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, expected, *rest = line.split("\t")
        if expected not in VERDICTS:
            raise ValueError(f"{path}:{number}: unknown verdict {expected!r}")
        records = tuple(r for r in (rest[0] if rest else "").split("|") if r)
        cases.append(Case(text, expected, records, number))
    return cases


def row_verdict(claims: list[Claim]) -> str:
    """The verdict of a whole draft: its worst claim's."""
    found = {c.verdict for c in claims}
    return next((v for v in WORST_FIRST if v in found), "unverified")


def run(cases: list[Case], index: ClaimIndex, today: dt.date) -> list[Outcome]:
    """Check every case."""
    outcomes = []
    for case in cases:
        claims = check_text(case.text, index, today)
        outcomes.append(Outcome(case, row_verdict(claims), tuple(claims)))
    return outcomes


def per_verdict(outcomes: list[Outcome]) -> dict[str, tuple[float, float, int]]:
    """verdict -> (precision, recall, number expected)."""
    table = {}
    for verdict in VERDICTS:
        predicted = [o for o in outcomes if o.predicted == verdict]
        expected = [o for o in outcomes if o.case.expected == verdict]
        hits = sum(1 for o in predicted if o.case.expected == verdict)
        precision = hits / len(predicted) if predicted else 1.0
        recall = hits / len(expected) if expected else 1.0
        table[verdict] = (precision, recall, len(expected))
    return table


def flag_rates(outcomes: list[Outcome]) -> tuple[float, float]:
    """(share of wrong or stale rows flagged, share of correct rows flagged)."""
    wrong = [o for o in outcomes if o.case.expected in FLAGGED]
    right = [o for o in outcomes if o.case.expected == "supported"]
    caught = sum(1 for o in wrong if o.predicted in FLAGGED) / (len(wrong) or 1)
    false = sum(1 for o in right if o.predicted in FLAGGED) / (len(right) or 1)
    return caught, false
