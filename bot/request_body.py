"""A WSGI request's raw body, read within a bound before anything parses it.

Content-Length is trusted only as an upper bound; a chunked body never reaches here (bot/web.py
answers 411 first). Slack-free and parse-free: the signature is checked on exactly these bytes.
"""

from __future__ import annotations

from bot.grammar import count

# Slack's requests are a few KB; the largest factbot causes (a button on a full App Home view,
# which Slack sends back whole) is about 57 KB form-encoded. 256 KiB leaves 4× room.
MAX_BODY_BYTES = 256 * 1024
_CHUNK = 64 * 1024


def read_body(environ, limit: int) -> bytes | None:
    """The raw request body, never reading more than `limit` + 1 bytes; None if over `limit`.

    Content-Length is trusted only as an upper bound: a larger one is refused before reading, and
    no more than it says is read. Without one the body is empty (PEP 3333); a chunked body
    (Transfer-Encoding) is refused with 411 before this is called.
    """
    stream = environ.get("wsgi.input")
    declared = str(environ.get("CONTENT_LENGTH") or "").strip()
    if stream is None:
        return b""
    if declared:
        if not (declared.isascii() and declared.isdigit()):
            return b""  # not a length: read nothing, and the signature cannot match
        if int(declared) > limit:
            return None
        return _read_at_most(stream, int(declared))
    return b""


def _read_at_most(stream, size: int) -> bytes:
    chunks, remaining = [], size
    while remaining > 0:
        chunk = stream.read(min(remaining, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def declared_size(environ) -> str:
    """The declared body size for the log: `123 bytes`, bounded (never the raw header)."""
    declared = str(environ.get("CONTENT_LENGTH") or "")[:20]
    return (
        count(int(declared), "byte")
        if declared.isascii() and declared.isdigit()
        else "no valid length"
    )
