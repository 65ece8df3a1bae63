"""Reading a prebuilt file back: only factbot's own record and index classes may be built.

A pickle can name any callable and call it while it loads. The prebuilt file is factbot's own
output, but it lies in a directory others may write to (a deploy's working tree), so loading
follows the Python documentation's "restricting globals": dataclasses of the store, search,
claims and prebuilt packages, their index classes and `datetime` values, nothing else. Anything
more is refused as `PrebuiltRefused`, and the caller builds the store from its files instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import pickle
from typing import IO

DOMAIN_PACKAGES = ("bot.facts.", "bot.search.", "bot.claims.", "bot.prebuilt.")
# The index classes are plain classes (not dataclasses) whose state is their built tables.
INDEX_CLASSES = {
    ("bot.search.index", "SearchIndex"),
    ("bot.search.expansion", "Expander"),
    ("bot.search.labels", "Labels"),
    ("bot.search.similar", "SimilarWords"),
    ("bot.search.synonyms", "Synonyms"),
    ("bot.search.containers", "Lru"),
    ("bot.claims.evidence", "ClaimIndex"),
}
DATETIME_CLASSES = {"date": dt.date, "datetime": dt.datetime, "timedelta": dt.timedelta}


class PrebuiltRefused(pickle.UnpicklingError):
    """The file names something a prebuilt store never holds."""


class _DomainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if module == "datetime" and name in DATETIME_CLASSES:
            return DATETIME_CLASSES[name]
        if module.startswith(DOMAIN_PACKAGES):
            found = getattr(importlib.import_module(module), name, None)
            defined_here = isinstance(found, type) and found.__module__ == module
            allowed = dataclasses.is_dataclass(found) or (module, name) in INDEX_CLASSES
            if defined_here and allowed:
                return found
        raise PrebuiltRefused(f"a prebuilt store never holds {module}.{name}")


def load_domain(file: IO[bytes]):
    """Unpickle one object from `file`, refusing any global outside the store's own classes.

    Raises PrebuiltRefused for a forbidden name, and whatever `pickle` raises for a damaged or
    truncated file (UnpicklingError, EOFError, ValueError, ...).
    """
    return _DomainUnpickler(file).load()
