"""A directory of prebuilt stores, one file per content key, written atomically."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import os
import pickle
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bot.claims.evidence import ClaimIndex, adopt_index, index_for
from bot.facts.load import LoadResult
from bot.facts.memory import gc_paused
from bot.prebuilt.key import content_key
from bot.prebuilt.unpickle import load_domain
from bot.search.index import SearchIndex

log = logging.getLogger(__name__)

MAGIC = b"factbot prebuilt store\n"
DIGEST = hashlib.sha256().digest_size  # the payload's SHA-256 follows MAGIC, then the payload
SUFFIX = ".prebuilt"
KEEP = 2  # files kept after a save: this store's and the one before (a rollback's)


@dataclass(frozen=True)
class Prebuilt:
    """What serving a store needs, built once: the load result and both indexes of its store.

    `result.problems` holds only errors: advisories depend on the day (staleness) and belong to
    `factbot check`, not to a file that may be read weeks later.
    """

    result: LoadResult
    index: SearchIndex
    claims: ClaimIndex


class PrebuiltStores:
    """Prebuilt stores in `directory` (created on the first save), named `<key>.prebuilt`."""

    def __init__(self, directory: Path | str):
        self.directory = Path(directory)

    def path_for(self, key: str) -> Path:
        """Where the prebuilt store with content key `key` lives."""
        return self.directory / f"{key}{SUFFIX}"

    def key(self, facts_dir: Path) -> str | None:
        """The content key of the files now in `facts_dir` (take it before loading them);
        None when they cannot all be read (one log line: the server builds from the YAML)."""
        try:
            return content_key(facts_dir)
        except OSError as exc:
            log.warning("no prebuilt store: could not read %s: %s", facts_dir, exc)
            return None

    def load(self, key: str) -> tuple[LoadResult, SearchIndex] | None:
        """The store and search index prebuilt under `key`, or None.

        None when there is no such file, or it cannot be read (damaged, or naming anything but
        the store's own classes): one log line, never an error. The claim index it holds is
        adopted, so the claim checker finds it built.
        """
        started = time.perf_counter()
        path = self.path_for(key)
        try:
            if not path.is_file():
                log.info("no prebuilt store %s (run `factbot prebuild` at deploy)", path)
                return None
            prebuilt = read(path)
        except Exception as exc:  # a damaged file only costs the build it would have saved
            log.warning("ignored prebuilt store %s: %s: %s", path, type(exc).__name__, exc)
            return None
        adopt_index(prebuilt.result.store, prebuilt.claims)
        log.info("prebuilt store read from %s in %.1f s", path, time.perf_counter() - started)
        return prebuilt.result, prebuilt.index

    def save(
        self, key: str, facts_dir: Path, result: LoadResult, index: SearchIndex
    ) -> Path | None:
        """Write what was built from `facts_dir` under `key`, the key its files had before they
        were loaded, unless they changed since.

        Returns the file written, or None (the files changed, or the directory is not writable:
        logged, the server runs on without it).
        """
        prebuilt = Prebuilt(
            dataclasses.replace(result, problems=result.errors), index, index_for(result.store)
        )
        try:
            # Checked before writing, so no reader ever finds the wrong store under `key`: an
            # edit that landed while we built means this is not that content.
            if content_key(facts_dir) != key:
                log.info("not saving the prebuilt store: %s changed while it was built", facts_dir)
                return None
            path = write(self.path_for(key), prebuilt)
        except OSError as exc:
            log.warning("could not save the prebuilt store in %s: %s", self.directory, exc)
            return None
        self.prune(keep=path)
        return path

    def prune(self, keep: Path) -> None:
        """Delete all but the KEEP newest prebuilt files (always keeping `keep`)."""
        files = sorted(self.directory.glob(f"*{SUFFIX}"), key=_mtime, reverse=True)
        for old in [f for f in files if f != keep][KEEP - 1 :]:
            old.unlink(missing_ok=True)


def write(path: Path, prebuilt: Prebuilt) -> Path:
    """Pickle `prebuilt` to `path` atomically (a temporary file renamed over it), after MAGIC
    and the SHA-256 of the pickle."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = pickle.dumps(prebuilt, protocol=pickle.HIGHEST_PROTOCOL)
    fd, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(MAGIC + hashlib.sha256(payload).digest())
            file.write(payload)
        # Readable by the server's user when a build step ran as another (a Dockerfile's RUN):
        # it holds only what the store's public files say.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def read(path: Path) -> Prebuilt:
    """Unpickle the prebuilt store at `path`; raises ValueError if it is not one, or if a single
    byte of it changed since it was written (a disk error, a partial copy)."""
    with path.open("rb") as file:
        if file.read(len(MAGIC)) != MAGIC:
            raise ValueError("not a prebuilt store")
        digest, payload = file.read(DIGEST), file.read()
    if hashlib.sha256(payload).digest() != digest:
        raise ValueError("its content does not match its checksum")
    with gc_paused():  # millions of objects, none of them garbage
        prebuilt = load_domain(io.BytesIO(payload))
    if not (
        isinstance(prebuilt, Prebuilt)
        and isinstance(prebuilt.result, LoadResult)
        and isinstance(prebuilt.index, SearchIndex)
        and isinstance(prebuilt.claims, ClaimIndex)
        and prebuilt.index.store is prebuilt.result.store is prebuilt.claims.store
    ):
        raise ValueError(f"holds a {type(prebuilt).__name__}, not a prebuilt store")
    return prebuilt


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
