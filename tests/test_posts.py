"""The anniversary post and digest as Slack would show them: content, tone, escaping, limits."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from bot.facts.model import Fact, Location, Point, Source, Store, TalkingPointSet
from bot.schedule.model import EventFilter
from bot.schedule.occurrences import occurrences_between
from bot.schedule.wording import CELEBRATORY_EMOJI, CELEBRATORY_WORDS
from bot.slack.posts import render_occurrence, render_occurrence_text
from tests.test_occurrences import event, schedule

UTC = dt.UTC
NOW = dt.datetime(2027, 4, 25, 13, 0, tzinfo=UTC)
SRC = Source(title="UN Security Council", url="https://press.un.org/en/2013/sc10987.doc.htm")


def _store(*events, facts=(), tps=()):
    return Store(
        facts={f.id: f for f in facts},
        events={e.id: e for e in events},
        talking_points={t.id: t for t in tps},
    )


FACT = Fact(
    id="peacekeepers-killed",
    statement="At least *311* peacekeepers died while serving with MINUSMA.",
    sources=(SRC,),
    as_of=dt.date(2023, 12, 31),
    topic="minusma",
    location=Location("facts/x.yaml"),
)
TPS = TalkingPointSet(
    id="why-minusma",
    title="Why MINUSMA mattered",
    topic="minusma",
    audience="Hill staff",
    as_of=dt.date(2024, 1, 1),
    points=(Point(text="It was the UN's deadliest mission.", facts=("peacekeepers-killed",)),),
    location=Location("facts/x.yaml"),
)
RES = dataclasses.replace(
    event("res-2100", "2013-04-25"),
    title="Security Council creates MINUSMA (Resolution 2100)",
    summary="Resolution 2100 established the mission. <!channel> & friends",
    facts=("peacekeepers-killed",),
    talking_points=("why-minusma",),
    suggested_post="14 years ago today the Security Council created MINUSMA.",
    sources=(SRC,),
)


def _occ(st, sched, start="2027-04-25T00:00", end="2027-04-26T00:00"):
    occs = occurrences_between(
        [sched],
        st,
        dt.datetime.fromisoformat(start).replace(tzinfo=UTC),
        dt.datetime.fromisoformat(end).replace(tzinfo=UTC),
    )
    assert len(occs) == 1, occs
    return occs[0]


def _all_text(blocks):
    return json.dumps(blocks, ensure_ascii=False)


def test_reminder_post_content():
    st = _store(RES, facts=[FACT], tps=[TPS])
    blocks, text = render_occurrence(_occ(st, schedule()), st, NOW)
    assert blocks[0] == {
        "type": "header",
        "text": {
            "type": "plain_text",
            "text": "14th anniversary: Security Council creates MINUSMA (Resolution 2100)",
            "emoji": True,
        },
    }
    body = _all_text(blocks)
    assert "Today is the 14th anniversary (25 April 2013)." in body
    assert "311" in body and "as of 31 Dec 2023" in body
    assert "Talking points: Why MINUSMA mattered" in body and "Hill staff" in body
    assert "```14 years ago today the Security Council created MINUSMA.```" in body
    assert "<https://press.un.org/en/2013/sc10987.doc.htm|UN Security Council>" in body
    # The store's text cannot ping the channel, and a bare & is escaped.
    assert "<!channel>" not in body and "&lt;!channel&gt; &amp; friends" in body
    assert text.startswith("14th anniversary: Security Council creates MINUSMA")


def test_lead_reminder_says_when():
    st = _store(RES)
    occ = _occ(st, schedule(leads=(7,)), "2027-04-18T00:00", "2027-04-19T00:00")
    text = render_occurrence_text(occ, st, NOW)
    assert "In a week (Sunday 25 April 2027) will be the 14th anniversary" in text


def test_milestone_emphasis():
    st = _store(dataclasses.replace(RES, date=dataclasses.replace(RES.date, year=2017)))
    occ = _occ(st, schedule(milestones=(10,)))
    blocks, _ = render_occurrence(occ, st, NOW)
    assert blocks[1]["text"]["text"].startswith("*Today is the 10th anniversary")
    assert "A milestone year." in blocks[1]["text"]["text"]


def test_late_post_says_so():
    st = _store(RES)
    blocks, text = render_occurrence(
        _occ(st, schedule()), st, NOW, late_by=dt.timedelta(hours=3, minutes=12)
    )
    assert blocks[1]["type"] == "context"
    late = blocks[1]["elements"][0]["text"]
    assert "Posted 3 h 12 min late (factbot was down); it was due at 09:00 EDT." in late
    assert "late" in text


def test_solemn_post_never_celebrates():
    attack = dataclasses.replace(
        event("attack", "2013-04-25", kind="attack", tone="solemn"),
        suggested_post="We remember those killed.",
    )
    st = _store(attack)
    for lead in (0, 1, 7):
        occ = _occ(
            st, schedule(leads=(lead,), milestones=(14,)), "2027-04-01T00:00", "2027-05-01T00:00"
        )
        blocks, text = render_occurrence(occ, st, NOW)
        rendered = (_all_text(blocks) + text).lower()
        assert "remembering" in rendered and "14 years since" in rendered
        assert not [w for w in CELEBRATORY_WORDS if w in rendered]
        assert not [m for m in CELEBRATORY_EMOJI if m in rendered]


def test_limits_respected_for_huge_content():
    long = "word " * 2000
    big = dataclasses.replace(RES, summary=long, suggested_post=long, title="T" * 400)
    st = _store(big, facts=[FACT], tps=[TPS])
    blocks, text = render_occurrence(_occ(st, schedule()), st, NOW)
    assert len(blocks) <= 50
    for block in blocks:
        texts = [block["text"]] if "text" in block else block.get("elements", [])
        for t in texts:
            assert len(t["text"]) <= (150 if block["type"] == "header" else 3000)
    suggested = [b for b in blocks if "Suggested post" in b.get("text", {}).get("text", "")]
    assert suggested[0]["text"]["text"].endswith("…```")
    assert len(text) <= 3000


def test_digest_lists_events_and_caps_blocks():
    many = [event(f"e{i:03d}", "2013-04-25", title=None) for i in range(600)]
    st = _store(*many, dataclasses.replace(event("m", "2013-05"), title="Month event"))
    digest = schedule(id="d", type="digest", digest_weekdays=(0,), digest_days=14)
    occ = _occ(st, digest, "2027-04-19T00:00", "2027-04-20T00:00")
    blocks, text = render_occurrence(occ, st, NOW)
    assert len(blocks) <= 50
    assert blocks[0]["text"]["text"] == "Anniversaries coming up (from 19 April)"
    first = blocks[1]["text"]["text"]
    assert first.startswith("• Sun 25 Apr — 14th anniversary: Title of e000 (in 6 days)")
    assert text == "Anniversaries coming up (from 19 April): 601 anniversaries"
    assert "May (day unknown) — 14th anniversary: Month event" in _all_text(blocks)


def test_digest_filter_respected():
    st = _store(RES, event("attack", "2013-04-26", kind="attack", tone="solemn"))
    digest = schedule(
        id="d", type="digest", digest_weekdays=(0,), events=EventFilter(kinds=("attack",))
    )
    occ = _occ(st, digest, "2027-04-19T00:00", "2027-04-20T00:00")
    text = render_occurrence_text(occ, st, NOW)
    assert "Mon 26 Apr — 14 years since: Title of attack (in a week)" in text
    assert "res-2100" not in text and "MINUSMA" not in text


def test_missing_event_is_explained():
    st = _store(RES)
    occ = _occ(st, schedule())
    _, text = render_occurrence(occ, _store(), NOW)
    assert "no longer in the fact store" in text


def test_a_low_confidence_related_fact_is_marked_unverified_in_the_post():
    low = dataclasses.replace(FACT, confidence="low")
    st = _store(RES, facts=[low], tps=[TPS])
    assert "_unverified (low confidence)_" in _all_text(
        render_occurrence(_occ(st, schedule()), st, NOW)[0]
    )
    st = _store(RES, facts=[FACT], tps=[TPS])
    assert "unverified" not in _all_text(render_occurrence(_occ(st, schedule()), st, NOW)[0])
