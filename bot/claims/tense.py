"""Present tense about something the store records as over ("MINUSMA has 15,000 troops")."""

from __future__ import annotations

import re

from bot.claims.mentions import Mention
from bot.claims.words import fold, tokens
from bot.facts.model import Fact

PRESENT = frozenset(
    """
    is are remains remain operates operate continues continue has have still currently now today
    serves serve deploys deploy includes include consists counts employs keeps runs leads helps
    supports protects trains works faces face numbers fields contribute contributes provide
    provides hosts host stands field employ patrol patrols
    """.split()  # noqa: SIM905 - a word list reads better as prose
)
# Words that put the sentence about the ending itself, or firmly in the past.
_OVER = re.compile(
    r"\b(?:ended|ending|end|ends|closed|terminated|withdrew|withdrawn|withdrawal|left|leaving|"
    r"no longer|former|formerly|until|was|were|had|did|used to|once|remembered|remember|honour|"
    r"honor|legacy|final|last)\b",
    re.IGNORECASE,
)


def ended_subject(
    sentence: str, mentions: list[Mention], ended: list[Fact], before: str = ""
) -> Fact | None:
    """The ended fact whose subject `sentence` speaks of in the present tense as still going.

    A sentence opening with a pronoun ("It has 15,000 peacekeepers") takes its subject from the
    sentence `before` it.
    """
    if not ended:
        return None
    words = {w for w, _, _ in tokens(sentence)}
    if words.isdisjoint(PRESENT) or _OVER.search(sentence):
        return None
    if _PRONOUN.match(sentence):
        words |= {w for w, _, _ in tokens(before)}
    for fact in ended:
        over = fact.ended
        if over is None or not any(_names(name) <= words for name in over.subject):
            continue
        # A date that says when the thing began ("Barkhane, launched 1 August 2014, is") does not
        # put the present in the past; one that dates the statement ("In 2018, it has") does.
        dated = [
            m.date
            for m in mentions
            if m.date and m.date.framing in (None, "by", "until") and m.predicate != "created"
        ]
        if any(d.year <= over.date.year for d in dated):
            return None  # "In 2018, MINUSMA has 56 contributors": a dated, historical present
        return fact
    return None


_PRONOUN = re.compile(r"\W*(?:today,?\s+|now,?\s+)?(?:it|its|they|their)\b", re.IGNORECASE)


def _names(name: str) -> set[str]:
    return {w for w, _, _ in tokens(fold(name))}
