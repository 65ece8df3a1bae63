"""The fact store: typed records, the safe loader and its validation rules."""

from bot.facts.load import LoadResult, StoreError, load_store, load_store_strict
from bot.facts.model import Problem, Store

__all__ = ["LoadResult", "Problem", "Store", "StoreError", "load_store", "load_store_strict"]
