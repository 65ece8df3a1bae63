"""Button values: the data a button carries back to factbot, as compact JSON within Slack's limit.

A value is data, never shown: JSON without spaces, non-ASCII kept as-is so its length in
characters is what Slack counts, cut (one named string, as little as possible) to fit 2,000.
"""

from __future__ import annotations

import json

from bot.mrkdwn import MAX_BUTTON_VALUE  # Slack's limit on a button value, in characters

__all__ = ["MAX_BUTTON_VALUE", "compact_json", "fit_json", "fit_value", "json_string"]

# A string as a JSON string literal, non-ASCII kept (what `compact_json` writes for each one).
json_string = json.encoder.encode_basestring

# One encoder for every call: `json.dumps` with options builds a new encoder each time.
_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def compact_json(value: dict) -> str:
    """JSON without spaces, non-ASCII kept as-is (so it counts one character per character)."""
    return _COMPACT.encode(value)


def fit_json(value: dict, key: str, limit: int = MAX_BUTTON_VALUE) -> str:
    """`fit_value(value, key, limit)` as compact JSON, encoding only once when it already fits."""
    encoded = compact_json(value)
    return encoded if len(encoded) <= limit else compact_json(fit_value(value, key, limit))


def fit_value(value: dict, key: str, limit: int = MAX_BUTTON_VALUE) -> dict:
    """`value` with its `key` string cut (as little as possible) so the JSON fits in `limit`."""
    text = value[key]
    # Escaping at most doubles a character (`"` -> `\"`), so short values need no measuring.
    if 6 * len(text) + len(compact_json({**value, key: ""})) <= limit or (
        len(compact_json(value)) <= limit
    ):
        return dict(value)
    low, high = 0, len(text)  # binary search: escaping makes JSON length uneven per character
    while low < high:
        middle = (low + high + 1) // 2
        if len(compact_json({**value, key: text[:middle]})) <= limit:
            low = middle
        else:
            high = middle - 1
    return {**value, key: text[:low]}
