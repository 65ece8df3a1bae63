"""Slack's size limits, measured on the text as sent (escaped), and the room kept in the store.

One place for the numbers: the Slack layer clamps to them at render time, and `factbot check`
refuses store text that could not be sent whole.
"""

from __future__ import annotations

from bot.mrkdwn.model import escape

MAX_SECTION = 3000  # a section's (or a context element's) text
MAX_FIELD = 2000  # one section field
MAX_HEADER = 150  # a header's plain_text
MAX_BUTTON_VALUE = 2000  # a button's value
# Renderers put a short label before a stored text ("*Caveat:* ", "*12.* "): keep room for it.
LABEL_ROOM = 100
MAX_STORED_TEXT = MAX_SECTION - LABEL_ROOM  # a stored mrkdwn field, as sent
# A title is shown in a header, after a label as long as "🎉 100th anniversary: " in posts.
MAX_TITLE = MAX_HEADER - 30


def sent_length(text: str) -> int:
    """The most characters `text` can take when sent: its length with `&`, `<`, `>` escaped.

    `render_stored` sends links unescaped, so this bounds both renderings of a stored text.
    """
    return len(escape(text))
