"""Which part of a force a figure counts, and whether it is a ceiling or a headcount.

A record may give several figures about one force: "an authorized ceiling of 13,289 military
and 1,920 police personnel", "about 6,000 AFISMA troops", "51 peacekeepers". The word "troops"
matches them all, but only a figure of the same part (military, police, civilian or the whole),
of the same standing (an authorized ceiling or a count of who was there) and of the same holder
(AFISMA's troops are not MINUSMA's) can rule a draft's figure out.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.claims.words import EVENTS, GENERIC, NATIONALITIES, term

if TYPE_CHECKING:  # mentions.py reads roles with this module: only the type is needed here
    from bot.claims.mentions import Mention

_PARTS = {
    "military": frozenset({"military", "troop", "troops", "soldier", "soldiers", "servicemen"}),
    "police": frozenset({"police", "policemen", "policewomen", "gendarmes"}),
    "civilian": frozenset({"civilian", "civilians"}),
}
# Words that end the name of a group of people serving somewhere: a figure counts personnel.
_PERSONNEL = frozenset().union(*_PARTS.values()) | frozenset(
    {"personnel", "staff", "peacekeeper", "peacekeepers", "member", "members", "force", "forces",
     "helmets", "casques", "officer", "officers", "uniformed"}
)  # fmt: skip
_PERSONNEL_TERMS = frozenset(term(w) for w in _PERSONNEL)
# Terms of a counted thing that say only what it is, never whose: no holder.
_KINDS = _PERSONNEL_TERMS | GENERIC | {"un", "blue", "total"}
_WORD = re.compile(r"[a-z]+")
_UNIT_GAP = 60  # characters: the most between a figure and the bracket that breaks it down
# A ceiling: "authorized", "up to", "planned at", "a cap of"; not a count of who was there.
_CEILING = re.compile(
    r"\b(?:authori[sz]\w*|ceilings?|caps?|capped|mandated|planned|up to|called for|allowed|"
    r"maximum)\b",
    re.IGNORECASE,
)

# A headcount: who was there, not what was allowed ("deployed", "on the ground").
_HEADCOUNT = re.compile(
    r"\b(?:deploy(?:ed|s)?|on the ground|in the field|stationed|actually|in theatre|consists? of|"
    r"comprises?|numbers|numbered)\b",
    re.IGNORECASE,
)

_ANOTHER_PART = re.compile(
    r"\s*(?:and|&|plus)\s+(?:\w+\s+)?(?:police|policemen|civilians?|troops|military|soldiers)\b",
    re.IGNORECASE,
)


def part_of(unit_text: str, after: str = "") -> str | None:
    """`military`, `police` or `civilian` for the counted thing as written ("13,289 *military*",
    "1,920 *police personnel*"), with the character after it; None for a whole ("15,476 UN
    personnel"), for no personnel, or for a word that goes on ("troop-contributing"); None too
    when `after` it comes another part ("12,640 troops *and police*": the whole)."""
    if _ANOTHER_PART.match(after):
        return None  # "12,640 troops and police": the whole, not its military part
    words = _WORD.findall(unit_text.lower())  # a few words: no need for the cached tokens
    if not words or words[-1] not in _PERSONNEL or unit_text.rstrip().endswith("-"):
        return None
    parts = {name for name, names in _PARTS.items() if names.intersection(words)}
    return parts.pop() if len(parts) == 1 else None


def is_ceiling(around: str, predicate: str | None) -> bool:
    """The figure is an authorized or planned maximum (a toll never is one)."""
    return predicate not in EVENTS and bool(_CEILING.search(around))


def is_headcount(around: str, predicate: str | None) -> bool:
    """The figure is said to count who was there (never when it is also a ceiling)."""
    return not is_ceiling(around, predicate) and bool(_HEADCOUNT.search(around))


def standing_clash(m: Mention, x: Mention) -> bool:
    """A strength said to be a ceiling is not stated by a headcount, nor a headcount by a
    ceiling: "MINUSMA deployed 13,289 troops" is not what "a ceiling of 13,289" says."""
    if not (is_strength(m) and is_strength(x)):
        return False
    return (m.ceiling and x.headcount) or (m.headcount and x.ceiling)


def parts_clash(m: Mention, x: Mention) -> bool:
    """Both say which part of a force they count, and it is not the same part."""
    return m.part is not None and x.part is not None and m.part != x.part


def same_figure(m: Mention, x: Mention, said: frozenset[str], record: frozenset[str]) -> bool:
    """`x` counts the same people as `m`, so that a different value rules `m` out: the same part
    of a force (a whole is no part), the same standing (a ceiling is no headcount), and whoever
    either names as holder is named by the other side (`said`: the draft sentence's terms;
    `record`: the record's). Tolls and other counts are left to their predicates and units."""
    if not (is_strength(m) or is_strength(x)):
        return True
    if m.part != x.part or m.ceiling != x.ceiling:
        return False
    return _holders(x) <= said and _holders(m) <= record


def is_strength(m: Mention) -> bool:
    """A count of people serving (troops, police, personnel), not of what happened to them."""
    return m.kind == "count" and m.predicate not in EVENTS and bool(m.unit & _PERSONNEL_TERMS)


def _holders(m: Mention) -> frozenset[str]:
    """The unit's words that say whose the counted people are ("AFISMA troops")."""
    return frozenset(t for t in m.unit if t not in _KINDS and t not in NATIONALITIES)


def with_outer_nationality(text: str, m: Mention, before: list[Mention]) -> Mention:
    """`m` with the nationality of the figure its brackets break down (`before`: the mentions
    before it in its sentence): in "55 U.S. personnel (4 at UN headquarters and 51
    peacekeepers)", the 51 peacekeepers are American too."""
    opened = text.rfind("(", 0, m.start)
    if opened < 0 or m.unit & NATIONALITIES or ")" in text[opened : m.start]:
        return m
    outer = next((x for x in reversed(before) if x.end <= opened), None)
    if outer is None or not outer.unit & NATIONALITIES or not text[outer.end : opened].strip():
        return m
    if opened - outer.end > _UNIT_GAP or any(c in text[outer.end : opened] for c in ",;:"):
        return m
    return replace(m, unit=m.unit | (outer.unit & NATIONALITIES))
