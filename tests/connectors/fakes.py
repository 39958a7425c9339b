"""A scripted httpx transport for unit tests of the connectors (the sandbox covers whole flows)."""

import json
from collections import defaultdict, deque

import httpx


class ScriptedTransport(httpx.BaseTransport):
    """Answers (method, path) with queued responses; the last queued answer repeats. Records requests."""

    def __init__(self):
        self.routes: dict[tuple[str, str], deque] = defaultdict(deque)
        self.requests: list[httpx.Request] = []

    def add(self, method: str, path: str, *answers):
        """Each answer: (status, body[, headers]), or a callable(request) -> httpx.Response, or an exception."""
        self.routes[(method, path)].extend(answers)
        return self

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        queue = self.routes.get((request.method, request.url.path))
        if not queue:
            return httpx.Response(599, json={"error": f"unscripted {request.method} {request.url.path}"})
        answer = queue.popleft() if len(queue) > 1 else queue[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            return answer(request)
        status, body, *rest = answer
        headers = rest[0] if rest else {}
        if body is None:
            return httpx.Response(status, headers=headers)
        return httpx.Response(status, json=body, headers=headers)

    def calls(self, method: str, path: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == method and r.url.path == path]


def body_of(request: httpx.Request):
    return json.loads(request.content)
