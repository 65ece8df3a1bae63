"""Anniversary scheduling: schedules, occurrences, the posting ledger and the posting policy (no Slack)."""
