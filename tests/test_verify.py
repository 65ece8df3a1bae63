"""Verification: an overdue fact's owners get one DM a week (whatever the number of passes or
processes), Still true opens one pull request recording the check, curators see unowned facts."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest

from bot.facts.load import load_store
from bot.slack.delivery import web_client
from bot.slack.verify import dm_sender, group_lister
from bot.storage import open_database
from bot.verify.reminders import send_reminders
from tests.fakegithub import REPO, TOKEN, FakeGitHub
from tests.slackreq import (
    SCHEMA_LINE,
    action_body,
    action_payload,
    running_bot,
    signed_post,
    wait_for,
    write_store,
)

TODAY = dt.date(2024, 6, 20)  # a Thursday
NOW = dt.datetime(2024, 6, 20, 13, 7, tzinfo=dt.UTC)
OWNED = (
    SCHEMA_LINE
    + """\
facts:
  - id: testland-foghorns
    statement: "Test data: Testland has 2 foghorns."
    sources:
      - title: "Testland Foghorn List"
        url: "https://example.org/foghorns"
    as_of: 2020-01-01
    reviewed: 2023-01-01
    review_every: 1 year
    topic: testland
    owners: [U0OWNER1, U0OWNER2]
  - id: testland-beacons
    statement: "Test data: Testland has 5 beacons."
    sources:
      - title: "Testland Beacon List"
        url: "https://example.org/beacons"
    as_of: 2020-01-01
    review_by: 2020-01-01
    topic: testland
    owners: [U0OWNER2]
