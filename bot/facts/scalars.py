"""One policy for YAML scalars, for facts and schedules alike: what counts as text, and the words.

YAML 1.1 (as PyYAML reads it) turns some unquoted words into other types: `no` and `on` become
true/false, `2020` a number, `2013-04-25` a date, `~` and `null` nothing. A field that wants text
never converts them back (`topics: [no]` would quietly become the topic 'False'); it says what
YAML read and to put the value in quotes. Values shown in messages are cut to a readable length.
"""

from __future__ import annotations

import datetime as dt

SHOWN_CHARS = 60  # a value quoted in a message is cut to this many characters

_KINDS = (  # the first that matches names the value; bool before int (a bool is an int)
    (bool, "true/false"),
    (int, "a number"),
    (float, "a number"),
    (dt.datetime, "a date and time"),
    (dt.date, "a date"),
    (list, "a list"),
    (dict, "a mapping"),
    (bytes, "binary data"),
    (type(None), "empty"),
)
_QUOTE_ME = (bool, int, float, dt.date)  # what quotes would have kept as the text written


def is_blank(value: object) -> bool:
    """True for a missing value: nothing, an empty list, or text of only white space."""
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def kind_of(value: object) -> str:
    """What YAML read, in words: `a number`, `true/false`, `a date`, `a list`, `text`..."""
    if isinstance(value, str):
        return "text"
    return next((name for cls, name in _KINDS if isinstance(value, cls)), type(value).__name__)


def not_text(value: object) -> str | None:
    """None for non-blank text; else what it is instead, e.g. `not a number (put it in quotes)`."""
    if isinstance(value, str):
        return None if value.strip() else "not empty"
    hint = " (put it in quotes)" if isinstance(value, _QUOTE_ME) else ""
    return f"not {kind_of(value)}{hint}"


def show(value: object) -> str:
    """A value for a message: quoted like repr, dates as ISO text, cut to `SHOWN_CHARS`."""
    if isinstance(value, dt.date):
        value = value.isoformat()
    elif isinstance(value, int) and value.bit_length() > 200:  # repr of a huge int can raise
        return f"a {value.bit_length():,}-bit number"
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"
