"""Anniversary scheduling: schedules, occurrences, posting ledger and posting policy (no Slack)."""
