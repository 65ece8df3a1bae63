"""Occurrences: lead days, weekend policies, DST, Feb 29, month-only events, digests."""

from __future__ import annotations

import datetime as dt

from bot.facts.model import Event, EventDate, Location, Source, Store
from bot.schedule.model import EventFilter, Schedule
from bot.schedule.occurrences import local_post_time, move_for_weekend, occurrences_between

UTC = dt.UTC
NY = "America/New_York"


def event(id, date, kind="resolution", tone="neutral", tags=(), topic="minusma", title=None):
    parts = [int(p) for p in date.split("-")]
    return Event(
        id=id,
        date=EventDate(*parts),
        title=title or f"Title of {id}",
        kind=kind,
        summary="Summary.",
        tone=tone,
        sources=(Source(title="UN", url="https://un.org/"),),
        topic=topic,
        location=Location("facts/x.yaml"),
        tags=tuple(tags),
    )


def store(*events):
    return Store(facts={}, events={e.id: e for e in events}, talking_points={})


def schedule(id="s", type="reminder", time="09:00", tz=NY, leads=(0,), weekend="as_is", **kw):
    return Schedule(
        id=id,
        type=type,
        channel="C0123ABCD",
        time=dt.time.fromisoformat(time),
        timezone=tz,
        events=kw.pop("events", EventFilter()),
        location=Location("schedules/x.yaml"),
        lead_days=tuple(leads),
        weekend=weekend,
        **kw,
    )


def between(schedules, st, start, end):
    return occurrences_between(
        schedules,
        st,
        dt.datetime.fromisoformat(start).replace(tzinfo=UTC),
        dt.datetime.fromisoformat(end).replace(tzinfo=UTC),
    )


def test_lead_days_and_local_time_summer():
    st = store(event("res-2100", "2013-04-25"))
    occs = between([schedule(leads=(7, 1, 0))], st, "2027-01-01", "2028-01-01")
    assert [(o.local_date.isoformat(), o.lead_days) for o in occs] == [
        ("2027-04-18", 7),
        ("2027-04-24", 1),
        ("2027-04-25", 0),
    ]
    assert all(o.anniversary_date == dt.date(2027, 4, 25) for o in occs)
    # 09:00 in New York in April is EDT: 13:00Z.
    assert occs[-1].post_at == dt.datetime(2027, 4, 25, 13, 0, tzinfo=UTC)
    assert occs[-1].local_at.hour == 9
    assert occs[-1].key == "s|res-2100|2027-04-25|0|C0123ABCD"


def test_winter_is_14z():
    st = store(event("e", "2010-12-10"))
    (occ,) = between([schedule()], st, "2027-01-01", "2028-01-01")
    assert occ.post_at == dt.datetime(2027, 12, 10, 14, 0, tzinfo=UTC)


def test_dst_spring_forward_day():
    st = store(event("e", "2013-03-14"))
    nine = between([schedule()], st, "2027-03-01", "2027-04-01")
    assert [o.post_at for o in nine] == [dt.datetime(2027, 3, 14, 13, 0, tzinfo=UTC)]
    # 02:30 does not exist on 2027-03-14 in New York: it moves forward to 03:30 EDT (07:30Z).
    gap = between([schedule(time="02:30")], st, "2027-03-01", "2027-04-01")
    assert [o.post_at for o in gap] == [dt.datetime(2027, 3, 14, 7, 30, tzinfo=UTC)]
    assert gap[0].local_at.strftime("%H:%M %Z") == "03:30 EDT"
    assert gap[0].local_date == dt.date(2027, 3, 14)


def test_ambiguous_time_takes_the_first():
    # 01:30 happens twice on 2027-11-07 in New York; the first is EDT (05:30Z).
    got = local_post_time(dt.date(2027, 11, 7), dt.time(1, 30), _zone(NY))
    assert got == dt.datetime(2027, 11, 7, 5, 30, tzinfo=UTC)


def _zone(name):
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def test_feb_29_event_falls_on_feb_28_in_common_years():
    st = store(event("leap", "2012-02-29"))
    occs = between([schedule(tz="UTC")], st, "2026-01-01", "2030-01-01")
    assert [o.local_date.isoformat() for o in occs] == [
        "2026-02-28",
        "2027-02-28",
        "2028-02-29",
        "2029-02-28",
    ]


