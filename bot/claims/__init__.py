"""Claim checking: find the numbers and dates in a draft and check each against the fact store.

Pure domain code (no Slack): `check_text(text, index, today)` returns one `Claim` per checkable
number or date, with its character offsets and a verdict (supported, contradicted, outdated or
unverified). The same engine checks the store's own talking points and event texts.
"""
