"""Words for claim matching: folded tokens with their offsets, crude stems, and word groups.

Offsets always point into the text as typed: every normalisation here keeps lengths, so a token's
`start` is where a surface can underline it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# "run-off", "build-up": one word (`runoff`), never the verb "run" of "the mandate runs to".
_TOKEN = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:-(?:off|up|out|over)\b)?(?:['’][st]\b)?")
_US = re.compile(r"\bU\.S\.(?=\W|$)")

# Words that say nothing about what a sentence is about.
STOP = frozenset(
    """
    a about above after again against all almost also am among an and any approximately are
    around as at be been before being below between both but by can could did do does during each
    few for from further had has have having he her here hers him his how i if in into is it its
    itself just least less me more most much my nearly no nor not now of off on once only or other
    our out over own roughly same she should since so some such than that the their them then
    there these they this those through to too under until up upon very was we were what when
    where which while who whom why will with would you your s t many several said says say says
    according per cent percent total whole plus currently different just various only also
    still now today yet even
    """.split()  # noqa: SIM905 - a word list reads better as prose
)

# Words that mean the same thing for matching, folded to the first of their group.
_GROUPS = (
    (
        "died",
        "killed",
        "kill",
        "kills",
        "died",
        "die",
        "dies",
        "dead",
        "death",
        "deaths",
        "fatality",
        "fatalities",
        "toll",
        "lives",
        "lost",
        "lose",
        "executed",
        "execute",
        "perished",
        "slain",
    ),
    ("wounded", "wounded", "injured", "injuring", "injuries", "injury", "wounding", "hurt"),
    (
        "troop",
        "troops",
        "soldier",
        "soldiers",
        "personnel",
        "forces",
        "force",
        "military",
        "servicemen",
        "peacekeeper",
        "peacekeepers",
        "helmets",
        "casques",
        "staff",
        "members",
        "member",
    ),
    ("trained", "trained", "train", "training", "trains"),
    (
        "contributed",
        "contributed",
        "contributing",
        "contributors",
        "contributor",
        "contribute",
        "contributes",
    ),
    ("pledged", "pledged", "pledge", "pledges", "promised", "committed", "commits", "pledging"),
    ("signed", "signed", "sign", "signs", "signing", "concluded", "agreed", "inked"),
    (
        "created",
        "created",
        "create",
        "creates",
        "established",
        "establish",
        "establishes",
        "founded",
        "authorized",
        "authorised",
        "authorizes",
        "launched",
        "launch",
        "launches",
        "began",
        "begin",
        "begins",
        "started",
        "start",
        "starts",
    ),
    (
        "ended",
        "ended",
        "end",
        "ends",
        "terminated",
        "terminate",
        "terminates",
        "closed",
        "close",
        "withdrew",
        "withdrawn",
        "withdrawal",
        "withdrawing",
        "withdraw",
        "withdraws",
        "left",
        "leave",
        "leaves",
        "quit",
        "completed",
    ),
    (
        "attack",
        "attack",
        "attacks",
        "attacked",
        "bombing",
        "bomb",
        "ambush",
        "ambushed",
        "assault",
        "raid",
    ),
    ("kidnapped", "kidnapped", "kidnap", "abducted", "kidnapping", "abduction"),
    ("won", "won", "win", "wins", "vote", "votes", "elected", "reelected", "winner"),
    ("agreement", "agreement", "accord", "accords", "deal"),
    ("resolution", "resolution", "res", "unscr"),
    ("us", "us", "american", "americans", "america"),
    ("people", "people", "persons", "person", "individuals"),
    ("country", "country", "countries", "nations", "nation"),
    ("minusma",),
)
CANON = {w: group[0] for group in _GROUPS for w in group[1:] or group}

# What a number counts happened: the predicate groups a frame can carry.
PREDICATES = frozenset(
    {"died", "wounded", "trained", "contributed", "pledged", "kidnapped", "won", "signed",
     "created", "ended"}
)  # fmt: skip
# What happened to people: a count of these is a toll, never a strength or a headcount.
EVENTS = frozenset({"died", "wounded", "kidnapped"})
HOSTAGE = frozenset({"hostages", "hostage"})
AUXILIARIES = frozenset({"was", "were", "had", "has", "have", "been", "are", "is", "be"})
WILDCARD_UNITS = frozenset({"people"})
# Counted things that also say whose they are (the UN's): matched as troops, but naming who.
NAMING_UNITS = frozenset({"peacekeeper", "peacekeepers", "peacekeeping", "helmets", "casques"})
# What kind of thing is counted or what happened, never which one: "5 people died in an attack"
# shares these with many records and names none of them.
GENERIC = frozenset(
    {"troop", "people", "country", "attack", "agreement", "resolution", "mission", "civilian",
     "hostage", "police", "officer", "year", "month", "day", "week", "decade", "number", "total"}
)  # fmt: skip
# Counted things that are measures: "17 miles from the border" is not a toll, whatever the verb.
MEASURES = frozenset(
    {"mile", "km", "kilometre", "kilometer", "metre", "meter", "year", "month", "week", "day",
     "hour", "minute", "tonne", "ton"}
)  # fmt: skip
NATIONALITIES = frozenset(
    """
    us french malian nigerien canadian chadian german dutch senegalese british swedish
    bangladeshi egyptian togolese burkinabe guinean mauritanian algerian nigerian chinese
    russian european african ivorian
    """.split()  # noqa: SIM905 - a word list reads better as prose
)
NUMBER_WORDS = frozenset(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred hundreds thousand thousands million billion dozen dozens january february march
    april may june july august september october november december
    """.split()  # noqa: SIM905 - a word list reads better as prose
)


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping the length (one character in, one out)."""
    if text.isascii():
        return text.lower()
    out = []
    for ch in text:
        plain = unicodedata.normalize("NFKD", ch)
        plain = "".join(c for c in plain if not unicodedata.combining(c)) or ch
        out.append(plain[0].lower() if len(plain[0].lower()) == 1 else ch)
    return "".join(out)


@lru_cache(maxsize=512)  # a sentence is read for its numbers, its terms, its tense and its names
def tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """(folded word, start, end) for every word of `text`; `U.S.` reads as `us`."""
    if "U.S." in text:
        text = _US.sub("US  ", text)
    folded = fold(text)  # same length as `text`: spans found in one are spans in the other
    return tuple((m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded))


@lru_cache(maxsize=65536)
def term(word: str) -> str:
    """The matching form of a folded word: its group's name, else a crude stem."""
    word = word.replace("’", "'").removesuffix("'s").replace("-", "")
    if word in CANON:
        return CANON[word]
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    elif word.endswith("ed") and len(word) > 5:
        word = word[:-2]
    elif word.endswith("ing") and len(word) > 6:
        # "authorizing" is "authorized", "signing" is "signed": the group decides, else the stem.
        for past in (word[:-3] + "ed", word[:-3] + "d"):
            if past in CANON:
                return CANON[past]
        word = word[:-3]
    return CANON.get(word, word)


def content_terms(text: str) -> list[str]:
    """The matching terms of `text` that say what it is about (no stop words, no numbers but
    the numbers that name things: `resolution 2100` gives `#2100`)."""
    found = [
        term(w)
        for w, _, _ in tokens(text)
        if w not in STOP and w not in NUMBER_WORDS and not w.isdigit() and len(w) > 1
    ]
    if "esolution" in text or "es." in text or "RES" in text:
        found += ["#" + m.group(1) for m in _NAMED_NUMBER.finditer(text)]
    return found


_NAMED_NUMBER = re.compile(r"\b(?:resolutions?|res\.?|s/res/)\s*(\d{3,5})\b", re.IGNORECASE)
