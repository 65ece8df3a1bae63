"""Read `schedules/*.yaml` into Schedules, with every problem at its line and column.

Files are read by the fact store's safe YAML reader (`bot.facts.yamlsafe`): the same refusal of
anchors, tabs, duplicate keys, deep nesting and files over 1 MiB, and the same positions; fields
type scalars by the fact store's policy (`bot.facts.scalars`). This module builds on the rules
of `bot.schedule.validate`, never the other way round.
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.facts.load import linked_directories, store_entries
from bot.facts.model import Location, Problem, Store
from bot.facts.rules import internal_error, problem
from bot.facts.scalars import show
from bot.facts.yamlsafe import Node, display_path, read_yaml
from bot.schedule.fields import make_problem
from bot.schedule.model import Schedule
from bot.schedule.occurrences import matching_events
from bot.schedule.validate import parse_schedule

# The shipped schedules' stand-in channel (all zeros): Slack would answer channel_not_found.
PLACEHOLDER_CHANNEL = re.compile(r"^[CG]0+$")


def check_schedules(schedules_dir: Path, store: Store) -> list[Problem]:
    """Every problem in the schedule files, in reading order (what `factbot check` reports)."""
    return load_schedules(schedules_dir, store)[1]


def schedule_files(schedules_dir: Path) -> list[Path]:
    """Every `*.yaml`/`*.yml` file under the directory, in a stable order."""
    return store_entries(Path(schedules_dir))[0]


def load_schedules(schedules_dir: Path, store: Store) -> tuple[list[Schedule], list[Problem]]:
    """The valid schedules and every problem found; a schedule with an error is left out."""
    schedules_dir = Path(schedules_dir)
    if not schedules_dir.is_dir():
        shown = display_path(schedules_dir)
        msg = f"schedules directory not found: {shown} (set --schedules or FACTBOT_SCHEDULES_DIR)"
        return [], [problem("F022", Location(shown), msg)]
    schedules: list[Schedule] = []
    files, links = store_entries(schedules_dir)
    # A linked directory's schedules would never post, without a word: an error, as in facts/.
    problems: list[Problem] = linked_directories(schedules_dir, links)
    first_seen: dict[str, Location] = {}
    for path in files:
        for schedule_id, where, schedule in _load_file(path, store, problems):
            if schedule_id in first_seen:
                was = first_seen[schedule_id]
                msg = f"duplicate schedule id '{schedule_id}' (first at {was.path}:{was.line})"
                problems.append(make_problem("S006", where, msg))
                continue
            if schedule_id is not None:
                first_seen[schedule_id] = where
            if schedule is None:
                continue
            schedules.append(schedule)
            if PLACEHOLDER_CHANNEL.match(schedule.channel):
                msg = f"schedule '{schedule.id}' posts to the placeholder channel "
                msg += f"{schedule.channel}; put your channel's ID here before deploying"
                problems.append(make_problem("S102", where, msg))
            if store.events and not matching_events(schedule, store):
                msg = f"schedule '{schedule.id}' matches no event in the fact store"
                problems.append(make_problem("S101", where, msg))
    problems.sort(key=lambda p: (p.path, p.line, p.col, p.code, p.message))
    return schedules, problems


def _load_file(path: Path, store: Store, problems: list[Problem]) -> list[tuple]:
    """(raw id, where the id is, the Schedule or None when it has errors) per schedule."""
    result = read_yaml(path)
    problems.extend(result.problems)
    if result.root is None:
        return []
    root = result.root
    top = root.value if isinstance(root.value, dict) else {}
    items = top.get("schedules")
    if items is None or not isinstance(items.value, list):
        msg = "a schedules file is a mapping with one key, `schedules:`, holding a list"
        problems.append(make_problem("S001", Location(result.path, root.line, root.col), msg))
        return []
    for key, node in top.items():
        if key != "schedules":
            where = Location(result.path, node.key_line or node.line, node.key_col or node.col)
            msg = f"unknown top-level key {show(key)}; a schedules file only has `schedules:`"
            problems.append(make_problem("S001", where, msg))
    lines = result.text.splitlines()  # the text the reader read: no second, unbounded read
    loaded = []
    for node in items.value:
        if not isinstance(node.value, dict):
            where = Location(result.path, node.line, node.col)
            problems.append(make_problem("S004", where, "each schedule must be a mapping"))
            continue
        schedule, found = _parse(node, result.path, store, lines)
        problems.extend(found)
        id_node = node.value.get("id")
        schedule_id = id_node.value if id_node and isinstance(id_node.value, str) else None
        where = (
            Location(result.path, id_node.line, id_node.col)
            if id_node
            else Location(result.path, node.line, node.col)
        )
        loaded.append((schedule_id, where, schedule))
    return loaded


def _parse(node: Node, path: str, store: Store, lines: list[str]) -> tuple:
    """One schedule; an exception in a rule (a bug) is F024 at the schedule, never a traceback."""
    try:
        return parse_schedule(node, path, store, lines)
    except Exception as exc:
        where = Location(path, node.line, node.col)
        return None, [internal_error(where, f"the schedule at {path}:{node.line}", exc)]
