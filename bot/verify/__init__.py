"""Verification: owners confirm their overdue facts (one reminder a week each, never two)."""
