"""factbot's one model of text, shared by the fact store, its checks and the Slack layer.

Three forms of text, and the only functions that move between them:

- *literal* text is what a person reads (and what a user typed, once decoded);
- *stored* mrkdwn is a fact store field (statement, caveat, summary, point, suggested post):
  literal characters, Slack's formatting marks (`*bold*`, `_italic_`, `~strike~`, `` `code` ``)
  and links written `<https://…|label>`; nothing else is markup, so `&lt;` or `<!channel>`
  written in YAML is shown exactly as written;
- *sent* mrkdwn is what goes to Slack: `&`, `<`, `>` escaped, and no `<…>` but the store's links.

`escape` (literal → sent), `render_stored` (stored → sent), `to_plain` (sent → literal, links
spelled out) and `decode` (what Slack sends → literal, as typed). Nothing here imports Slack.
"""

from bot.mrkdwn.hazards import Hazard, find_hazards
from bot.mrkdwn.limits import (
    MAX_BUTTON_VALUE,
    MAX_FIELD,
    MAX_HEADER,
    MAX_SECTION,
    MAX_STORED_TEXT,
    MAX_TITLE,
    sent_length,
)
from bot.mrkdwn.model import (
    decode,
    escape,
    link,
    render_stored,
    shorten,
    stored_plain,
    to_plain,
    unescape,
)

__all__ = [
    "MAX_BUTTON_VALUE",
    "MAX_FIELD",
    "MAX_HEADER",
    "MAX_SECTION",
    "MAX_STORED_TEXT",
    "MAX_TITLE",
    "Hazard",
    "decode",
    "escape",
    "find_hazards",
    "link",
    "render_stored",
    "sent_length",
    "shorten",
    "stored_plain",
    "to_plain",
    "unescape",
]
