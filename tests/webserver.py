"""A local HTTP server for tests: serves feeds and article pages from a dict, records requests.

A Page may carry validators (`etag`, `last_modified`): a request that sends them back (If-None-Match,
If-Modified-Since) gets a 304 with no body, as a real feed server answers. `delay` makes a slow response
(for timeouts); `status` and `headers` make any other answer (500, 301 + Location, 410, 429 + Retry-After).
Hostile servers: `repeat` sends the body that many times with no Content-Length (an endless page), `drip`
sends it one byte every `drip` seconds (a server that never stops answering, slowly).
Every request is recorded with its headers (`log`), `hits(path)` counts them.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes | str
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    repeat: int = 1
    drip: float = 0.0


@dataclass
class Request:
    path: str
    headers: dict[str, str]  # names lower-case
    status: int


class WebServer:
    """`server.pages["/feed.xml"] = Page(...)`; `server.url("/feed.xml")` is its address."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.pages: dict[str, Page] = {}
        self.requests: list[str] = []
        self.log: list[Request] = []
        self.in_flight = 0
        self.max_in_flight = 0
        pages, requests, server = self.pages, self.requests, self
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                with lock:
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                self._counted = True
                try:
                    self._answer()
                finally:
                    self._leave()

            def _leave(self) -> None:
                """The request stops counting as in flight before its last bytes go out: once the client
                has them it may send its next request at once, and counting until this thread's `finally`
                ran would see that next request as concurrent (a race a loaded machine loses)."""
                with lock:
                    if self._counted:
                        self._counted = False
                        server.in_flight -= 1

            def _answer(self) -> None:
                requests.append(self.path)
                page = pages.get(self.path, Page("not found", "text/plain", 404))
                headers = {k.lower(): v for k, v in self.headers.items()}
                status = 304 if _not_modified(page, headers) else page.status
                server.log.append(Request(self.path, headers, status))
                if page.delay:
                    time.sleep(page.delay)
                body = b"" if status == 304 else page.body.encode() if isinstance(page.body, str) else page.body
                self.send_response(status)
                self.send_header("Content-Type", page.content_type)
                if page.repeat > 1 or page.drip:
                    self._stream(page, body)
                    return
                self.send_header("Content-Length", str(len(body)))
                validators = {"ETag": page.etag, "Last-Modified": page.last_modified}
                for name, value in {**page.headers, **{k: v for k, v in validators.items() if v}}.items():
                    self.send_header(name, value)
                self.end_headers()
                self._leave()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading (the size cap at work)

            def _stream(self, page: Page, body: bytes) -> None:
                """A body with no length, ended by closing: repeated, or one byte at a time."""
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for _ in range(page.repeat):
                        if not page.drip:
                            self.wfile.write(body)
                            continue
                        for byte in body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(page.drip)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for r in self.log if r.path == path)

    def requests_to(self, path: str) -> list[Request]:
        return [r for r in self.log if r.path == path]

    def __enter__(self) -> WebServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _not_modified(page: Page, headers: dict[str, str]) -> bool:
    """A conditional GET whose validators match exactly what the page sent."""
    if page.status != 200 or not (page.etag or page.last_modified):
        return False
    if "if-none-match" in headers:
        return page.etag is not None and headers["if-none-match"] == page.etag
    return page.last_modified is not None and headers.get("if-modified-since") == page.last_modified