"""
)


@pytest.fixture
def facts(tmp_path):
    write_store(tmp_path / "facts")
    (tmp_path / "facts" / "owned.yaml").write_text(OWNED, encoding="utf-8")
    return tmp_path / "facts"


def dms(fake, user):
    return [c for c in fake.calls_to("chat.postMessage") if c.body.get("channel") == user]


def test_each_owner_gets_one_dm_a_week_across_passes_and_processes(facts, fake_slack, database_url):
    store = load_store(facts, today=TODAY).store
    client = web_client("xoxb-test", fake_slack.api_url)
    databases = [open_database(database_url) for _ in range(3)]  # three processes
    try:
        threads = [
            threading.Thread(
                target=send_reminders, args=(db, store, TODAY, NOW, dm_sender(client, TODAY))
            )
            for db in databases
            for _ in range(2)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        report = send_reminders(
            databases[0], store, TODAY + dt.timedelta(days=3), NOW, dm_sender(client, TODAY)
        )
        assert report.sent == [] and sorted(report.already) == ["U0OWNER1", "U0OWNER2"]
        for owner in ("U0OWNER1", "U0OWNER2"):
            [dm] = dms(fake_slack, owner)
            shown = json.dumps(dm.body)
            assert "testland-foghorns" in shown and "Still true" in shown
            assert "Needs a change" in shown and "testland-lamps" not in shown  # not theirs
        next_week = send_reminders(
            databases[1], store, TODAY + dt.timedelta(days=7), NOW, dm_sender(client, TODAY)
        )
        assert sorted(next_week.sent) == ["U0OWNER1", "U0OWNER2"]
    finally:
        for db in databases:
            db.dispose()


def test_a_refused_dm_is_tried_again_and_a_lost_answer_is_not(facts, fake_slack, tmp_path):
    store = load_store(facts, today=TODAY).store
    client = web_client("xoxb-test", fake_slack.api_url, rate_limit_retries=False)
    db = open_database(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        fake_slack.faults.channel_errors = {"U0OWNER1": "user_not_found"}
        fake_slack.faults.lost_post_responses = 1  # U0OWNER2's DM lands, its answer is lost
        first = send_reminders(db, store, TODAY, NOW, dm_sender(client, TODAY))
        assert (first.failed, first.uncertain) == (["U0OWNER1"], ["U0OWNER2"])
        fake_slack.faults.channel_errors = {}
        second = send_reminders(db, store, TODAY, NOW, dm_sender(client, TODAY))
        assert (second.sent, second.already) == (["U0OWNER1"], ["U0OWNER2"])
        assert len(fake_slack.messages("U0OWNER2")) == 1  # never a second DM blind
    finally:
        db.dispose()


@pytest.fixture
def bot(fake_slack, facts, tmp_path):
    files = {f"facts/{p.name}": p.read_text() for p in facts.glob("*.yaml")}
    with FakeGitHub(files) as gh:
        env = {
            "GITHUB_TOKEN": TOKEN,
            "FACTBOT_GITHUB_REPO": REPO,
            "GITHUB_API_URL": gh.api_url,
            "FACTBOT_GITHUB_WRITE_INTERVAL": "0",
            "FACTBOT_CURATORS": "U0CUR001",
            "FACTBOT_SCHEDULES_DIR": str(tmp_path / "no-schedules"),
        }
        with running_bot(fake_slack, tmp_path, TODAY, env=env) as bot:
            yield bot, gh


def click(bot, action_id, record_id, name, user="U0OWNER1"):
    data = action_payload(
        action_id, json.dumps({"id": record_id}), bot.fake.response_url(name), user=user
    )
    return signed_post(bot.events_url, action_body(data))


def test_still_true_opens_one_pr_that_sets_reviewed_to_today(bot):
    slack, gh = bot
    slack.fake.users["U0OWNER1"] = {"name": "o.one", "profile": {"display_name": "Owen One"}}
    assert click(slack, "verify_ok", "testland-foghorns", "ok1").status == 200
    assert click(slack, "verify_ok", "testland-foghorns", "ok2").status == 200  # double click
    first = wait_for(lambda: slack.fake.calls_to("response_url:ok1"))
    second = wait_for(lambda: slack.fake.calls_to("response_url:ok2"))
    # The two clicks race (each runs after its answer): whichever claims the check first opens
    # the pull request and links it; the other links it too, or says it is being opened.
    told = [json.dumps(c.body) for c in (*first, *second)]
    link = "https://github.com/advocacy/factbot/pull/1"
    assert any(link in t for t in told), told
    assert all(link in t or "Already on it" in t for t in told), told
    [pull] = gh.pulls
    assert "Suggested in Slack by **Owen One**" in pull.body  # the display name, not o.one
    before = gh.files_at("main")["facts/owned.yaml"].splitlines()
    after = gh.files_at(pull.head)["facts/owned.yaml"].splitlines()
    assert [line for line in after if line not in before] == ["    reviewed: 2024-06-20"]
    assert [line for line in before if line not in after] == ["    reviewed: 2023-01-01"]


def test_still_true_moves_a_fixed_review_by_forward_by_its_interval(bot, tmp_path):
    slack, gh = bot
    assert click(slack, "verify_ok", "testland-lamps", "lamps").status == 200
    told = wait_for(lambda: slack.fake.calls_to("response_url:lamps"))
    assert "https://github.com/advocacy/factbot/pull/1" in json.dumps(told[0].body)
    [pull] = gh.pulls
    before = gh.files_at("main")["facts/testland.yaml"].splitlines()
    after = gh.files_at(pull.head)["facts/testland.yaml"].splitlines()
    # as_of 2021-05-01 → review_by 2024-01-01 is 32 months; from today that is 2027-02-20.
    assert [line for line in before if line not in after] == ["    review_by: 2024-01-01"]
    assert sorted(line for line in after if line not in before) == [
        "    review_by: 2027-02-20",
        "    reviewed: 2024-06-20",
    ]
    checkout = tmp_path / "pr-head"
    checkout.mkdir()
    for path, text in gh.files_at(pull.head).items():
        (checkout / path.removeprefix("facts/")).write_text(text, encoding="utf-8")
    loaded = load_store(checkout, today=TODAY)
    assert list(loaded.errors) == []
    assert not loaded.store.facts["testland-lamps"].is_stale(TODAY)  # no longer overdue


def test_still_true_without_an_interval_to_carry_says_what_to_do(bot):
    slack, gh = bot
    assert click(slack, "verify_ok", "testland-beacons", "beacons", user="U0OWNER2").status == 200
    told = wait_for(lambda: slack.fake.calls_to("response_url:beacons"))
    shown = json.dumps(told[0].body)
    assert "cannot tell when to review it next" in shown and "review_by" in shown
    assert gh.pulls == []


def test_needs_a_change_opens_the_correction_modal(bot):
    slack, _gh = bot
    assert click(slack, "verify_fix", "testland-foghorns", "fix").status == 200
    [call] = slack.fake.calls_to("views.open")
    view = call.body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert view["callback_id"] == "suggest_correction"
    assert "testland-foghorns" in json.dumps(view["blocks"])


def test_curators_see_overdue_facts_nobody_owns(bot):
    slack, _gh = bot
    for user in ("U0CUR001", "U0USER01"):
        slack.event({"type": "app_home_opened", "user": user, "tab": "home"})
    curator, other = (json.dumps(c.body) for c in slack.fake.calls_to("views.publish"))
    assert "Overdue facts nobody owns" in curator
    section = curator.split("Overdue facts nobody owns")[1]
    assert "testland-lamps" in section and "testland-foghorns" not in section
    assert "Overdue facts nobody owns" not in other


GROUPS = (
    SCHEMA_LINE
    + """\
