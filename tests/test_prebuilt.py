"""Prebuilt stores: what `factbot prebuild` writes is what the server would build, and any file
that is not exactly that (stale, damaged, hostile) is ignored for the YAML, never trusted."""

import datetime as dt
import hashlib
import logging
import os
import pickle
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.claims.engine import check_text
from bot.claims.evidence import ClaimIndex, cached_index, index_for
from bot.cli import main
from bot.facts.load import load_store
from bot.prebuilt import PrebuiltStores, content_key
from bot.prebuilt.cache import MAGIC, SUFFIX
from bot.search.index import SearchIndex
from bot.search.live import LiveStore
from tests.slackreq import write_store

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 29)
QUERIES = ["minusma fatalities", "peacekeepers killed", "budget", "Tombouctou", "mandate 2100"]
DRAFTS = [
    "MINUSMA was established in April 2013 by resolution 2100.",
    "More than 300 peacekeepers died in Mali, and the mission ended on 30 June 2023.",
    "MINUSMA had 200 military in 2014.",
]


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A copy of the shipped store, with the current directory where a deploy runs from."""
    shutil.copytree(ROOT / "facts", tmp_path / "facts")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTBOT_FACTS_DIR", "facts")
    monkeypatch.setenv("FACTBOT_DATA_DIR", "data")
    return tmp_path


def start(cache_dir="data/prebuilt", facts="facts") -> LiveStore:
    """A live store started as the web server starts one."""
    return LiveStore(
        Path(facts),
        today=lambda: TODAY,
        warm=(index_for,),
        start_cache=PrebuiltStores(cache_dir),
    )


def prebuilt_files(cache_dir="data/prebuilt") -> list[Path]:
    return sorted(Path(cache_dir).glob(f"*{SUFFIX}"))


def test_prebuild_then_start_serves_what_the_yaml_gives(shipped, capsys):
    assert main(["prebuild"]) == 0
    facts = len(load_store("facts").store.facts)
    assert f"prebuilt {facts} facts" in capsys.readouterr().out
    (written,) = prebuilt_files()
    assert written.name == content_key("facts") + SUFFIX

    live = start()
    fresh = load_store("facts", today=TODAY)
    fresh_index = SearchIndex.build(fresh.store)
    assert live.current.prebuilt is True
    assert live.current.store == fresh.store
    for query in QUERIES:
        got = [(m.record.id, m.score) for m in live.current.index.search(query)]
        assert got == [(m.record.id, m.score) for m in fresh_index.search(query)], query
    # The claim checker finds the index read from the file: it is not built again.
    adopted = cached_index(live.current.store)
    assert adopted is not None and index_for(live.current.store) is adopted
    fresh_claims = ClaimIndex.build(fresh.store)
    for draft in DRAFTS:
        assert check_text(draft, adopted, TODAY) == check_text(draft, fresh_claims, TODAY)


def test_a_first_start_builds_from_the_yaml_and_saves_for_the_next(shipped):
    first = start()
    assert first.current.prebuilt is False
    assert len(prebuilt_files()) == 1
    second = start()
    assert second.current.prebuilt is True
    assert second.current.store == first.current.store


def test_an_edited_file_is_never_served_from_the_old_prebuilt_store(shipped):
    start()
    path = Path("facts") / "minusma" / "figures.yaml"
    text = path.read_text()
    assert "statement:" in text
    path.write_text(text.replace("statement: ", "statement: Edited. ", 1))
    live = start()
    assert live.current.prebuilt is False
    assert any(f.statement.startswith("Edited.") for f in live.current.store.facts.values())
    assert len(prebuilt_files()) == 2  # this content's file and the one before (a rollback's)
    path.write_text(text.replace("statement: ", "statement: Again. ", 1))
    start()
    assert len(prebuilt_files()) == 2  # pruned: never more than two


def test_the_key_follows_content_not_timestamps(shipped):
    key = content_key("facts")
    path = Path("facts") / "minusma" / "figures.yaml"
    os.utime(path, (0, 0))
    assert content_key("facts") == key
    (Path("facts") / "new.yaml").write_text("facts: []\n")
    added = content_key("facts")
    assert added != key
    (Path("facts") / "new.yaml").rename(Path("facts") / "renamed.yaml")
    assert content_key("facts") not in (key, added)


def test_only_errors_are_kept_advisories_depend_on_the_day(shipped):
    fresh = load_store("facts", today=TODAY)
    assert fresh.advisories  # the shipped store has some: they must not be frozen in the file
    start()
    live = start()
    assert live.current.prebuilt is True
    assert live.current.problems == fresh.errors


def test_a_store_with_errors_is_prebuilt_as_the_server_would_serve_it(shipped, capsys):
    path = Path("facts") / "minusma" / "figures.yaml"
    path.write_text(path.read_text().replace("as_of: ", "as_of: 2023-02-30 #", 1))
    assert main(["prebuild"]) == 0
    assert "error" in capsys.readouterr().err
    live = start()
    assert live.current.prebuilt is True
    assert live.refused_edit is not None and live.refused_edit.error_count >= 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated (a full disk)
        lambda data: b"",
        lambda data: b"not a prebuilt store at all",
        lambda data: MAGIC + data[len(MAGIC) :][::-1],
        lambda data: flip_a_byte(data, 0.5),  # one byte changed on disk
        lambda data: flip_a_byte(data, 0.99),
        lambda data: sealed(pickle.dumps({"facts": 1})),  # a sound pickle of something else
    ],
)
def test_a_damaged_file_is_ignored_for_the_yaml(shipped, caplog, damage):
    start()
    (path,) = prebuilt_files()
    path.write_bytes(damage(path.read_bytes()))
    with caplog.at_level(logging.WARNING, logger="bot.prebuilt.cache"):
        live = start()
    assert live.current.prebuilt is False
    assert live.current.store == load_store("facts", today=TODAY).store
    ignored = [r for r in caplog.records if r.name == "bot.prebuilt.cache"]
    assert len(ignored) == 1 and ignored[0].levelno == logging.WARNING


def sealed(payload: bytes) -> bytes:
    """`payload` as a prebuilt file holds it: with its checksum, so only its content is judged."""
    return MAGIC + hashlib.sha256(payload).digest() + payload


def flip_a_byte(data: bytes, where: float) -> bytes:
    at = int(len(data) * where)
    return data[:at] + bytes([data[at] ^ 0x04]) + data[at + 1 :]


class Planted:
    """A pickle that runs a command when loaded: what a hostile file in the cache would hold."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_is_never_run(shipped, caplog):
    marker = shipped / "pwned"
    Path("data/prebuilt").mkdir(parents=True)
    planted = Path("data/prebuilt") / (content_key("facts") + SUFFIX)
    planted.write_bytes(sealed(pickle.dumps(Planted(marker))))
    with caplog.at_level(logging.WARNING, logger="bot.prebuilt.cache"):
        live = start()
    assert not marker.exists()
    assert live.current.prebuilt is False
    assert live.current.store == load_store("facts", today=TODAY).store
    assert "never holds" in caplog.text


