"""A fake GitHub REST API over real HTTP on 127.0.0.1 (port 0), for the suggestion flow's tests.

It serves one repository's files at a base commit on `main` and records what factbot does to it:
refs, commits (each with the full file tree it leaves), pull requests and their labels. Like
tests/fakeslack.py it is a real server, and it fails on demand the way GitHub and networks do:

    with FakeGitHub({"facts/minusma/figures.yaml": text}) as gh:
        gh.fail("POST", "/pulls", status=502)             # answer 502, do nothing
        gh.fail("POST", "/pulls", drop_after_acting=True)  # open the PR, then drop the connection
        gh.fail("POST", "/git/refs", status=403, retry_after=0)  # a secondary rate limit
        gh.fail("PUT", "/contents/f.yaml", push_first={"f.yaml": text})  # a commit lands first
        gh.bad_token = True                                # every call answers 401
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse

OWNER, NAME = "advocacy", "factbot"
REPO = f"{OWNER}/{NAME}"
TOKEN = "github_pat_test"


@dataclass
class Fault:
    """One injected failure for the next request matching `method` and a path ending in `suffix`."""

    method: str
    suffix: str
    status: int = 500
    drop_after_acting: bool = False
    retry_after: float | None = None
    times: int = 1
    skip: int = 0  # matching requests let through before this one fails
    # Someone else commits these files to the request's branch just before it is handled, so
    # GitHub answers as it would to a writer who read the file before that commit (409 on PUT).
    push_first: dict[str, str] | None = None


@dataclass
class Pull:
    """A pull request the fake holds."""

    number: int
    head: str
    base: str
    title: str
    body: str
    labels: list[str] = field(default_factory=list)
    state: str = "open"


class FakeGitHub:
    """A running fake of the GitHub REST API for one repository."""

    def __init__(self, files: dict[str, str], default_branch: str = "main") -> None:
        self.default_branch = default_branch
        self.bad_token = False
        self.calls: list[tuple[str, str]] = []  # (method, path) of every request
        self.commits: dict[str, dict] = {}
        self.base_sha = self._new_commit(dict(files), None, "base")
        self.refs: dict[str, str] = {default_branch: self.base_sha}
        self.pulls: list[Pull] = []
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> FakeGitHub:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def api_url(self) -> str:
        """What to set GITHUB_API_URL to."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # -- test controls and views ------------------------------------------------------------
    def fail(self, method: str, suffix: str, **kwargs) -> None:
        """Fail the next matching request (see Fault)."""
        with self._lock:
            self._faults.append(Fault(method, suffix, **kwargs))

    def files_at(self, branch: str) -> dict[str, str]:
        """The files of the commit `branch` points at."""
        return dict(self.commits[self.refs[branch]]["files"])

    def commits_on(self, branch: str) -> list[dict]:
        """The commits on `branch` after the base, oldest first."""
        out, sha = [], self.refs[branch]
        while sha and sha != self.base_sha:
            out.append(self.commits[sha])
            sha = self.commits[sha]["parent"]
        return out[::-1]

    def push(self, branch: str, files: dict[str, str], message: str = "someone else") -> str:
        """A commit by someone else (e.g. the default branch moving on)."""
        with self._lock:
            return self._commit_unlocked(branch, files, message)

    def _commit_unlocked(self, branch: str, files: dict[str, str], message="someone else") -> str:
        merged = {**self.commits[self.refs[branch]]["files"], **files}
        self.refs[branch] = self._new_commit(merged, self.refs[branch], message)
        return self.refs[branch]

    # -- the model --------------------------------------------------------------------------
    _counter = itertools.count(1)

    def _new_commit(self, files: dict[str, str], parent: str | None, message: str) -> str:
        sha = hashlib.sha1(f"commit {next(self._counter)} {message}".encode()).hexdigest()
        self.commits[sha] = {"sha": sha, "files": files, "parent": parent, "message": message}
        return sha

    def _take_fault(self, method: str, path: str) -> Fault | None:
        for fault in self._faults:
            if fault.method == method and path.endswith(fault.suffix):
                if fault.skip > 0:
                    fault.skip -= 1
                    return None
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    def handle(self, method: str, path: str, query: dict, body) -> tuple[int, object, dict]:
        """Route one request: (status, JSON answer, extra headers)."""
        prefix = f"/repos/{REPO}"
        if not path.startswith(prefix):
            return 404, {"message": "Not Found"}, {}
        rest = path[len(prefix) :]
        for pattern, fn in _ROUTES:
            match = re.fullmatch(pattern[1], rest)
            if match and pattern[0] == method:
                return fn(self, match, query, body)
        return 404, {"message": "Not Found"}, {}

    def url(self, rest: str) -> str:
        """The API URL of something in the repository (`/git/refs/heads/x`)."""
        return f"{self.api_url}/repos/{REPO}{rest}"


