"""The field notes' own errors: a value a fact's `seed_claim` states and the fact corrects.

A fact that quotes the notes' wrong claim ("In August 2015, a new peace accord was agreed") and
states the verified value ("signed in Bamako on 15 May 2015") says, in so many words, that the
notes' value is wrong. A draft repeating that value about the same thing is contradicted.
"""

from __future__ import annotations

from bot.claims.claim import as_of
from bot.claims.compare import agrees, same_kind
from bot.claims.evidence import Evidence
from bot.claims.frames import fits, units_fit
from bot.claims.mentions import Mention
from bot.claims.sentences import split_sentences
from bot.claims.words import NATIONALITIES, tokens


def repeats_error(m: Mention, ev: Evidence, clause: str = "") -> Mention | None:
    """The record's statement of the quantity `m` repeats the notes' error about, if it does.

    `clause` is the draft's words around `m`: when the record's figure is a nation's ("U.S.
    personnel served … in 7 missions") and the clause names none ("the UN ran 14 missions"),
    it speaks of another count (the notes' error was "U.S. troops … across 14 missions")."""
    if not any(agrees(m, x) and units_fit(m, x, strict=True) for x in ev.corrected):
        return None
    if any(agrees(m, x) and fits(m, x) for x in ev.mentions):
        return None  # the record also carries the value: it was not the error
    stored = next((x for x in ev.mentions if same_kind(m, x)), None)
    if stored is not None and clause and nation_unsaid(clause, ev, stored):
        return None
    return stored


def nation_unsaid(clause: str, ev: Evidence, x: Mention) -> bool:
    """A figure before `x` in its sentence counts a nation's people ("55 U.S. personnel served
    … in 7 missions"); the draft's `clause` names no nation ("the UN ran 14 missions")."""
    start = next((a for a, b in split_sentences(ev.text) if a <= x.start < b), 0)
    theirs = [y for y in ev.mentions if start <= y.start < x.start and y.unit & NATIONALITIES]
    return bool(theirs) and not {w for w, _, _ in tokens(clause)} & NATIONALITIES


def error_note(ev: Evidence, value: str) -> str:
    """Why a repeated field-notes error is contradicted, with the store's value and source."""
    record = ev.record
    source = f"; source: {record.sources[0].title} <{record.sources[0].url}>"
    return (
        f"The 2018 field notes' error; the store says “{value}” ({record.id}, as of "
        f"{as_of(record)}{source})."
    )
