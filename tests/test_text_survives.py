"""Store text reaches every surface as written (issue 7, item 3), and never past Slack's limits.

The store is real YAML read by the real loader; what is asserted is what a reader sees: the
blocks and the fallback `text` as Slack shows them (`to_plain` of what is sent), the App Home,
and the console.
"""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.console import Console, run_lines
from bot.facts import load_store
from bot.facts.model import EventDate
from bot.mrkdwn import MAX_STORED_TEXT, MAX_TITLE, escape, render_stored, sent_length, to_plain
from bot.search.live import Snapshot
from bot.slack.blocks import render_fact, render_shared_fact, render_talking_points
from bot.slack.home import render_home
from bot.slack.plaintext import view_to_text
from bot.slack.posts import render_occurrence
from tests.test_blocks_limits import Found, assert_within_slack_limits
from tests.test_blocks_store import TODAY, Source, event, fact, make_store

STATEMENT = "Losses fall to <5% (from >20%) at AT&T; the memo wrote &lt;5% as its code."
STORE = f"""
facts:
  - id: losses-2020
    statement: "{STATEMENT}"
    caveat: "Per <https://example.org/memo?a=1&b=2|the memo & annex>; R&D excluded."
    sources:
      - title: "Memo <draft> & annex"
        url: https://example.org/memo
    as_of: 2020-01-01
    review_by: 2021-01-01
    topic: testland
"""


def loaded(tmp_path):
    (tmp_path / "store.yaml").write_text(STORE, encoding="utf-8")
    result = load_store(tmp_path, TODAY)
    assert result.ok, [p.format() for p in result.problems]
    return result.store


def seen(blocks: list) -> str:
    """Every text in `blocks` as a reader sees it."""
    texts = []
    for block in blocks:
        for obj in [block.get("text"), *block.get("elements", []), *block.get("fields", [])]:
            if isinstance(obj, dict) and isinstance(obj.get("text"), str):
                texts.append(to_plain(obj["text"]))
    return "\n".join(texts)


def test_the_fallback_text_keeps_literal_brackets_ampersands_and_entities(tmp_path):
    store = loaded(tmp_path)
    _, text = render_fact(store, [Found(store.facts["losses-2020"])], 0, "losses", TODAY)
    assert STATEMENT in to_plain(text)  # was "Losses fall to 5% (from 20%)", "wrote <5%"


def test_the_app_home_keeps_literal_brackets(tmp_path):
    record = loaded(tmp_path).facts["losses-2020"]
    home = view_to_text(render_home([], [record], "https://github.com/acme/factbot"))
    assert f"_{STATEMENT}_" in home


def test_blocks_and_console_read_as_written(tmp_path):
    store = loaded(tmp_path)
    blocks, _ = render_fact(store, [Found(store.facts["losses-2020"])], 0, "losses", TODAY)
    out: list[str] = []
    console = Console(Snapshot.of(store), TODAY, "https://x")
    run_lines(console, ["/fact losses"], out.append, echo=False)
    for surface in (seen(blocks), "\n".join(out)):
        assert STATEMENT in surface
        assert "the memo & annex (https://example.org/memo?a=1&b=2); R&D excluded." in surface
        assert "Memo <draft> & annex (https://example.org/memo)" in surface


def test_the_caveat_keeps_its_link_on_the_fact_card(tmp_path):
    store = loaded(tmp_path)
    blocks, _ = render_fact(store, [Found(store.facts["losses-2020"])], 0, "losses", TODAY)
    caveat = next(
        b["text"]["text"] for b in blocks if "Caveat" in b.get("text", {}).get("text", "")
    )
    link = "<https://example.org/memo?a=1&amp;b=2|the memo &amp; annex>"
    assert caveat == f"*Caveat:* Per {link}; R&amp;D excluded."


