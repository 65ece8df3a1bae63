"""Names that tell records apart: a figure said of one resolution, town, person, force or attack
is never supported (nor contradicted) by a record that states it of another of the same class.

"Rebels took Timbuktu on 30 March 2012" shares its date with "Rebels took Kidal on 30 March
2012", and "Resolution 2423 ended the mandate on 30 June 2023" with "resolution 2690 ended its
mandate on 30 June 2023": the record names a different member of the class the sentence names,
and not the sentence's, so it is about something else. Which names a record gives a figure is
read near it: the nearest before it in its clause ("IBK won 41.42% and Soumaïla Cissé 17.80%"),
else its clause, else its sentence, else the record, else (for a resolution) its UN symbol.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.claims.evidence import ClaimIndex, Evidence
from bot.claims.mentions import Mention
from bot.claims.words import term, tokens

# Members of each class, folded as `tokens` reads them, to the one each names. A member counts
# only when the store itself knows the word (`known`): the store decides what it tells apart.
_CLASSES: dict[str, dict[str, str]] = {
    "place": {
        "timbuktu": "timbuktu", "tombouctou": "timbuktu", "gao": "gao", "kidal": "kidal",
        "bamako": "bamako", "sevare": "sevare", "mopti": "mopti", "konna": "konna",
        "menaka": "menaka", "tessalit": "tessalit", "aguelhok": "aguelhok",
        "diabaly": "diabaly", "segou": "segou", "douentza": "douentza", "ansongo": "ansongo",
    },
    "person": {
        "ibk": "keita", "keita": "keita", "boubacar": "keita", "soumaila": "cisse",
        "cisse": "cisse", "dioncounda": "traore", "traore": "traore", "toure": "toure",
        "att": "toure", "sanogo": "sanogo", "goita": "goita", "assimi": "goita", "mara": "mara",
        "annadif": "annadif", "wane": "wane", "guterres": "guterres", "tillerson": "tillerson",
        "macron": "macron", "hollande": "hollande", "haley": "haley",
    },
    "force": {
        "minusma": "minusma", "afisma": "afisma", "misma": "afisma", "serval": "serval",
        "barkhane": "barkhane", "takuba": "takuba", "sabre": "sabre", "eutm": "eutm",
        "eucap": "eucap", "g5": "g5", "misahel": "misahel",
        # MINUSMA is the UN's stabilization mission; AFISMA the African-led force before it.
        "stabilization": "minusma", "african led": "afisma",
    },
    "attack": {
        "radisson": "radisson", "campement": "campement", "kangaba": "campement",
        "byblos": "byblos", "terrasse": "terrasse",
    },
}  # fmt: skip
_RESOLUTION = re.compile(r"\b(?:resolutions?|res\.?|s/res/)\s*(\d{3,5})\b", re.IGNORECASE)
# "won the run-off against Soumaïla Cissé with 67.16%": the figure is not the one after these.
_OPPONENT = frozenset({"against", "over", "versus", "faced", "beat", "defeated", "than", "from"})
_CLAUSE = re.compile(r";|,(?=\s)|\.\s")  # not the comma of 13,289
_PART = re.compile(r";")
_SENTENCE = re.compile(r"\.\s")
WINDOW = 300  # characters either side of a draft's figure (as bot.claims.mentions reads)
Names = tuple[tuple[str, frozenset[str]], ...]  # (class, members), classes named only


def clashes(m: Mention, sentence: str, offset: int, ev: Evidence, x: Mention, index) -> bool:
    """The draft's figure `m` (in `sentence`, at `offset` in the draft) and the record's `x`
    name different members of one class, and none in common: they are not the same figure."""
    ours = dict(draft_names(sentence, m.start - offset, known_names(index)))
    if not ours:
        return False
    theirs = record_names(ev, x, known_names(index))
    return any(ours.get(c) and not ours[c] & named for c, named in theirs)


def draft_names(sentence: str, at: int, known: frozenset[str]) -> Names:
    """The names of the draft's part (between semicolons) around the position `at`, within
    WINDOW characters: a name further away frames no figure, and the work per figure is bounded."""
    lo = max(0, at - WINDOW)
    return _part_names(sentence[lo : at + WINDOW], at - lo, known)


@lru_cache(maxsize=4096)
def _part_names(window: str, at: int, known: frozenset[str]) -> Names:
    lo, hi = _around(_PART, window, at, at)
    return _by_class(_members(window[lo:hi], known))


def record_names(ev: Evidence, x: Mention, known: frozenset[str]) -> Names:
    """The names the record gives its figure `x`, class by class (nearest first)."""
    return _record_names(ev.text, x.start, x.end, known, _symbols(ev))


@lru_cache(maxsize=8192)
def _record_names(text: str, start: int, end: int, known, symbols) -> Names:
    lo, hi = _around(_CLAUSE, text, start, end)
    # "… won the run-off against Soumaïla Cissé with 67.16%": not Cissé's figure.
    clause = [(c, n, lo + at) for c, n, at, opp in _members(text[lo:hi], known) if not opp]
    s_lo, s_hi = _around(_SENTENCE, text, start, end)
    whole = _by_class(_members(text[s_lo:s_hi], known))
    found = dict(_by_class(_members(text, known))) | dict(whole) | dict(_by_class(clause))
    for cls in {c for c, _, _ in clause}:
        before = [(at, n) for c, n, at in clause if c == cls and at < start]
        if before:
            found[cls] = frozenset({max(before)[1]})
    if "resolution" not in found and symbols:
        found["resolution"] = symbols
    return tuple(sorted(found.items()))


def _members(text: str, known: frozenset[str]) -> list[tuple[str, str, int, bool]]:
    """(class, member, position, after an opponent word) of every name in `text`."""
    out = [("resolution", "#" + r.group(1), r.start(), False) for r in _RESOLUTION.finditer(text)]
    words = tokens(text)
    for i, (w, at, _) in enumerate(words):
        w = w.removesuffix("'s").removesuffix("’s")
        opponent = any(p[0] in _OPPONENT for p in words[max(0, i - 3) : i])
        pair = f"{words[i - 1][0]} {w}" if i else w  # "African-led"
        for cls, members in _CLASSES.items():
            for key in {w, pair} & known:
                if key in members:
                    out.append((cls, members[key], at, opponent))
    return out


def _by_class(found) -> Names:
    classes: dict[str, set[str]] = {}
    for cls, member, *_ in found:
        classes.setdefault(cls, set()).add(member)
    return tuple(sorted((c, frozenset(v)) for c, v in classes.items()))


def _around(sep: re.Pattern[str], text: str, start: int, end: int) -> tuple[int, int]:
    lo = max((s.end() for s in sep.finditer(text, 0, start)), default=0)
    after = sep.search(text, end)
    return lo, after.start() if after else len(text)


def _symbols(ev: Evidence) -> frozenset[str]:
    """The resolutions the record is cited to by UN symbol (`S/RES/2100 (2013)`)."""
    found = (_RESOLUTION.search(s.symbol or "") for s in ev.record.sources)
    return frozenset("#" + r.group(1) for r in found if r)


@lru_cache(maxsize=4)
def known_names(index: ClaimIndex) -> frozenset[str]:
    """The class members the store's records name (as words): the ones it tells apart."""
    return frozenset(
        key
        for members in _CLASSES.values()
        for key in members
        if index.knows(term(key.split()[0]))  # "african led": "led" is no matching term
    )
