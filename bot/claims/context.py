"""What one sentence of a draft offers its numbers and dates, found once for all of them.

The records it may be about (and, in a compound sentence, each part's), the dates that may date
its figures, the terms that say what it is about (its neighbours' when it names nothing itself),
and whether it names something the store has never heard of. `coherent` then makes the
sentence's claims agree with one another: a date sides with the record that backs its figure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from bot.claims.claim import Claim, with_verdict
from bot.claims.compare import agrees
from bot.claims.evidence import ClaimIndex, Evidence
from bot.claims.mentions import Mention
from bot.claims.subject import names_in, names_unknown, subject_terms
from bot.claims.tense import ended_subject
from bot.facts.model import Fact

SUPPORT_MIN = 0.3  # share of the sentence's words a record must have to support a value
_PARTS = re.compile(r";|,\s+(?:and|but|while|whereas)\s+")


@dataclass(frozen=True)
class SentenceContext:
    """What one sentence offers its mentions: its candidate records, parts, dates and terms."""

    text: str
    offset: int
    mentions: list[Mention]
    candidates: list[tuple[Evidence, float]]
    ended: Fact | None
    parts: list[tuple[int, int]]
    strangers: bool  # names something the store has never heard of ("Russia", "Wagner")
    by_part: dict = field(default_factory=dict)  # candidates of each part, found once
    # What the sentence is about, as the index reads it (with its neighbours' terms when it
    # names nothing itself: "It completed its withdrawal...").
    terms: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # the names it is about ("Barkhane"), found once

    @cached_property
    def dates(self) -> list[Mention]:
        """The sentence's dates, found once: what may date its figures."""
        return [x for x in self.mentions if x.date]

    @cached_property
    def part_starts(self) -> list[int]:
        """Where each part starts, to find a mention's part by bisection."""
        return [a for a, _ in self.parts]

    def part_of(self, m: Mention) -> str:
        """The words of the part of the sentence that holds `m` (the whole, if it is simple)."""
        i = min(max(bisect_right(self.part_starts, m.start) - 1, 0), len(self.parts) - 1)
        start, end = self.parts[i]
        return self.text[start - self.offset : end - self.offset]

    def candidates_for(self, m: Mention, index: ClaimIndex) -> list[tuple[Evidence, float]]:
        """The sentence's candidates; for a mention in a part of a compound sentence, its part's."""
        if len(self.parts) > 1:
            i = min(max(bisect_right(self.part_starts, m.start) - 1, 0), len(self.parts) - 1)
            start, end = self.parts[i]
            if (start, end) not in self.by_part:
                terms = index.terms_of(self.text[start - self.offset : end - self.offset])
                found = index.candidates(terms, min_share=SUPPORT_MIN) if len(terms) >= 2 else None
                self.by_part[(start, end)] = found
            if self.by_part[(start, end)] is not None:
                return self.by_part[(start, end)]
        return self.candidates


def read_sentence(
    text: str,
    start: int,
    end: int,
    mentions: list[Mention],
    index: ClaimIndex,
    around: tuple[str, str],
) -> SentenceContext | None:
    """The context of the sentence `text[start:end]` (None when it has no claim to judge);
    `around` are the sentences before and after it ("" at either end)."""
    sentence = text[start:end]
    ended = ended_subject(sentence, mentions, index.ended, around[0])
    if not mentions and not ended:
        return None
    found = index.candidates(index.terms_of(sentence), min_share=SUPPORT_MIN)
    parts, strangers = _parts(sentence, start), names_unknown(sentence, index)
    terms = subject_terms(sentence, [t for t in around if t], index)
    names = names_in(sentence, index)
    return SentenceContext(
        sentence, start, mentions, found, ended, parts, strangers, terms=terms, names=names
    )


def _parts(sentence: str, offset: int) -> list[tuple[int, int]]:
    """Absolute spans of the parts of a compound sentence ("…, and …"; "…; …")."""
    cuts = [(m.start(), m.end()) for m in _PARTS.finditer(sentence)]
    starts = [0] + [e for _, e in cuts]
    ends = [s for s, _ in cuts] + [len(sentence)]
    return [(offset + a, offset + b) for a, b in zip(starts, ends, strict=True)]


def coherent(claims: list[Claim], mentions: list[Mention], index: ClaimIndex) -> list[Claim]:
    """A sentence's date agrees with the record that supports its figure: that record decides.

    "In 2018 MINUSMA's ceiling was 13,289": once 13,289 is matched to a 2018 record, "2018" is
    that record's time, not a claim for another record to contradict. A year alone beside a
    figure only frames it: it is never contradicted on its own; nor is a month that says no more
    than when ("In June 2020 MINUSMA had 13,289 troops authorized").
    """
    backers = [
        index.by_id[c.record_id]
        for c in claims
        if c.verdict != "unverified" and c.record_id in index.by_id
    ]
    has_figures = any(m.kind != "date" for m in mentions)
    out = []
    for claim, m in zip(claims, mentions, strict=True):
        if m.date and claim.verdict in ("contradicted", "unverified"):
            ev = next((b for b in backers if any(agrees(m, x) for x in b.mentions)), None)
            if ev is not None:
                claim = with_verdict(
                    claim, "supported", ev, m.date.iso(), f"Matches {ev.record.id}."
                )
            elif claim.verdict == "contradicted" and has_figures and _frames(m):
                note = "No record in the store covers this; check it before publishing."
                claim = with_verdict(claim, "unverified", None, None, note)
        out.append(claim)
    return out


def _frames(m: Mention) -> bool:
    """The date only says when the sentence's figures held: a year, or a month with no verb."""
    d = m.date
    return d is not None and (d.month is None or (d.day is None and m.predicate is None))
