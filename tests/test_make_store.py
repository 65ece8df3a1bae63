"""bench/make_store.py writes a valid, deterministic synthetic store that search can use."""

from __future__ import annotations

import datetime as dt

from bench.make_store import main, make_store
from bot.facts import load_store
from bot.search.index import SearchIndex


def test_synthetic_store_loads_with_zero_errors(tmp_path):
    written = make_store(1200, tmp_path / "store")
    names = sorted(p.name for p in written)
    assert names == [
        "events-001.yaml",
        "facts-001.yaml",
        "facts-002.yaml",
        "synonyms.yaml",
        "talking-points-001.yaml",
    ]
    result = load_store(tmp_path / "store", today=dt.date(2025, 1, 1))
    assert [p.format() for p in result.errors] == []
    store = result.store
    assert (len(store.facts), len(store.events), len(store.talking_points)) == (1200, 120, 24)
    assert store.synonyms
    aliases = [a.lower() for r in store.facts.values() for a in r.aliases]
    assert aliases and len(aliases) == len(set(aliases))
    for path in written:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        assert "&" not in path.read_text(encoding="utf-8").replace("&amp;", "")


def test_same_seed_same_bytes_other_seed_other_store(tmp_path):
    make_store(150, tmp_path / "a")
    make_store(150, tmp_path / "b")
    make_store(150, tmp_path / "c", seed=7)
    for name in ("facts-001.yaml", "events-001.yaml", "talking-points-001.yaml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / "facts-001.yaml").read_bytes() != (
        tmp_path / "c" / "facts-001.yaml"
    ).read_bytes()


def test_search_finds_synthetic_records(tmp_path):
    make_store(300, tmp_path)
    store = load_store(tmp_path, today=dt.date(2025, 1, 1)).store
    index = SearchIndex.build(store)
    fact = next(f for f in store.facts.values() if f.aliases)
    assert index.search(fact.aliases[0])[0].record.id == fact.id
    assert index.search(fact.id)[0].record.id == fact.id


def test_command_line(tmp_path, capsys):
    assert main(["40", str(tmp_path / "cli")]) == 0
    assert "wrote" in capsys.readouterr().out
    assert (tmp_path / "cli" / "facts-001.yaml").exists()
