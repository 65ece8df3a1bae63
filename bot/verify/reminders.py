"""Weekly reminders to fact owners: which overdue facts each owner gets, and sending them once.

Each owner gets at most one reminder per ISO week, whatever the number of passes or processes:
the (owner, week) pair is claimed in the database first (`claim_once`, the same register that
makes a Share post once). A send that was refused releases the claim so a later pass can try
again; a send whose answer was lost keeps it, as it may have landed (never a second DM blind).

An owner may be a Slack user group (`S…`): each of its members is reminded, and a person reached
several ways (two groups, or directly and through a group) gets one DM listing all their facts. A
group Slack cannot list this pass is reported and tried again on the next pass.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.facts.model import Fact, Store
from bot.grammar import count
from bot.storage import Database

log = logging.getLogger(__name__)

NAMESPACE = "owner_reminder"

# What a sender answers: True landed, False refused or never sent, None may have landed.
Sender = Callable[[str, list[Fact]], bool | None]
# A user group's member ids; None when Slack could not list them (tried again next pass).
GroupMembers = Callable[[str], Sequence[str] | None]


def no_group_members(group: str) -> Sequence[str] | None:
    """The lister when none is wired: no group can be listed."""
    return None


def is_user_group(owner: str) -> bool:
    """True for a Slack user group id (`S…`), whose members are reminded."""
    return owner.startswith("S")


def overdue_by_owner(store: Store, today: dt.date) -> dict[str, list[Fact]]:
    """{owner: their facts past review}, oldest review date first; facts without owners skipped."""
    found: dict[str, list[Fact]] = {}
    for fact in store.stale_facts(today):
        for owner in fact.owners:
            found.setdefault(owner, []).append(fact)
    return found


def overdue_by_person(
    store: Store, today: dt.date, members: GroupMembers
) -> tuple[dict[str, list[Fact]], list[str]]:
    """{person: their overdue facts, each once}, and the user groups that could not be listed."""
    found: dict[str, dict[str, Fact]] = {}
    unlisted: list[str] = []
    for owner, facts in overdue_by_owner(store, today).items():
        people: Sequence[str] = [owner]
        if is_user_group(owner):
            listed = members(owner)
            if listed is None:
                unlisted.append(owner)
                continue
            people = listed
        for person in people:
            theirs = found.setdefault(person, {})
            theirs.update((fact.id, fact) for fact in facts)
    by_review = {p: sorted(fs.values(), key=_review_order) for p, fs in found.items()}
    return by_review, unlisted


def _review_order(fact: Fact) -> tuple[dt.date, str]:
    return (fact.review_by or dt.date.min, fact.id)


def unowned_overdue(store: Store, today: dt.date) -> list[Fact]:
    """Facts past review that nobody owns: the curators' list in the App Home."""
    return [f for f in store.stale_facts(today) if not f.owners]


def week_of(today: dt.date) -> str:
    """The ISO week a reminder belongs to, e.g. `2026-W48`."""
    year, week, _ = today.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class ReminderReport:
    """What one pass did."""

    sent: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # claimed this week by an earlier pass
    failed: list[str] = field(default_factory=list)  # refused: released for a later pass
    uncertain: list[str] = field(default_factory=list)  # may have landed: kept, not re-sent
    unlisted: list[str] = field(default_factory=list)  # user groups Slack could not list

    def summary(self) -> str:
        """One line for the log."""
        sent = count(len(self.sent), "reminder")
        already, failed, uncertain = len(self.already), len(self.failed), len(self.uncertain)
        unlisted = f"; user groups not listed: {len(self.unlisted):,}" if self.unlisted else ""
        return f"{sent} sent; already this week: {already:,}; failed: {failed:,}; " + (
            f"may have landed: {uncertain:,}{unlisted}"
        )


def send_reminders(
    db: Database,
    store: Store,
    today: dt.date,
    now: dt.datetime,
    send: Sender,
    members: GroupMembers = no_group_members,
) -> ReminderReport:
    """Remind every owner (each member of an owning group) of overdue facts, once a week each."""
    report = ReminderReport()
    week = week_of(today)
    people, report.unlisted = overdue_by_person(store, today, members)
    for group in report.unlisted:
        log.warning("user group %s could not be listed; its members are reminded later", group)
    for owner, facts in sorted(people.items()):
        key = f"{owner}|{week}"
        if not db.claim_once(NAMESPACE, key, now):
            report.already.append(owner)
            continue
        try:
            landed = send(owner, facts)
        except Exception:  # a bug in sending: logged; the claim stays (it may have been sent)
            log.exception("reminder to %s failed", owner)
            landed = None
        if landed is False:
            db.release_once(NAMESPACE, key)
            report.failed.append(owner)
        elif landed is None:
            report.uncertain.append(owner)
        else:
            report.sent.append(owner)
    return report
