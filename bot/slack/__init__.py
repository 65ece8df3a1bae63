"""The Slack edge: pure Block Kit rendering (blocks, home, posts) and the Bolt handlers."""
