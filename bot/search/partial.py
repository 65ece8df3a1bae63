"""What a partial match did not find, worded the same for the console, the CLI and Slack.

A result is partial when some significant query word is not in it. The reply says so before
the fact, so nobody pastes an answer to a question it does not answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.search.index import Match


def partial_note(
    match: Match, missing: Sequence[str], emphasis: Callable[[str], str] = str
) -> str | None:
    """`No fact mentions budget. Closest about minusma:`; None when every word matched.

    `missing` are the query words no record has at all; the others of `match.unmatched` are in
    some record, just not together with the rest. `emphasis` marks up a word (e.g. Slack bold).
    """
    if not match.unmatched:
        return None
    absent = [w for w in match.unmatched if w in missing]
    apart = [w for w in match.unmatched if w not in missing]
    sentences = []
    if absent:
        sentences.append(f"No fact mentions {_listed(absent, emphasis)}.")
    if apart:
        together = _listed(list(match.matched), emphasis, "and")
        sentences.append(f"No fact mentions {_listed(apart, emphasis)} together with {together}.")
    if match.matched:
        sentences.append(f"Closest about {_listed(list(match.matched), emphasis)}:")
    return " ".join(sentences)


def _listed(words: list[str], emphasis: Callable[[str], str], conjunction: str = "or") -> str:
    marked = [emphasis(w) for w in words]
    return marked[0] if len(marked) == 1 else f"{', '.join(marked[:-1])} {conjunction} {marked[-1]}"
