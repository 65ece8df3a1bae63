"""The pull request's title and body: who suggested it (a name, never a mention), why, the source,
the `factbot check` result and, when anniversary posts change, their `factbot preview` lines."""

from __future__ import annotations

from bot.github.suggestions import Suggestion
from bot.masking import visible

MAX_PREVIEW_LINES = 60


def pull_title(suggestion: Suggestion) -> str:
    """`Suggestion: caveat of gao-attack-2018-toll`."""
    return f"Suggestion: {suggestion.change.describe()}"


def pull_body(suggestion: Suggestion, check_summary: str, preview: list[str]) -> str:
    """Markdown for the pull request; user text is quoted and cannot ping anyone."""
    change = suggestion.change
    what = (
        f"Adds the fact `{change.record_id}` to `{change.repo_path}`."
        if change.kind == "new"
        else f"Changes {', '.join(f'`{f}`' for f in change.edits)} of `{change.record_id}` in "
        f"`{change.repo_path}`."
    )
    where = "in Slack" if suggestion.slack_user else "from the command line"
    lines = [
        f"Suggested {where} by **{no_mention(suggestion.suggested_by)}** "
        f"(factbot suggestion {suggestion.id}).",
        "",
        what,
        "",
        "**What is wrong and how they know:**",
        *[f"> {no_mention(line)}" for line in suggestion.reason.splitlines() or [""]],
        "",
        f"**Source:** {no_mention(suggestion.source_url or 'none given')}",
        "",
        f"**`factbot check`:** {check_summary}",
    ]
    if preview:
        shown = preview[:MAX_PREVIEW_LINES]
        more = len(preview) - len(shown)
        lines += ["", "**Posts it changes (`factbot preview`):**", "```", *shown, "```"]
        if more > 0:
            lines.append(f"({more} more lines: run `factbot preview` on the branch)")
    lines += ["", "Check the source before merging; edit the branch if the wording needs it."]
    return "\n".join(lines)


def no_mention(text: str) -> str:
    """Text that GitHub shows as written: never an @-mention, a code fence, a terminal escape or a
    bidi reordering (control characters are dropped)."""
    return visible(text).replace("@", "@\u200b").replace("```", "'''")
