"""A draft as the claim checker reads it: one character for one, so every offset stays true.

Width and compatibility variants become their plain forms (NFKC, where that is one character:
fullwidth `１３，２８９` reads as `13,289`, `２０１８` as `2018`). An invisible format
character (zero-width space, joiner, bidi mark) between two letters or digits joins them into
one token that is no number: "3", a zero-width space, "11" is neither 3 nor 11, nor 311 (what
the reader sees is not what was typed). Elsewhere it reads as a space. Digits of any script read
as ASCII digits, and the Arabic separators as `,` and `.` (`١١٬٢٠٠` is 11,200).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_JOINER = "_"  # a word character that no token, number or date pattern takes


def reading_text(text: str) -> str:
    """`text` with the same length, its variants folded and its format characters settled."""
    if text.isascii():
        return text
    out = []
    for i, ch in enumerate(text):
        if ch.isascii():
            out.append(ch)
        elif unicodedata.category(ch) == "Cf":
            joined = 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
            out.append(_JOINER if joined else " ")
        else:
            out.append(_plain(ch))
    return "".join(out)


# Arabic thousands and decimal separators, read as the comma and point they stand for.
_SEPARATORS = {"\u066c": ",", "\u066b": "."}


@lru_cache(maxsize=4096)
def _plain(ch: str) -> str:
    if ch in _SEPARATORS:
        return _SEPARATORS[ch]
    if ch.isdecimal():  # Arabic-Indic and other scripts' digits: "١٢٣" is 123
        return str(unicodedata.decimal(ch))
    form = unicodedata.normalize("NFKC", ch)
    return form if len(form) == 1 else ch
