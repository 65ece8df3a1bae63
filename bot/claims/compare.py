"""When a stated value agrees with a stored one: rounding, hedges (`about`, `more than`, `up to`),
vague amounts (`hundreds`), and dates at the precision they were written."""

from __future__ import annotations

from bot.claims.mentions import Mention

ABOUT = 0.1  # "about 170" covers 153..187


def same_kind(claim: Mention, stored: Mention) -> bool:
    """Dates with dates, percents with percents, money and counts with either."""
    if claim.kind in ("date", "percent") or stored.kind in ("date", "percent"):
        return claim.kind == stored.kind
    return True


def agrees(claim: Mention, stored: Mention) -> bool:
    """True when the stored value makes the claim's value true, as the claim words it."""
    if not same_kind(claim, stored):
        return False
    if claim.kind == "date":
        return dates_agree(claim, stored)
    return numbers_agree(claim, stored)


def dates_agree(claim: Mention, stored: Mention) -> bool:
    """The stored date makes the claimed one true: same year, month and day as far as the claim
    goes (a range covers its days and years), and stored at least as precisely."""
    c, s = claim.date, stored.date
    if c is None or s is None:  # a "date" mention always carries its date
        return False
    if not s.year <= c.year <= (s.year2 or s.year):
        return False
    if c.month is None or c.framing:
        return True
    if s.month != c.month:
        return False
    if c.day is None:
        return True
    return s.day is not None and c.day <= (s.day2 or s.day) and s.day <= (c.day2 or c.day)


def dates_differ(claim: Mention, stored: Mention) -> bool:
    """The dates cannot both be right: they differ at a precision both give."""
    c, s = claim.date, stored.date
    if c is None or s is None:  # a "date" mention always carries its date
        return False
    if not s.year <= c.year <= (s.year2 or s.year):
        return c.year2 is None or not c.year <= s.year <= c.year2
    if c.month is None or s.month is None or c.framing:
        return False
    if c.month != s.month:
        return True
    if c.day is None or s.day is None:
        return False
    return not (c.day <= (s.day2 or s.day) and s.day <= (c.day2 or c.day))


def differs(claim: Mention, stored: Mention) -> bool:
    """The stored value of the same kind rules the claimed one out."""
    if not same_kind(claim, stored):
        return False
    if claim.kind == "date":
        return dates_differ(claim, stored)
    return not (
        numbers_agree(claim, stored)
        or _within_bound(claim, stored)
        or _under_ceiling(claim, stored)
    )


def _within_bound(claim: Mention, stored: Mention) -> bool:
    """A stored bound ("more than 180", "up to 12,600") does not rule out an exact value on its
    side of it: 200 may be right, so it is unverified, not contradicted."""
    c, s = claim.number, stored.number
    if c is None or s is None or c.hedge is not None or c.vague:
        return False
    if s.hedge in ("more", "least"):
        return c.value >= s.value
    if s.hedge in ("less", "upto"):
        return c.value <= s.value
    return False


def _under_ceiling(claim: Mention, stored: Mention) -> bool:
    """ "Up to 9,000" is no count: a stored count below it does not rule it out (another
    ceiling does: "up to 10,000" is wrong when the stored one is "up to 5,000")."""
    c, s = claim.number, stored.number
    if c is None or s is None or c.hedge != "upto" or s.hedge == "upto" or stored.ceiling:
        return False
    return s.value <= c.value


def numbers_agree(claim: Mention, stored: Mention) -> bool:
    """The claim's number against the stored one, allowing what the claim's wording allows."""
    c, s = claim.number, stored.number
    if c is None or s is None:  # a count, percent or money mention always carries its number
        return False
    cv, sv = c.value, s.value
    if c.vague:
        return c.vague[0] <= sv < c.vague[1] or (s.vague == c.vague)
    if s.vague:
        return s.vague[0] <= cv < s.vague[1] and c.hedge in (None, "about", "more", "least")
    if _rounds_to(sv, cv, c.decimals):
        if c.hedge == "upto" and s.hedge not in (None, "upto"):
            return False  # "about 4,500" may be more: it makes no ceiling of 4,500 true
        return (
            c.hedge in (None, "about", "upto", "least")
            or c.hedge == s.hedge
            or (c.hedge in ("more", "least") and s.hedge in ("more", "least"))
        )
    hedge = c.hedge
    if hedge == "about" and s.hedge in ("more", "least") and cv < sv:
        return False  # "nearly 175" is not "more than 180"
    if hedge == "about":
        return abs(cv - sv) <= ABOUT * max(sv, 1) + 0.5 or (s.hedge == "about" and _near(cv, sv))
    if hedge == "more":
        return sv > cv or (s.hedge in ("more", "least") and sv >= cv)
    if hedge == "least":
        return sv >= cv
    if hedge == "less":
        return sv < cv or (s.hedge == "less" and sv <= cv)
    if hedge == "upto":  # a ceiling of 25,000 is not made true by 12,600 (nor by 24,000)
        return False
    if s.hedge == "about":
        return _near(cv, sv)
    return False


def _rounds_to(stored: float, claimed: float, decimals: int) -> bool:
    """67.16 states as 67; 15,476 never as 15,000 (round numbers need "about")."""
    return round(stored, decimals) == claimed or stored == claimed


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= ABOUT * max(abs(b), 1)
