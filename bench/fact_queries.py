"""Queries of each kind for bench/bench_fact.py, drawn from a store and checked against an index.

Every kind is checked with a separate index (the bot under test never sees these probes, so its
caches stay cold): an exact alias, free text (words of one statement, all matching, no label), a
synonym of a store word, a typo never seen before, a partial match (real words and one that
nothing has), and no match at all (nonsense, or vowel-less names that only "did you mean" finds).
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable

from bot.facts.model import Store
from bot.search.index import SearchIndex
from bot.search.text import stem, words

KINDS = ("exact alias", "free text", "synonym", "first-seen typo", "partial match", "no match")
CONSONANTS = "bcdfghjklmnpqrstvwxz"


def queries_by_kind(store: Store, probe: SearchIndex, n: int, seed: int = 7) -> dict[str, list]:
    """`n` queries of each kind (first-seen typos, partial and no-match queries all distinct)."""
    rng = random.Random(seed)
    facts = list(store.facts.values())
    aliases = [a for f in facts for a in f.aliases]
    vocabulary = {w for f in facts for w in words(f.statement) + words(" ".join(f.aliases))}
    topics = sorted({f.topic for f in facts})
    groups = [g for g in store.synonyms if all(" " not in w for w in g)]

    def free() -> str:
        fact = rng.choice(facts)
        found = [w for w in dict.fromkeys(words(fact.statement)) if w.isalpha() and len(w) > 3]
        return " ".join(rng.sample(found, min(2, len(found))))

    def synonym() -> str:
        return f"{rng.choice(topics)} {rng.choice(rng.choice(groups))}"

    def typo() -> str:
        word = rng.choice([w for w in rng.choice(aliases).split() if len(w) >= 6] or ["minusma"])
        i = rng.randrange(1, len(word) - 1)
        edits = [word[:i] + word[i + 1 :], word[:i] + word[i + 1] + word[i] + word[i + 2 :],
                 word[:i] + rng.choice(string.ascii_lowercase) + word[i + 1 :]]  # fmt: skip
        return f"{rng.choice(topics)} {rng.choice(edits)}"

    def nonsense() -> str:
        return "".join(rng.choice(CONSONANTS) for _ in range(rng.randint(6, 9)))

    def vowelless() -> str:
        return " ".join(w[0] + "".join(c for c in w[1:] if c not in "aeiou")
                        for w in rng.choice(aliases).lower().split()[:2])  # fmt: skip

    def partial() -> str:
        return f"{rng.choice(aliases)} {nonsense()}"

    def nomatch() -> str:
        return vowelless() if rng.random() < 0.5 else f"{nonsense()} {nonsense()}"

    checks: dict[str, tuple[Callable[[], str], Callable[[str], bool]]] = {
        "exact alias": (lambda: rng.choice(aliases), lambda q: True),
        "free text": (free, lambda q: _full(probe, q) and not _is_label(probe, q)),
        "synonym": (synonym, lambda q: _full(probe, q)),
        "first-seen typo": (typo, lambda q: _full(probe, q) and not set(words(q)) <= vocabulary),
        "partial match": (partial, lambda q: _partial(probe, q)),
        "no match": (nomatch, lambda q: not probe.search(q, limit=1)),
    }
    distinct = {"first-seen typo", "partial match", "no match"}
    return {kind: _draw(make, ok, n, kind in distinct) for kind, (make, ok) in checks.items()}


def _draw(make: Callable[[], str], ok: Callable[[str], bool], n: int, distinct: bool) -> list[str]:
    found: list[str] = []
    seen: set[str] = set()
    for _ in range(n * 50):
        query = make()
        if (not distinct or query not in seen) and query.strip() and ok(query):
            found.append(query)
            seen.add(query)
            if len(found) == n:
                return found
    raise RuntimeError(f"could only draw {len(found)} of {n} queries like {found[:3]}")


def _full(probe: SearchIndex, query: str) -> bool:
    found = probe.search(query, limit=1)
    return bool(found) and not found[0].partial


def _partial(probe: SearchIndex, query: str) -> bool:
    found = probe.search(query, limit=1)
    return bool(found) and found[0].partial


def _is_label(probe: SearchIndex, query: str) -> bool:
    return tuple(map(stem, words(query))) in probe._labels.exact