def test_the_server_starts_when_the_cache_cannot_be_written(shipped, caplog):
    Path("data").mkdir()
    Path("data/prebuilt").write_text("a file where the directory should be")
    with caplog.at_level(logging.WARNING, logger="bot.prebuilt.cache"):
        live = start()
    assert live.current.store == load_store("facts", today=TODAY).store
    assert "could not save the prebuilt store" in caplog.text


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tail=st.binary(max_size=400))
def test_any_bytes_in_the_file_only_cost_a_build(tmp_path, tail):
    facts = tmp_path / "facts"
    if not facts.exists():
        write_store(facts)
    cache = PrebuiltStores(tmp_path / "cache")
    cache.directory.mkdir(exist_ok=True)
    cache.path_for(content_key(facts)).write_bytes(sealed(tail))
    assert cache.load(content_key(facts)) is None


def test_an_edit_landing_while_the_store_is_built_is_not_saved_under_the_old_name(shipped):
    stores = PrebuiltStores("data/prebuilt")
    key = stores.key(Path("facts"))
    result = load_store("facts", today=TODAY)
    path = Path("facts") / "minusma" / "figures.yaml"
    path.write_text(path.read_text().replace("statement: ", "statement: Edited. ", 1))
    assert stores.save(key, Path("facts"), result, SearchIndex.build(result.store)) is None
    assert prebuilt_files() == []


@pytest.mark.parametrize("facts", ["nosuch", "/dev/null", "empty"])
def test_prebuild_of_no_store_fails_and_keeps_the_files_it_had(shipped, capsys, facts):
    assert main(["prebuild"]) == 0
    before = prebuilt_files()
    Path("empty").mkdir()
    assert main(["prebuild", "--facts", facts]) == 2
    assert "no fact files" in capsys.readouterr().err
    assert prebuilt_files() == before


def test_prebuild_of_a_store_where_nothing_loads_saves_nothing(shipped, capsys):
    assert main(["prebuild"]) == 0
    before = prebuilt_files()
    Path("broken").mkdir()
    Path("broken/all.yaml").write_text("facts: [ {id: x\n")
    assert main(["prebuild", "--facts", "broken"]) == 1
    assert "no record of broken loads" in capsys.readouterr().err
    assert prebuilt_files() == before


def test_a_linked_directory_added_after_prebuild_is_reported_not_hidden(shipped, tmp_path):
    """The file's name covered only the readable YAML: F026 vanished behind `prebuilt: true`."""
    assert main(["prebuild"]) == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (Path("facts") / "linked").symlink_to(elsewhere, target_is_directory=True)
    live = start()
    assert live.current.prebuilt is False
    assert live.refused_edit is not None and any("F026" in e for e in live.refused_edit.errors)
