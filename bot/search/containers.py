"""Two small containers for search: a thread-safe LRU cache and a scaled view of a mapping."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping


class Lru:
    """A bounded least-recently-used cache, safe across threads.

    Unlike `functools.lru_cache` on a bound method, it holds no reference to its owner, so an
    index dropped on reload is freed by reference counting even while the GC is frozen.
    """

    def __init__(self, size: int):
        self._size = size
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def __getstate__(self) -> dict:
        # Pickled (in a prebuilt store) empty: a lock does not pickle, and a cache is rebuilt.
        return {"size": self._size}

    def __setstate__(self, state: dict) -> None:
        self._size = int(state["size"])
        self._data = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable):
        """The cached value for `key`, or `make(key)` (cached, evicting the least recent)."""
        data = self._data
        try:  # a hit takes no lock: each OrderedDict call is atomic under the GIL
            value = data[key]
            data.move_to_end(key)  # KeyError if evicted in between: then made again below
            return value
        except KeyError:
            pass
        value = make(key)
        with self._lock:
            self._data[key] = value
            if len(self._data) > self._size:
                self._data.popitem(last=False)
        return value


class Scaled(Mapping):
    """A read-only view of a mapping with every value multiplied by a factor (nothing copied)."""

    __slots__ = ("_base", "_factor")

    def __init__(self, base: Mapping[int, float], factor: float):
        self._base, self._factor = base, factor

    def __getitem__(self, key: int) -> float:
        return self._base[key] * self._factor

    def get(self, key: int, default=None):
        """The scaled value, or `default`."""
        value = self._base.get(key)
        return default if value is None else value * self._factor

    def __iter__(self):
        return iter(self._base)

    def __len__(self) -> int:
        return len(self._base)
