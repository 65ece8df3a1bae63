"""Load the fact store from a directory of YAML files: every problem reported, bad records skipped.

Usage::

    result = load_store("facts", today=today)   # never raises on bad content
    result.ok, result.errors, result.advisories, result.store
    store = load_store_strict("facts")          # raises StoreError listing every error
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.facts.fields import suggest
from bot.facts.integrity import check_store
from bot.facts.memory import gc_paused
from bot.facts.model import Event, Fact, Location, Problem, Store, TalkingPointSet
from bot.facts.records import Built, build_record
from bot.facts.rules import internal_error, problem, sort_problems
from bot.facts.scalars import show
from bot.facts.yamlsafe import Node, ReadResult, display_path, read_yaml
from bot.grammar import count

SECTIONS = ("facts", "events", "talking_points", "synonyms")
_SHAPE = "a fact file is a mapping with any of: " + ", ".join(SECTIONS)


@dataclass(frozen=True)
class LoadResult:
    """The store built from every valid record, and every problem found on the way."""

    store: Store
    problems: tuple[Problem, ...]
    files: tuple[str, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that fail `factbot check`."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def advisories(self) -> tuple[Problem, ...]:
        """Problems that are only reported (stale facts, undated sources, ...)."""
        return tuple(p for p in self.problems if p.severity == "advisory")

    @property
    def ok(self) -> bool:
        """True when there are no errors (advisories are fine)."""
        return not self.errors


class StoreError(Exception):
    """The fact store has errors; `problems` lists them and str() shows one per line."""

    def __init__(self, problems: tuple[Problem, ...] | list[Problem]):
        self.problems = tuple(problems)
        lines = [p.format() for p in self.problems]
        super().__init__(f"the fact store has {count(len(lines), 'error')}:\n" + "\n".join(lines))


def fact_files(facts_dir: Path) -> list[Path]:
    """Every `*.yaml`/`*.yml` file under `facts_dir`, recursively, in a stable order."""
    return store_entries(facts_dir)[0]


def store_entries(facts_dir: Path) -> tuple[list[Path], list[Path]]:
    """In one walk of `facts_dir`: its YAML files (as `fact_files`) and its symbolic links to
    directories, which the walk does not follow."""
    files, links = [], []
    for path in facts_dir.rglob("*"):
        if path.is_symlink() and path.is_dir():
            links.append(path)
        elif path.suffix in (".yaml", ".yml") and path.is_file():
            files.append(path)

    def order(path: Path) -> str:
        return path.relative_to(facts_dir).as_posix()

    return sorted(files, key=order), sorted(links, key=order)


def linked_directories(facts_dir: Path, links: list[Path]) -> list[Problem]:
    """F026 for each symbolic link to a directory under `facts_dir` (or a schedules directory):
    it is not followed (its files could live anywhere, even outside the repository), so nothing
    in it loads; say so rather than serve a store that lost those records without a word."""
    found = []
    for path in links:
        inside = path.relative_to(facts_dir).as_posix()
        msg = (
            f"{inside} is a symbolic link to a directory: factbot does not read it; move its "
            "files here"
        )
        where = Location((Path(display_path(facts_dir)) / inside).as_posix())
        found.append(problem("F026", where, msg))
    return found


def load_store(facts_dir: Path | str, today: dt.date | None = None) -> LoadResult:
    """Read and validate every fact file; `today` (default: the date now) drives staleness."""
    today = today or dt.date.today()
    facts_dir = Path(facts_dir)
    if not facts_dir.is_dir():
        where = Location(display_path(facts_dir))
        msg = f"facts directory not found: {facts_dir} (use --facts DIR or FACTBOT_FACTS_DIR)"
        return LoadResult(Store.empty(), (problem("F022", where, msg),))
    files, links = store_entries(facts_dir)
    problems: list[Problem] = linked_directories(facts_dir, links)
    if not files:
        where = Location(display_path(facts_dir))
        problems.append(problem("A105", where, f"no *.yaml fact files in {facts_dir}"))
    with gc_paused():
        # One file at a time: each file's nodes are freed as soon as its records are built.
        unreadable: list[str] = []
        builts, synonyms = build_files(_reads(files, unreadable), problems)
        # A file that could not be read at all (syntax, a tab, an alias, its size) may define the
        # ids others refer to: its own error is the one to fix, not a cascade of unknown ids.
        records, cross = check_store(builts, today, complete=not unreadable)
    problems += [p for b in builts for p in b.problems] + cross
    store = Store(
        facts={r.id: r for r in records if isinstance(r, Fact)},
        events={r.id: r for r in records if isinstance(r, Event)},
        talking_points={r.id: r for r in records if isinstance(r, TalkingPointSet)},
        synonyms=tuple(synonyms),
    )
    shown = tuple(display_path(p) for p in files)
    return LoadResult(store, tuple(sort_problems(problems)), shown)


def _reads(files: list[Path], unreadable: list[str]) -> Iterator[ReadResult]:
    """Read each file in turn (its nodes freed once built), noting those that did not parse."""
    for path in files:
        read = read_yaml(path)
        if read.root is None and read.problems:
            unreadable.append(read.path)
        yield read


def build_files(
    reads: Iterable[ReadResult], problems: list[Problem]
) -> tuple[list[Built], list[tuple[str, ...]]]:
    """The records and synonym groups of every file read; file-level problems go to `problems`."""
    builts: list[Built] = []
    synonyms: list[tuple[str, ...]] = []
    for read in reads:
        problems += _load_file(read, builts, synonyms)
    return builts, synonyms


def load_store_strict(facts_dir: Path | str, today: dt.date | None = None) -> Store:
    """The store, or StoreError listing every error (advisories never fail it)."""
    result = load_store(facts_dir, today)
    if not result.ok:
        raise StoreError(result.errors)
    return result.store


def _load_file(read: ReadResult, builts: list[Built], synonyms: list) -> list[Problem]:
    problems = list(read.problems)
    root, shown = read.root, read.path
    if root is None:
        if not problems:
            problems.append(problem("F020", Location(shown), _SHAPE + " (the file is empty)"))
        return problems
    if not isinstance(root.value, dict):
        return [*problems, problem("F020", Location(shown, root.line, root.col), _SHAPE)]
    for key, node in root.value.items():
        where = Location(shown, node.key_line or node.line, node.key_col or node.col)
        if key not in SECTIONS:
            msg = f"unknown section {show(key)}{suggest(key, SECTIONS)}; {_SHAPE}"
            problems.append(problem("F020", where, msg))
        elif node.value is None:
            continue  # `events:` with nothing under it yet
        elif not isinstance(node.value, list):
            problems.append(problem("F006", where, f"'{key}' must be a list of items ('- ...')"))
        elif key == "synonyms":
            problems += _synonyms(node.value, shown, synonyms)
        else:
            builts += [_build(key, item, shown) for item in node.value]
    return problems


def _build(section: str, node: Node, shown: str) -> Built:
    """One record; an exception in a rule (a bug) is F024 at the record, never a traceback."""
    try:
        return build_record(section, node, shown)
    except Exception as exc:
        where = Location(shown, node.line, node.col)
        what = f"the record at {shown}:{node.line}"
        return Built(None, None, where, [internal_error(where, what, exc)])


def _synonyms(groups: list[Node], shown: str, out: list) -> list[Problem]:
    problems = []
    for group in groups:
        words = group.value if isinstance(group.value, list) else None
        if not words or not all(isinstance(w.value, str) and w.value.strip() for w in words):
            where = Location(shown, group.line, group.col)
            msg = "each synonym group must be a list of words, e.g. [killed, deaths, fatalities]"
            problems.append(problem("F006", where, msg))
            continue
        out.append(tuple(w.value.strip() for w in words))
    return problems
