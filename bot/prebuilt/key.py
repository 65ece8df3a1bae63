"""The key of a prebuilt store: a digest of the fact files' bytes and of the code reading them."""

from __future__ import annotations

import functools
import hashlib
import sys
from importlib import metadata
from pathlib import Path

from bot.facts.load import store_entries
from bot.facts.yamlsafe import display_path

# Bump when the file layout changes in a way the code digest would not show.
FORMAT = "factbot-prebuilt-1"
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # bot/
# A parser upgrade may read the same bytes differently; the fuzzy matcher's tables are indexed.
BUILT_WITH = ("PyYAML", "rapidfuzz")


def content_key(facts_dir: Path | str) -> str:
    """A hex SHA-256 naming what loading `facts_dir` would build, with this code, right now.

    It covers each YAML file's path (relative to `facts_dir`) and bytes, each symbolic link to
    a directory (F026), the directory as it
    is shown in problems (stored paths are relative to the current directory), the Python
    version, the YAML parser's version and factbot's own source: any change to any of them
    gives a new key.
    """
    facts_dir = Path(facts_dir)
    digest = hashlib.sha256()
    for part in (FORMAT, sys.version, code_digest(), *library_versions(), display_path(facts_dir)):
        _add(digest, part.encode())
    files, links = store_entries(facts_dir)
    for path in files:
        _add(digest, path.relative_to(facts_dir).as_posix().encode())
        with path.open("rb") as file:  # streamed: a huge file (which load refuses) costs no memory
            _add(digest, hashlib.file_digest(file, "sha256").digest())
    for link in links:  # each is an error (F026) the store loaded from these files reports
        _add(digest, b"link " + link.relative_to(facts_dir).as_posix().encode())
    return digest.hexdigest()


@functools.cache
def library_versions() -> tuple[str, ...]:
    """The versions of the libraries whose output a prebuilt store holds."""
    return tuple(f"{name} {metadata.version(name)}" for name in BUILT_WITH)


@functools.cache
def code_digest() -> str:
    """A hex SHA-256 of every `.py` file of the `bot` package (the classes a file pickles)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        _add(digest, path.relative_to(PACKAGE_DIR).as_posix().encode())
        _add(digest, path.read_bytes())
    return digest.hexdigest()


def _add(digest, data: bytes) -> None:
    # Length-prefixed: the boundaries between parts are part of what is hashed.
    digest.update(len(data).to_bytes(8, "big"))
    digest.update(data)
