"""Shared fixtures: the fake Slack Web API and a clean environment for settings."""

from __future__ import annotations

import pytest

from tests.fakeslack import FakeSlack


@pytest.fixture
def fake_slack():
    """A fake Slack Web API on 127.0.0.1, port 0, for the length of one test."""
    with FakeSlack() as slack:
        yield slack
