"""factbot: cited, dated facts in Slack for advocacy teams, and anniversary posts sent once."""

__version__ = "0.1.0"
