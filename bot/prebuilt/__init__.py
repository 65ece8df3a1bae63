"""Prebuilt stores: the loaded store and its indexes saved to a file, keyed by the files' content.

Loading and indexing a large store takes tens of seconds (100,000 facts: ~12 s to parse and
validate the YAML, ~3 s for the search index, ~20 s for the claim index); reading them back from
a prebuilt file takes about three. `factbot prebuild` writes one at deploy time; the web server
reads it at start when its key matches the files on disk, and builds and saves one when not.
"""

from bot.prebuilt.cache import Prebuilt, PrebuiltStores
from bot.prebuilt.key import content_key

__all__ = ["Prebuilt", "PrebuiltStores", "content_key"]
