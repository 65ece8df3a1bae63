"""Usage, for curators: which records are asked for and shared, which questions found nothing."""

from bot.usage.counts import UsageCounts, normalise_query
from bot.usage.recorder import UsageRecorder

__all__ = ["UsageCounts", "UsageRecorder", "normalise_query"]