# Text a store author could write: words, figures and the characters Slack escapes, each
# repeated up to hundreds of times so texts reach the limits.
PART = st.one_of(
    st.sampled_from(["&", "<", ">", "<5%", "AT&T", "&lt;", "<!here>", "<@U1>", " ", "12,600"]),
    st.sampled_from(["<https://un.org/x?a=1&b=2|the UN & co>", "*bold*", "\u202e", "é"]),
    st.text(min_size=1, max_size=30),
)
WORDS = st.lists(
    st.tuples(PART, st.integers(1, 800)).map(lambda part: part[0] * part[1]), max_size=6
).map("".join)


def fitting(text: str, limit: int = MAX_STORED_TEXT) -> str:
    """`text` cut (at a character) to what `factbot check` lets through."""
    while sent_length(text) > limit:
        text = text[: len(text) - max(1, (sent_length(text) - limit) // 5)]
    return text


@settings(max_examples=40, deadline=None)
@given(statement=WORDS, caveat=WORDS, title=WORDS, query=st.text(max_size=300))
def test_rendering_never_exceeds_a_limit_and_never_cuts_what_check_passed(
    statement, caveat, title, query
):
    store = make_store()
    record = fact("f", fitting(statement) or "x", caveat=fitting(caveat) or None)
    record = fact(
        "f",
        record.statement,
        caveat=record.caveat,
        sources=(Source(title or "t", "https://un.org"),),
    )
    for blocks, text in (
        render_fact(store, [Found(record)], 0, query, TODAY),
        render_shared_fact(store, record, "U1", TODAY),
    ):
        assert_within_slack_limits(blocks)
        assert len(text) <= 3000
        sent = [b["text"]["text"] for b in blocks if b["type"] == "section"]
        assert render_stored(record.statement) in sent  # whole, not cut
        if record.caveat:
            assert f"*Caveat:* {render_stored(record.caveat)}" in sent


@settings(max_examples=30, deadline=None)
@given(title=WORDS, summary=WORDS, point=WORDS)
def test_events_and_talking_points_stay_within_limits(title, summary, point):
    store = make_store()
    long_event = event("e", title or "t", EventDate(2013, 4, 25), summary=fitting(summary) or "s")
    blocks, text = render_shared_fact(store, long_event, "U1", TODAY)
    assert_within_slack_limits(blocks)
    assert len(text) <= 3000 and len(blocks[0]["text"]["text"]) <= 150
    assert render_stored(long_event.summary) in [b.get("text", {}).get("text") for b in blocks]
    tp_set = next(iter(store.talking_points.values()))
    points = (type(tp_set.points[0])(fitting(point) or "p", tp_set.points[0].facts),) * 3
    tp_set = type(tp_set)(**{**tp_set.__dict__, "points": points, "title": title or "t"})
    blocks, text = render_talking_points(store, tp_set, TODAY)
    assert_within_slack_limits(blocks)
    assert f"*1.* {render_stored(points[0].text)}" in [
        b.get("text", {}).get("text") for b in blocks
    ]


@settings(max_examples=25, deadline=None)
@given(title=WORDS, summary=WORDS, statement=WORDS, caveat=WORDS, point=WORDS, post=WORDS)
def test_anniversary_posts_stay_within_limits_and_keep_each_text_whole(
    title, summary, statement, caveat, point, post
):
    from tests.test_occurrences import schedule
    from tests.test_posts import FACT, NOW, RES, TPS, _occ, _store

    fact_ = dataclasses.replace(FACT, statement=fitting(statement) or "s", caveat=caveat or None)
    points = (dataclasses.replace(TPS.points[0], text=fitting(point) or "p"),) * 2
    event_ = dataclasses.replace(
        RES,
        title=fitting(title, MAX_TITLE) or "t",
        summary=fitting(summary) or "s",
        suggested_post=fitting(post) or None,
    )
    store = _store(event_, facts=[fact_], tps=[dataclasses.replace(TPS, points=points)])
    blocks, text = render_occurrence(_occ(store, schedule()), store, NOW)
    assert_within_slack_limits(blocks)
    assert len(text) <= 3000
    assert blocks[0]["text"]["text"].endswith(escape(event_.title))  # the header, whole
    sent = "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")
    for stored in (event_.summary, fact_.statement, points[0].text):
        assert render_stored(stored) in sent
