"""A small hand-built store shaped like the real MINUSMA content, for the rendering tests.

The figures here are test fixtures (shaped like the store, not quoted from it): rendering tests
must not depend on the content engineers edit.
"""

from __future__ import annotations

import datetime as dt

from bot.facts.model import (
    Event,
    EventDate,
    Fact,
    Location,
    Point,
    Source,
    Store,
    TalkingPointSet,
)

TODAY = dt.date(2027, 4, 20)
HERE = Location("facts/test.yaml", 1, 1)
UN = Source("UN Peacekeeping: fatalities by mission", "https://peacekeeping.un.org/en/fatalities")
RES = Source("S/RES/2100 (2013)", "https://undocs.org/S/RES/2100(2013)", "UN Security Council")


def fact(fid: str, statement: str, **extra) -> Fact:
    """A fact with test defaults."""
    values = dict(
        id=fid,
        statement=statement,
        sources=(UN,),
        as_of=dt.date(2018, 9, 30),
        topic="minusma",
        location=HERE,
    )
    values.update(extra)
    return Fact(**values)


def event(eid: str, title: str, date: EventDate, tone: str = "neutral", **extra) -> Event:
    """An event with test defaults."""
    values = dict(
        id=eid,
        date=date,
        title=title,
        kind="resolution",
        summary=f"Summary of {title}.",
        tone=tone,
        sources=(RES,),
        topic="minusma",
        location=HERE,
    )
    values.update(extra)
    return Event(**values)


def make_store() -> Store:
    """Facts (one stale, one superseded, one with a seed claim), events, one talking-point set."""
    old = fact(
        "minusma-fatalities-2018",
        "*169* MINUSMA peacekeepers killed by malicious acts, 2013 to 2018.",
        aliases=("minusma fatalities",),
        caveat="Counts deaths from malicious acts only.",
        seed_claim="over 170 peacekeepers killed",
        superseded_by="minusma-fatalities-final",
        review_by=dt.date(2019, 1, 1),
    )
    new = fact(
        "minusma-fatalities-final",
        "MINUSMA's final toll: 311 peacekeepers died, 2013 to 2023.",
        as_of=dt.date(2023, 12, 31),
        review_by=dt.date(2030, 1, 1),
    )
    res = event(
        "resolution-2100",
        "Resolution 2100 establishes MINUSMA",
        EventDate(2013, 4, 25),
        aliases=("res 2100",),
    )
    attack = event(
        "sevare-attack",
        "Attack on the Sévaré hotel",
        EventDate(2015, 8, 7),
        tone="solemn",
        kind="attack",
    )
    month_only = event("exit-month", "Drawdown begins", EventDate(2023, 5), kind="operation")
    points = TalkingPointSet(
        id="minusma-hill",
        title="MINUSMA for Hill staff",
        topic="minusma",
        audience="Hill staff",
        as_of=dt.date(2018, 10, 1),
        points=(
            Point("The mission was the UN's deadliest.", (old.id,)),
            Point("Its final toll was 311.", (new.id, "missing-fact")),
        ),
        location=HERE,
    )
    return Store(
        facts={old.id: old, new.id: new},
        events={e.id: e for e in (res, attack, month_only)},
        talking_points={points.id: points},
    )
