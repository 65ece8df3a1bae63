"""The claim checker's work per text is bounded whatever the text's shape (issue 8: the cost grew
with the square of the numbers in a sentence, and 40,000 characters of `1 ` went unanswered)."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest

from bench.adversarial import SHAPES, SLACK_MAX, adversarial_draft
from bot.claims.engine import check_text
from bot.claims.evidence import ClaimIndex
from bot.claims.unsure import MAX_CLAIMS, UNCHECKED
from bot.facts.load import load_store
from tests.slackreq import running_bot

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 29)
CLAIMS_CODE = str(ROOT / "bot" / "claims")


@pytest.fixture(scope="module")
def index():
    return ClaimIndex.build(load_store(ROOT / "facts", TODAY).store)


def lines_run(text: str, index: ClaimIndex) -> int:
    """The count of lines of bot/claims executed to check `text`: work, measured without a clock."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        count += event == "line"
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(CLAIMS_CODE) else None

    sys.settrace(calls)
    try:
        check_text(text, index, TODAY)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("shape", SHAPES)
def test_the_work_grows_no_faster_than_the_text(index, shape):
    small = lines_run(adversarial_draft(shape, 2_000), index)
    large = lines_run(adversarial_draft(shape, 4_000), index)
    assert large <= 2.2 * small  # twice the text: about twice the work, never four times


def test_past_the_limit_every_claim_is_listed_as_unchecked_never_dropped(index):
    draft = adversarial_draft("all numbers")
    claims = check_text(draft, index, TODAY)
    assert len(claims) == draft.count("1") == SLACK_MAX // 2
    judged = [c for c in claims if c.verdict != "unchecked"]
    assert len(judged) == MAX_CLAIMS
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    assert all(c.note == UNCHECKED and draft[c.start : c.end] == "1" for c in claims[MAX_CLAIMS:])


@pytest.mark.parametrize("shape", SHAPES)
def test_a_slack_maximum_message_of_any_shape_is_answered(fake_slack, tmp_path, shape):
    # Before the fix, 40,000 characters of "1 " took minutes; the HTTP client gives up at 10 s.
    draft = adversarial_draft(shape)
    with running_bot(fake_slack, tmp_path, TODAY) as bot:
        reply = bot.command("/factcheck", draft)
    assert reply.status == 200
    text = json.loads(reply.body)["text"]
    assert re.match(r"No checkable claims|[\d,]+ claims?: ", text)
