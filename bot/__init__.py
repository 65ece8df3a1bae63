"""factbot: cited, dated facts for advocacy teams in Slack, and anniversary posts that go out once."""

__version__ = "0.1.0"
