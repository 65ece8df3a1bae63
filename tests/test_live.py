"""The live store: good edits are picked up; bad edits are refused, the last good store serves."""

import datetime as dt
import logging
import os
import signal

import pytest

from bot.claims.engine import check_text
from bot.claims.evidence import cached_index, index_for
from bot.search.live import LiveStore
from tests.slackreq import running_bot, write_store

TODAY = dt.date(2024, 6, 20)

NEW_FACT = """\
  - id: testland-beacons
    statement: "Test data: Testland added 3 radio beacons."
    sources:
      - title: "Testland Beacon List"
        url: "https://example.org/beacons"
    as_of: 2023-03-03
    review_by: 2030-01-01
    topic: testland
"""
BROKEN_FACT = """\
  - id: testland-broken
    statement: "Test data: no sources and a bad date."
    as_of: 2023-02-30
    review_by: 2030-01-01
    topic: testland
"""


def add_to_facts(facts_dir, record: str) -> None:
    path = facts_dir / "testland.yaml"
    text = path.read_text()
    path.write_text(text.replace("events:\n", record + "events:\n", 1))


@pytest.fixture
def live(tmp_path):
    write_store(tmp_path / "facts")
    return LiveStore(tmp_path / "facts", today=lambda: TODAY)


def test_nothing_changed_means_no_reload(live):
    before = live.current
    assert live.check_for_changes() is False
    assert live.current is before


def test_a_good_edit_is_picked_up(live, tmp_path):
    add_to_facts(tmp_path / "facts", NEW_FACT)
    assert live.check_for_changes() is True
    assert live.current.version == 2
    assert "testland-beacons" in live.current.store.facts
    assert live.current.index.search("radio beacons")[0].record.id == "testland-beacons"


def test_a_reload_builds_the_claim_index_before_the_swap(tmp_path):
    # The first factcheck after a reload must find its index built, not build it on the request
    # path (seconds at 10,000 facts, beyond the shortcut's 3 s trigger_id window).
    write_store(tmp_path / "facts")
    live = LiveStore(tmp_path / "facts", today=lambda: TODAY, warm=(index_for,))
    assert cached_index(live.current.store) is not None
    add_to_facts(tmp_path / "facts", NEW_FACT)
    assert live.check_for_changes() is True
    index = cached_index(live.current.store)
    assert index is not None and index.store is live.current.store
    (claim,) = check_text("Testland added 5 radio beacons.", index, TODAY)
    assert (claim.verdict, claim.record_id) == ("contradicted", "testland-beacons")


def test_a_bad_edit_is_refused_logged_and_the_last_good_store_serves(live, tmp_path, caplog):
    before = live.current
    add_to_facts(tmp_path / "facts", BROKEN_FACT)
    with caplog.at_level(logging.ERROR, logger="bot.search.live"):
        assert live.check_for_changes() is False
    assert live.current is before
    logged = caplog.text
    assert "refused" in logged
    assert "testland.yaml:" in logged and "F005" in logged  # path:line:col: CODE message
    assert live.check_for_changes() is False  # not retried until the files change again


def test_a_deleted_file_counts_as_a_change(live, tmp_path):
    (tmp_path / "facts" / "testland.yaml").unlink()
    assert live.check_for_changes() is True
    assert live.current.store.facts == {}


def test_sighup_reloads(live, tmp_path):
    if not hasattr(signal, "SIGHUP"):
        pytest.skip("no SIGHUP on this platform")
    previous = signal.getsignal(signal.SIGHUP)
    try:
        assert live.install_sighup()
        add_to_facts(tmp_path / "facts", NEW_FACT)
        os.kill(os.getpid(), signal.SIGHUP)
        live.sighup_reload.join(timeout=10)
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert "testland-beacons" in live.current.store.facts


def test_the_running_bot_answers_from_the_reloaded_store(fake_slack, tmp_path):
    with running_bot(fake_slack, tmp_path, TODAY) as bot:
        live = bot.web.services.live
        add_to_facts(tmp_path / "facts", BROKEN_FACT)
        live.check_for_changes()
        assert "12* lighthouses" in bot.command("/fact", "lighthouses testland").body
        add_to_facts(tmp_path / "facts", NEW_FACT)
        (tmp_path / "facts" / "testland.yaml").write_text(
            (tmp_path / "facts" / "testland.yaml").read_text().replace(BROKEN_FACT, "")
        )
        assert live.check_for_changes() is True
        assert cached_index(live.current.store) is not None  # built before the swap
        assert "3 radio beacons" in bot.command("/fact", "radio beacons").body


def test_a_linked_directory_added_while_serving_is_noticed(live, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "facts" / "linked").symlink_to(elsewhere, target_is_directory=True)
    assert live.check_for_changes() is False  # refused: F026 is an error
    assert live.refused_edit is not None and any("F026" in e for e in live.refused_edit.errors)