def test_month_only_event_never_in_reminders_but_in_digest():
    st = store(event("month-only", "2013-04"), event("exact", "2013-04-25"))
    rem = between([schedule(leads=(7, 0))], st, "2027-01-01", "2028-01-01")
    assert {o.event_ids for o in rem} == {("exact",)}
    digest = schedule(id="d", type="digest", digest_weekdays=(0,), digest_days=14)
    occs = between([digest], st, "2027-03-20", "2027-05-10")
    # Mondays 22 Mar ... 3 May 2027; April overlaps windows from 22 Mar to 26 Apr.
    listed = {o.local_date.isoformat(): o.event_ids for o in occs}
    assert listed["2027-03-22"] == ("month-only",)
    assert listed["2027-04-19"] == ("month-only", "exact")
    assert listed["2027-04-26"] == ("month-only",)
    assert "2027-05-03" not in listed  # an empty digest is skipped
    assert all(o.is_digest and o.key.startswith("d|digest|") for o in occs)


def test_digest_window_and_time():
    st = store(event("a", "2013-04-25"), event("b", "2015-05-08"))
    digest = schedule(id="d", type="digest", digest_weekdays=(0,), digest_days=14)
    occs = between([digest], st, "2027-04-19", "2027-04-20")
    (occ,) = occs
    assert occ.local_date == dt.date(2027, 4, 19)
    assert occ.post_at == dt.datetime(2027, 4, 19, 13, tzinfo=UTC)
    assert occ.event_ids == ("a",)  # 8 May is 19 days away, outside the 14-day window


def test_weekend_policies():
    # 2027-04-24 is a Saturday, 2027-04-25 a Sunday.
    st = store(event("sat", "2010-04-24"), event("sun", "2010-04-25"))
    as_is = between([schedule()], st, "2027-04-20", "2027-05-01")
    assert [o.local_date.isoformat() for o in as_is] == ["2027-04-24", "2027-04-25"]
    fri = between([schedule(weekend="previous_friday")], st, "2027-04-20", "2027-05-01")
    assert [o.local_date.isoformat() for o in fri] == ["2027-04-23", "2027-04-23"]
    assert {o.anniversary_date for o in fri} == {dt.date(2027, 4, 24), dt.date(2027, 4, 25)}
    mon = between([schedule(weekend="next_monday")], st, "2027-04-20", "2027-05-01")
    assert [o.local_date.isoformat() for o in mon] == ["2027-04-26", "2027-04-26"]


def test_weekend_collapse_keeps_nearest_lead():
    # Anniversary on Sunday 2027-04-25 with leads 1 (Saturday) and 0 (Sunday): both move to Friday.
    st = store(event("sun", "2010-04-25"))
    occs = between(
        [schedule(leads=(1, 0), weekend="previous_friday")], st, "2027-04-01", "2027-05-01"
    )
    assert [(o.local_date.isoformat(), o.lead_days) for o in occs] == [("2027-04-23", 0)]


def test_move_for_weekend_weekdays_untouched():
    monday = dt.date(2027, 4, 26)
    assert move_for_weekend(monday, "previous_friday") == monday
    assert move_for_weekend(dt.date(2027, 4, 25), "next_monday") == monday


def test_no_anniversary_before_year_one():
    st = store(event("new", "2027-04-25"))
    assert between([schedule(leads=(7, 0))], st, "2027-01-01", "2028-01-01") == []
    occs = between([schedule()], st, "2028-01-01", "2029-01-01")
    assert [o.anniversary_date for o in occs] == [dt.date(2028, 4, 25)]


def test_lead_across_new_year():
    st = store(event("jan", "2012-01-03"))
    occs = between([schedule(leads=(7,))], st, "2026-12-01", "2027-01-01")
    assert [(o.local_date, o.anniversary_date) for o in occs] == [
        (dt.date(2026, 12, 27), dt.date(2027, 1, 3))
    ]


def test_filters_and_sorting():
    st = store(
        event("r", "2013-04-25", kind="resolution"),
        event("a", "2013-04-25", kind="attack", tone="solemn", tags=("mali",)),
        event("other-topic", "2013-04-25", topic="sahel"),
    )
    kinds = schedule(events=EventFilter(kinds=("attack",)))
    tags = schedule(id="t", events=EventFilter(tags=("mali",)))
    topics = schedule(id="p", events=EventFilter(topics=("minusma",)))
    ids = schedule(id="i", events=EventFilter(ids=("r",)))
    occs = between([topics, kinds, tags, ids], st, "2027-04-25", "2027-04-26")
    assert [o.key.split("|")[:2] for o in occs] == [
        ["i", "r"],
        ["p", "a"],
        ["p", "r"],
        ["s", "a"],
        ["t", "a"],
    ]


def test_half_open_interval():
    st = store(event("e", "2013-04-25"))
    at = "2027-04-25T13:00:00"
    assert len(between([schedule()], st, at, "2027-04-25T13:00:01")) == 1
    assert between([schedule()], st, "2027-04-25T12:00:00", at) == []


def test_naive_datetimes_refused():
    import pytest

    with pytest.raises(ValueError):
        occurrences_between([], store(), dt.datetime(2027, 1, 1), dt.datetime(2027, 2, 1))
