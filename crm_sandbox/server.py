"""The sandbox as a real threaded HTTP server (stdlib wsgiref), with JSON admin controls under /_sandbox/."""

import hmac
import json
import ssl
import threading
import time
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from .cdp_admin import cdp_admin
from .core import Sandbox
from .wire import SandboxResponse, json_response

ADMIN_PREFIX = "/_sandbox/"
REASONS = {200: "OK", 201: "Created", 204: "No Content", 207: "Multi-Status", 304: "Not Modified",
           400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
           429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
           504: "Gateway Timeout"}  # fmt: skip


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    https = False

    def setup_environ(self):
        super().setup_environ()
        if self.https:
            self.base_environ["HTTPS"] = "on"  # wsgi.url_scheme follows it


def serve_tls(httpd: ThreadingWSGIServer, certfile: str, keyfile: str) -> None:
    """Answer over TLS with this certificate (clients that only speak https, such as simple-salesforce,
    reach the sandbox this way; tests trust the certificate explicitly)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certfile, keyfile)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True, do_handshake_on_connect=False)
    httpd.https = True
    httpd.setup_environ()


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        return None


class SandboxApp:
    """WSGI application serving the provider APIs and the admin API."""

    def __init__(self, sandbox: Sandbox, admin_key: str):
        self.sandbox = sandbox
        self.admin_key = admin_key

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        headers = {
            key[5:].replace("_", "-").lower(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        path = environ.get("PATH_INFO", "/")
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        host = f"{environ['wsgi.url_scheme']}://{environ.get('HTTP_HOST') or environ['SERVER_NAME']}"
        if path.startswith(ADMIN_PREFIX):
            response = self.admin(environ["REQUEST_METHOD"], path[len(ADMIN_PREFIX) :], headers, body)
        else:
            response = self.sandbox.handle(environ["REQUEST_METHOD"], path, query, headers, body, host)
            if response.timeout:
                time.sleep(response.sleep_s)  # outlast the client's timeout, then answer 504
        status = f"{response.status} {REASONS.get(response.status, 'Status')}"
        start_response(status, [(name, value) for name, value in response.headers.items()])
        return [response.body]

    # ---- admin ----------------------------------------------------------------------------
    def admin(self, method: str, path: str, headers: dict, body: bytes) -> SandboxResponse:
        supplied = headers.get("x-sandbox-admin-key", "")
        if not hmac.compare_digest(supplied.encode(), self.admin_key.encode()):
            return json_response(403, {"error": "missing or wrong X-Sandbox-Admin-Key"})
        try:
            payload = json.loads(body) if body else {}
        except json.JSONDecodeError:
            return json_response(400, {"error": "body must be JSON"})
        parts = [part for part in path.split("/") if part]
        if parts[:1] == ["cdp"]:
            return cdp_admin(self.sandbox.cdp, method, parts[1:], payload)
        with self.sandbox.lock:
            try:
                return self._admin_action(method, parts, payload)
            except (KeyError, ValueError, TypeError) as error:
                return json_response(400, {"error": str(error)})

    def _admin_action(self, method: str, parts: list, payload: dict) -> SandboxResponse:
        if parts == ["accounts"] and method == "GET":
            return json_response(200, {"accounts": [a.summary() for a in self.sandbox.accounts.values()]})
        if len(parts) < 2 or parts[0] != "accounts":
            return json_response(404, {"error": "unknown admin path"})
        account = self.sandbox.accounts.get(parts[1])
        if account is None:
            return json_response(404, {"error": f"no account {parts[1]!r}"})
        action = parts[2] if len(parts) > 2 else ""
        if action == "" and method == "GET":
            return json_response(200, account.summary())
        if action == "faults" and method == "DELETE":
            account.faults.clear()
            return json_response(200, account.faults.as_dict())
        if action == "faults" and method == "POST":
            account.faults.set(**payload)
            return json_response(200, account.faults.as_dict())
        if method != "POST":
            return json_response(405, {"error": "use POST"})
        if action == "rep_edit":
            changed = account.rep_edit(
                payload["object"], payload["id"], payload["values"], payload.get("user_id")
            )
            return json_response(200, {"changed": changed})
        if action == "rep_simulate":
            edits = self.sandbox.rep_simulator(account, payload.get("seed", 1)).step(
                int(payload.get("steps", 1))
            )
            return json_response(200, {"edits": edits})
        if action == "delete":
            account.delete(payload["object"], payload["id"])
            return json_response(200, {"deleted": payload["id"]})
        if action == "merge":
            account.merge(payload["object"], payload["loser_id"], payload["winner_id"])
            return json_response(200, {"merged": payload["loser_id"], "into": payload["winner_id"]})
        if action == "schema":
            account.change_schema(payload["object"], payload["field"], deleted=bool(payload.get("deleted")),
                                  new_type=payload.get("new_type"))  # fmt: skip
            return json_response(200, {"changed": payload["field"]})
        if action == "expire_token":
            account.expire_access_token()
            return json_response(200, {"expired": True})
        return json_response(404, {"error": f"unknown action {action!r}"})


class RunningServer:
    def __init__(self, httpd: ThreadingWSGIServer, thread: threading.Thread | None):
        self.httpd = httpd
        self.thread = thread
        self.port = httpd.server_address[1]
        self.base_url = f"{'https' if httpd.https else 'http'}://127.0.0.1:{self.port}"

    def shutdown(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self.thread:
            self.thread.join(timeout=5)


def make_sandbox_server(
    sandbox: Sandbox,
    *,
    port: int = 8765,
    admin_key: str = "sandbox-admin",
    tls: tuple[str, str] | None = None,
) -> ThreadingWSGIServer:
    """The server on 127.0.0.1; `tls=(certfile, keyfile)` serves https."""
    httpd = make_server("127.0.0.1", port, SandboxApp(sandbox, admin_key), ThreadingWSGIServer, QuietHandler)
    if tls:
        serve_tls(httpd, *tls)
    scheme = "https" if tls else "http"
    sandbox.base_host = f"{scheme}://127.0.0.1:{httpd.server_address[1]}"
    return httpd


def serve_in_thread(
    sandbox: Sandbox, *, port: int = 0, admin_key: str = "sandbox-admin", tls: tuple[str, str] | None = None
) -> RunningServer:
    httpd = make_sandbox_server(sandbox, port=port, admin_key=admin_key, tls=tls)
    thread = threading.Thread(target=httpd.serve_forever, name="crm-sandbox", daemon=True)
    thread.start()
    return RunningServer(httpd, thread)