facts:
  - id: testland-foghorns
    statement: "Test data: Testland has 2 foghorns."
    sources:
      - title: "Testland Foghorn List"
        url: "https://example.org/foghorns"
    as_of: 2020-01-01
    review_by: 2024-01-01
    topic: testland
    owners: [U0OWNER1, S0KEEPERS]
  - id: testland-buoys
    statement: "Test data: Testland has 9 buoys."
    sources:
      - title: "Testland Buoy List"
        url: "https://example.org/buoys"
    as_of: 2020-01-01
    review_by: 2024-02-01
    topic: testland
    owners: [S0KEEPERS, S0HARBOUR]
  - id: testland-piers
    statement: "Test data: Testland has 3 piers."
    sources:
      - title: "Testland Pier List"
        url: "https://example.org/piers"
    as_of: 2020-01-01
    review_by: 2024-03-01
    topic: testland
    owners: [S0BROKEN]
"""
)


def test_user_group_owners_reach_each_member_once_a_week(tmp_path, fake_slack):
    write_store(tmp_path / "facts")
    (tmp_path / "facts" / "owned.yaml").write_text(GROUPS, encoding="utf-8")
    loaded = load_store(tmp_path / "facts", today=TODAY)
    assert list(loaded.errors) == []  # S… ids are owners now, not an F006 error
    fake_slack.user_groups = {
        "S0KEEPERS": ["U0OWNER1", "U0MEMBER2"],
        "S0HARBOUR": ["U0MEMBER2", "U0MEMBER3"],
        "S0BROKEN": ["U0MEMBER4"],
    }
    fake_slack.faults.usergroup_errors = {"S0BROKEN": "missing_scope"}
    client = web_client("xoxb-test", fake_slack.api_url)
    db = open_database(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    members = group_lister(client)
    try:
        first = send_reminders(db, loaded.store, TODAY, NOW, dm_sender(client, TODAY), members)
        assert sorted(first.sent) == ["U0MEMBER2", "U0MEMBER3", "U0OWNER1"]
        assert first.unlisted == ["S0BROKEN"]  # reported, the pass went on
        shown = {u: json.dumps(dms(fake_slack, u)[0].body) for u in first.sent}
        for user in ("U0OWNER1", "U0MEMBER2"):  # owner directly and through groups: one DM
            assert len(dms(fake_slack, user)) == 1
            assert "testland-foghorns" in shown[user] and "testland-buoys" in shown[user]
            assert "testland-piers" not in shown[user]
        assert "testland-buoys" in shown["U0MEMBER3"]
        assert "testland-foghorns" not in shown["U0MEMBER3"]
        fake_slack.faults.usergroup_errors = {}
        second = send_reminders(db, loaded.store, TODAY, NOW, dm_sender(client, TODAY), members)
        assert second.sent == ["U0MEMBER4"] and second.unlisted == []
        assert "testland-piers" in json.dumps(dms(fake_slack, "U0MEMBER4")[0].body)
        assert sorted(second.already) == ["U0MEMBER2", "U0MEMBER3", "U0OWNER1"]
        assert all(len(dms(fake_slack, u)) == 1 for u in [*first.sent, *second.sent])
        lists = [c.body.get("usergroup") for c in fake_slack.calls_to("usergroups.users.list")]
        assert sorted(lists) == sorted(2 * list(fake_slack.user_groups))  # each once a pass
    finally:
        db.dispose()