def _blob_sha(text: str) -> str:
    data = text.encode()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _repo(gh, m, q, b):
    return (
        200,
        {
            "full_name": REPO,
            "name": NAME,
            "owner": {"login": OWNER},
            "default_branch": gh.default_branch,
            "url": gh.url(""),
        },
        {},
    )


def _ref_json(gh, branch):
    sha = gh.refs[branch]
    return {
        "ref": f"refs/heads/{branch}",
        "url": gh.url(f"/git/refs/heads/{branch}"),
        "object": {"sha": sha, "type": "commit", "url": gh.url(f"/git/commits/{sha}")},
    }


def _get_ref(gh, m, q, b):
    branch = unquote(m.group(1))
    if branch not in gh.refs:
        return 404, {"message": "Not Found"}, {}
    return 200, _ref_json(gh, branch), {}


def _create_ref(gh, m, q, b):
    branch = b["ref"].removeprefix("refs/heads/")
    if branch in gh.refs:
        return 422, {"message": "Reference already exists"}, {}
    if b["sha"] not in gh.commits:
        return 422, {"message": "Object does not exist"}, {}
    gh.refs[branch] = b["sha"]
    return 201, _ref_json(gh, branch), {}


def _move_ref(gh, m, q, b):
    branch = unquote(m.group(1))
    if branch not in gh.refs or b["sha"] not in gh.commits:
        return 422, {"message": "Reference does not exist"}, {}
    gh.refs[branch] = b["sha"]
    return 200, _ref_json(gh, branch), {}


def _content_json(gh, path, text):
    return {
        "type": "file",
        "encoding": "base64",
        "path": path,
        "name": path.rsplit("/", 1)[-1],
        "sha": _blob_sha(text),
        "content": base64.b64encode(text.encode()).decode(),
        "url": gh.url(f"/contents/{path}"),
    }


def _get_content(gh, m, q, b):
    path = unquote(m.group(1))
    branch = (q.get("ref") or [gh.default_branch])[0]
    files = gh.commits[gh.refs[branch]]["files"] if branch in gh.refs else {}
    if path not in files:
        return 404, {"message": "Not Found"}, {}
    return 200, _content_json(gh, path, files[path]), {}


def _put_content(gh, m, q, b):
    path = unquote(m.group(1))
    branch = b.get("branch") or gh.default_branch
    files = dict(gh.commits[gh.refs[branch]]["files"])
    if path in files and b.get("sha") != _blob_sha(files[path]):
        return 409, {"message": f"{path} does not match {b.get('sha')}"}, {}
    if path not in files and b.get("sha"):
        return 422, {"message": "sha wasn't supplied"}, {}
    files[path] = base64.b64decode(b["content"]).decode()
    gh.refs[branch] = gh._new_commit(files, gh.refs[branch], b["message"])
    sha = gh.refs[branch]
    return (
        201,
        {
            "content": _content_json(gh, path, files[path]),
            "commit": {"sha": sha, "url": gh.url(f"/git/commits/{sha}")},
        },
        {},
    )


