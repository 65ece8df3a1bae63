"""Suggestions become pull requests: a round-trip YAML edit, validated, committed on GitHub."""
