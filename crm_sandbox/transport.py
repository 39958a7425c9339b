"""httpx transport that serves requests from an in-process Sandbox (no sockets)."""

from urllib.parse import parse_qs

import httpx


class SandboxTransport(httpx.BaseTransport):
    def __init__(self, sandbox):
        self.sandbox = sandbox

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        query = parse_qs(request.url.query.decode("ascii"), keep_blank_values=True)
        host = f"{request.url.scheme}://{request.url.netloc.decode('ascii')}"
        response = self.sandbox.handle(
            request.method, request.url.path, query, dict(request.headers), body, host
        )
        if response.timeout:
            raise httpx.ReadTimeout("sandbox: simulated read timeout", request=request)
        return httpx.Response(
            response.status, headers=response.headers, content=response.body, request=request
        )