def _pull_json(gh, p):
    return {
        "number": p.number,
        "state": p.state,
        "title": p.title,
        "body": p.body,
        "html_url": f"https://github.com/{REPO}/pull/{p.number}",
        "url": gh.url(f"/pulls/{p.number}"),
        "head": {"ref": p.head},
        "base": {"ref": p.base},
        "labels": [{"name": n} for n in p.labels],
    }


def _list_pulls(gh, m, q, b):
    head = (q.get("head") or [""])[0].split(":", 1)[-1]
    found = [p for p in gh.pulls if not head or p.head == head]
    return 200, [_pull_json(gh, p) for p in found], {}


def _create_pull(gh, m, q, b):
    if b["head"] not in gh.refs:
        return 422, {"message": "Validation Failed", "errors": [{"message": "no head"}]}, {}
    if any(p.head == b["head"] and p.state == "open" for p in gh.pulls):
        msg = f"A pull request already exists for {OWNER}:{b['head']}."
        return 422, {"message": "Validation Failed", "errors": [{"message": msg}]}, {}
    pull = Pull(len(gh.pulls) + 1, b["head"], b["base"], b["title"], b.get("body") or "")
    gh.pulls.append(pull)
    return 201, _pull_json(gh, pull), {}


def _get_issue(gh, m, q, b):
    number = int(m.group(1))
    if number > len(gh.pulls):
        return 404, {"message": "Not Found"}, {}
    pull = gh.pulls[number - 1]
    return 200, {"number": number, "url": gh.url(f"/issues/{number}"), "title": pull.title}, {}


def _add_labels(gh, m, q, b):
    pull = gh.pulls[int(m.group(1)) - 1]
    names = b if isinstance(b, list) else b.get("labels", [])
    for name in names:
        if name not in pull.labels:
            pull.labels.append(name)
    return 200, [{"name": n} for n in pull.labels], {}


_ROUTES = [
    (("GET", r""), _repo),
    (("GET", r"/git/refs?/heads/(.+)"), _get_ref),
    (("POST", r"/git/refs"), _create_ref),
    (("PATCH", r"/git/refs?/heads/(.+)"), _move_ref),
    (("GET", r"/contents/(.+)"), _get_content),
    (("PUT", r"/contents/(.+)"), _put_content),
    (("GET", r"/pulls"), _list_pulls),
    (("POST", r"/pulls"), _create_pull),
    (("GET", r"/issues/(\d+)"), _get_issue),
    (("POST", r"/issues/(\d+)/labels"), _add_labels),
]


def _handler_for(gh: FakeGitHub):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def _serve(self) -> None:
            url = urlparse(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else {}
            with gh._lock:
                gh.calls.append((self.command, url.path))
                if gh.bad_token or TOKEN not in (self.headers.get("Authorization") or ""):
                    return self._answer(401, {"message": "Bad credentials"}, {})
                fault = gh._take_fault(self.command, url.path)
                if fault and fault.push_first is not None:
                    gh._commit_unlocked(body.get("branch") or gh.default_branch, fault.push_first)
                elif fault and not fault.drop_after_acting:
                    headers = {}
                    message = "Server Error"
                    if fault.retry_after is not None:
                        headers["Retry-After"] = str(int(fault.retry_after))
                        message = "You have exceeded a secondary rate limit."
                    return self._answer(fault.status, {"message": message}, headers)
                status, answer, headers = gh.handle(
                    self.command, url.path, parse_qs(url.query), body
                )
            if fault and fault.drop_after_acting:
                self.close_connection = True
                self.connection.close()  # acted, but the answer never leaves
                return None
            return self._answer(status, answer, headers)

        def _answer(self, status: int, answer, headers: dict) -> None:
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_PATCH = _serve

    return Handler
