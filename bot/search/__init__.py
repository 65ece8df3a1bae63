"""Search over the fact store: text folding, postings, ranking, record labels and the index."""

from bot.search.index import Match, SearchIndex

__all__ = ["Match", "SearchIndex"]
