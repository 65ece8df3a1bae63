"""Write a synthetic fact store of N facts (plus events, talking points, synonyms) for benchmarks.

Usage: python bench/make_store.py N DIR [--seed S]

The output follows docs/FORMAT.md and is deterministic for a given N and seed. It is synthetic
benchmark data with a realistic vocabulary: the statements are generated, NOT facts, and every
source points at example.org so nobody mistakes it for content.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import sys
import unicodedata
from pathlib import Path

import yaml

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.vocabulary import (
    AGENCIES,
    AUDIENCES,
    CONTRIBUTORS,
    EVENT_KINDS,
    MISSIONS,
    POINTS,
    SYLLABLES,
    SYNONYMS,
    TEMPLATES,
    THEMES,
    VILLAGES,
)

FACTS_PER_FILE = 1000
SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "facts.schema.json"
HEADER = "# Synthetic benchmark data written by bench/make_store.py: generated text, not facts.\n"


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Safe YAML with no anchors (the store refuses them) and keys in the order written."""

    def ignore_aliases(self, data):
        return True


class Quoted(str):
    """A string written in double quotes (month-only event dates, "2013-04")."""


_Dumper.add_representer(
    Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style='"')
)


def slug(text: str) -> str:
    """`Sévaré` -> `sevare`, `Port-au-Prince` -> `port-au-prince`."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


class Generator:
    """Deterministic records from one seeded random source; ids and aliases stay unique."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.ids: set[str] = set()
        self.aliases: set[str] = set()
        names: dict[str, None] = {}
        while len(names) < VILLAGES:
            parts = self.rng.choices(SYLLABLES, k=self.rng.randint(2, 4))
            names.setdefault("".join(parts).capitalize(), None)
        self.villages = list(names)

    def unique_id(self, base: str) -> str:
        """`base`, or `base-2`, `base-3`… when taken."""
        candidate, n = base, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{n}"
        self.ids.add(candidate)
        return candidate

    def alias(self, text: str) -> list[str]:
        """`[text]` if no other record uses it yet (case-insensitively), else `[]`."""
        key = slug(text)
        if key in self.aliases:
            return []
        self.aliases.add(key)
        return [text]

    def values(self) -> dict:
        """Random template values drawn from one mission."""
        rng = self.rng
        topic, mission, country, places = rng.choice(MISSIONS)
        year = rng.randint(2004, 2024)
        day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        return {
            "topic": topic, "m": mission, "c": country, "y": year,
            "p": rng.choice(places) if rng.random() < 0.4 else rng.choice(self.villages),
            "z": year + 1, "d": f"{day.day} {day:%B %Y}", "date": day, "a": rng.choice(AGENCIES),
            "t": rng.choice(CONTRIBUTORS), "r": rng.randint(1500, 2750),
            "n": rng.randint(1_000, 950_000), "u": rng.randint(300, 20_000),
            "b": rng.randint(40, 1_600), "s": rng.randint(10, 2_000), "k": rng.randint(2, 60),
            "j": rng.randint(1, 9), "q": rng.randint(3, 97),
        }  # fmt: skip

    def fact(self, number: int) -> dict:
        """One fact record as the YAML mapping."""
        metric, words, template = self.rng.choice(TEMPLATES)
        v = self.values()
        fact_id = self.unique_id(f"{v['topic']}-{metric}-{slug(v['p'])}-{v['y']}")
        record = {
            "id": fact_id,
            "statement": template.format(**v),
            "sources": [self.source(fact_id, f"{v['m']} {words}, {v['y']}", v["date"])],
            "as_of": v["date"],
            "review_every": self.rng.choice(["6 months", "12 months", "2 years"]),
            "topic": v["topic"],
            "tags": [metric, slug(v["c"]).replace("the-", "")],
        }
        if number % 3 == 0:
            record["aliases"] = self.alias(f"{v['m']} {words} {v['p']} {v['y']}")
        return record

    def event(self, facts_by_topic: dict[str, list[str]]) -> dict:
        """One event record, linked to facts of its topic."""
        kind, tone, title, summary = self.rng.choice(EVENT_KINDS)
        v = self.values()
        date = v["date"].isoformat() if self.rng.random() < 0.9 else Quoted(f"{v['date']:%Y-%m}")
        event_id = self.unique_id(f"{v['topic']}-{kind}-{slug(v['p'])}-{v['y']}")
        related = facts_by_topic.get(v["topic"], [])
        return {
            "id": event_id,
            "date": date if isinstance(date, Quoted) else v["date"],
            "title": title.format(**v),
            "kind": kind,
            "summary": summary.format(**v),
            "tone": tone,
            "sources": [self.source(event_id, title.format(**v), v["date"])],
            "topic": v["topic"],
            "facts": self.rng.sample(related, min(2, len(related))),
        }

    def talking_points(self, facts_by_topic: dict[str, list[str]]) -> dict:
        """One talking-point set whose points cite facts of its topic."""
        v = self.values()
        theme, audience = self.rng.choice(THEMES), self.rng.choice(AUDIENCES)
        related = facts_by_topic.get(v["topic"]) or [
            i for ids in facts_by_topic.values() for i in ids
        ]
        points = [
            {"text": text.format(theme=theme, audience=audience, **v),
             "facts": self.rng.sample(related, min(2, len(related)))}
            for text in self.rng.sample(POINTS, self.rng.randint(2, 4))
        ]  # fmt: skip
        set_id = self.unique_id(f"{v['topic']}-{slug(theme)}-{slug(audience)}")
        return {
            "id": set_id,
            "title": f"{v['m']} and {theme}: points for {audience}",
            "topic": v["topic"],
            "audience": audience,
            "as_of": v["date"],
            "points": points,
        }

    def source(self, record_id: str, title: str, date: dt.date) -> dict:
        """A placeholder citation on example.org."""
        url = f"https://example.org/synthetic/{record_id}"
        return {"title": title, "url": url, "publisher": "Synthetic benchmark", "date": date}


def make_store(n: int, directory: Path, seed: int = 2013) -> list[Path]:
    """Write the synthetic store under `directory`; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    gen = Generator(seed)
    facts = [gen.fact(i) for i in range(n)]
    by_topic: dict[str, list[str]] = {}
    for record in facts:
        by_topic.setdefault(record["topic"], []).append(record["id"])
    events = [gen.event(by_topic) for _ in range(n // 10)]
    sets = [gen.talking_points(by_topic) for _ in range(max(n // 50, 1) if n else 0)]
    files = {
        **_chunks("facts", "facts", facts),
        **_chunks("events", "events", events),
        **_chunks("talking-points", "talking_points", sets),
        "synonyms.yaml": {"synonyms": SYNONYMS},
    }
    written = []
    for name, content in files.items():
        path = directory / name
        schema = Path(os.path.relpath(SCHEMA, directory.resolve())).as_posix()
        text = yaml.dump(content, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        path.write_text(f"# yaml-language-server: $schema={schema}\n{HEADER}{text}", "utf-8")
        written.append(path)
    return written


def _chunks(stem: str, key: str, records: list[dict]) -> dict[str, dict]:
    """Split records into files of FACTS_PER_FILE (the store refuses files over 1 MiB)."""
    return {
        f"{stem}-{i // FACTS_PER_FILE + 1:03d}.yaml": {key: records[i : i + FACTS_PER_FILE]}
        for i in range(0, len(records), FACTS_PER_FILE)
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: `make_store.py N DIR [--seed S]`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of facts")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seed", type=int, default=2013)
    args = parser.parse_args(argv)
    written = make_store(args.n, args.directory, args.seed)
    print(f"wrote {len(written)} files to {args.directory}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
