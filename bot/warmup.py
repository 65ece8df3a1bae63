"""A worker's first request paid before it accepts any: the `/fact` path run once in-process.

A process forked from a preloaded master shares the master's pages until it writes to them, and
running code writes (reference counts, caches, lazily built state). Running the request path
once here moves those first-touch costs out of the first person's `/fact`.
"""

from __future__ import annotations

import io
from itertools import islice

from bot.slack import answers
from bot.slack.signature import sign

# An empty /fact is answered with help: it exercises the signature check, the form, the reply and
# its JSON, and counts nothing in the usage statistics.
HELP_BODY = b"command=%2Ffact&text=&user_id=&channel_id=&response_url="
SAMPLED_FACTS = 40  # about 200 answers: a fraction of a second at 100,000 facts
NO_MATCH = "qwxz vbnm"  # words no store has: the "did you mean" path


def kinds_of_query(record_id: str, statement: str) -> list[str]:
    """A record asked every way a /fact is: by id, by words of it, by a word and one nothing has
    (a partial match), and with a typo; each kind has code and state of its own."""
    words = statement.split()[:4]
    longest = max(words, key=len, default="")
    typo = longest[:1] + longest[2:3] + longest[1:2] + longest[3:] if len(longest) > 4 else ""
    return [record_id, " ".join(words), f"{record_id} {NO_MATCH}", typo]


def warm_up(web) -> str:
    """Run a search, about SAMPLED_FACTS × 4 rendered answers of every kind of query (not counted
    as usage) and one signed empty `/fact` through `web` (a bot.web.WebApp); returns that
    request's HTTP status line ("200 OK")."""
    services = web.services
    snapshot = services.live.current
    # With the usage ranking, as every /fact searches (reading it counts nothing).
    popularity = getattr(services.usage, "popularity", None)
    snapshot.index.search("warm up the index", limit=1, usage=popularity)
    # Facts spread over the store, asked by id and by words: the first requests of a fresh
    # process touch (and so copy) the pages of the index and records they reach; these do it first.
    facts, store = snapshot.store.facts, snapshot.store
    queries = [NO_MATCH, *(group[0] for group in store.synonyms[:SAMPLED_FACTS])]
    for fact in islice(facts.values(), 0, None, max(1, len(facts) // SAMPLED_FACTS)):
        queries += kinds_of_query(fact.id, fact.statement)
    for query in queries:
        answers.answer_fact(snapshot, query, services.today(), services.settings.repo_url)
    timestamp = str(int(web.clock()))
    secret = services.settings.slack_signing_secret or ""
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/slack/events",
        "QUERY_STRING": "",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(HELP_BODY)),
        "HTTP_X_SLACK_REQUEST_TIMESTAMP": timestamp,
        "HTTP_X_SLACK_SIGNATURE": sign(secret, timestamp, HELP_BODY),
        "wsgi.input": io.BytesIO(HELP_BODY),
    }
    statuses: list[str] = []
    b"".join(web(environ, lambda status, headers, exc_info=None: statuses.append(status)))
    return statuses[0]
