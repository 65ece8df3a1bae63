"""What became of one call with a side effect, to Slack or to GitHub: the same three words.

A call whose answer was lost "may have landed": Slack or GitHub may have acted before the answer
was lost, so it is never sent again blind; the caller looks first, or says so.
"""

from __future__ import annotations

from enum import Enum


class Outcome(Enum):
    """What became of one call with a side effect (a post, a branch, a pull request)."""

    LANDED = "landed"
    NOT_LANDED = "not landed"  # refused, or never reached: sending again is safe
    MAY_HAVE_LANDED = "may have landed"  # the answer was lost: look before sending again
