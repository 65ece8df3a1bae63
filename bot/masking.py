"""Credentials never shown: every URL and message that can reach a log or a terminal is masked.

`mask_url` hides the password (or a token) in a URL's userinfo and every query or fragment value
whose name looks secret; `redact` does it to every URL inside a message (driver errors quote
the URL they could not parse). `visible` drops the control characters a terminal, a log viewer
or a reviewer would act on. Pure and total: malformed input is masked too, never raises.
"""

from __future__ import annotations

import re
from urllib.parse import unquote


def mask_secret(value: str) -> str:
    """Hide a secret for logs: a URL loses only its credentials, a token keeps nothing."""
    return mask_url(value) if "://" in value else "***"


def mask_url(url: str) -> str:
    """The URL with every credential replaced by `***`: the password in its userinfo (all of a
    userinfo that may be a bare token, as in https://TOKEN@host), and every query or fragment
    value whose name looks secret (`password`, `sslpassword`, `token`, `api_key`, ...).

    Total, and cautious: a malformed URL is masked too, and when in doubt more is hidden.
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        return _mask_params(url)
    userinfo, rest = _split_userinfo(rest)
    if userinfo is None:
        return f"{scheme}://{_mask_params(rest)}"
    user, colon, _password = userinfo.partition(":")
    shown = f"{user}:***" if colon and user else "***"
    return f"{scheme}://{shown}@{_mask_params(rest)}"


def redact(text: str) -> str:
    """`text` (an error message, a log line) with every URL in it passed through `mask_url`."""
    return _URL_IN_TEXT.sub(lambda m: mask_url(m.group()), text) if "://" in text else text


# A parameter name that looks like it holds a secret; its value is masked wherever it appears.
_SECRET_NAME = re.compile(r"pass|pwd|secret|token|key|auth|cred|signature|sig$", re.I)
# A value runs to the next `&` only: an unencoded `#` or `;` inside a secret stays hidden.
_PARAM = re.compile(r"(?P<lead>[?&#])(?P<name>[^=&#?]*)=(?P<value>[^&]*)")
_URL_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>]+")


# C0/C1 controls (terminal escapes), DEL, and the bidi controls that reorder what a reviewer reads.
_UNSEEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` without control characters: no terminal escape, no bidi reordering."""
    return _UNSEEN.sub("", text)


def _split_userinfo(rest: str) -> tuple[str | None, str]:
    """(userinfo or None, what follows it) in what follows `scheme://`.

    A password may hold unencoded `/`, `?`, `#` or `@` (SQLAlchemy accepts them), so after
    `user:` the userinfo runs to the last `@`: at worst a query value is hidden too.
    """
    if re.match(r"[^:/@?#]*:", rest):  # user:password@… (or host:port, with no @ after it)
        at = rest.rfind("@")
    else:
        bare = re.match(r"[^/?#@]*@", rest)
        at = bare.end() - 1 if bare else -1
    return (None, rest) if at == -1 else (rest[:at], rest[at + 1 :])


def _mask_params(text: str) -> str:
    def mask(m: re.Match) -> str:
        if not _SECRET_NAME.search(unquote(m["name"])):
            return m.group()
        return f"{m['lead']}{m['name']}=***"

    return _PARAM.sub(mask, text)
