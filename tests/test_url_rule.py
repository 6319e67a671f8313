"""The URL rule, closed: the address checked is the address connected to, in every form an address can
be written, on every redirect and for every feed entry's link.

DNS and the internet's routing cannot run here, so two fixtures stand in for them (and only them):
`dns` answers for made-up names, and `routes` sends a public address to the local test server (the
library's socket open, httpcore's SyncBackend.connect_tcp, recording every address connected to).
The code under test — fetch, its pinned connection backend, the feed poller — runs unchanged.
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import httpcore
import pytest
from webserver import Page, WebServer

import bot.ingest.fetch as fetch_module
from bot.feeds.manage import add_feed
from bot.feeds.poll import poll_feed
from bot.ingest.fetch import FetchError, fetch, is_public

PUBLIC = "93.184.215.14"  # a global unicast address; routed to the local server by `routes`


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[list[str]] | list[str]]:
    """name → addresses (or a list of successive answers, the last repeated); records every lookup."""
    answers: dict = {}
    real = fetch_module.resolve
    lookups: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        lookups.append(host)
        if host not in answers:
            return real(host, port)
        found = answers[host]
        if found and isinstance(found[0], list):
            return found.pop(0) if len(found) > 1 else found[0]
        return found

    monkeypatch.setattr(fetch_module, "resolve", resolve)
    answers["_lookups"] = lookups
    return answers


@pytest.fixture
def routes(monkeypatch: pytest.MonkeyPatch, web: WebServer) -> list[str]:
    """Connections to PUBLIC reach the local web server; every address connected to is recorded."""
    connected: list[str] = []
    original = httpcore.SyncBackend.connect_tcp

    def connect_tcp(self, host: str, port: int, *args, **kwargs):
        connected.append(host)
        return original(self, "127.0.0.1" if host == PUBLIC else host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect_tcp)
    return connected


def port_of(web: WebServer) -> int:
    return web.httpd.server_address[1]


@pytest.mark.parametrize("host", [
    "127.0.0.1", "2130706433", "0177.0.0.1", "0x7f.1", "0x7f000001", "127.1", "[::1]", "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]", "[::127.0.0.1]", "169.254.169.254", "[fe80::1]",
    "10.0.0.1", "100.64.0.1", "0.0.0.0", "localhost",
])
def test_every_written_form_of_a_private_address_is_refused(web: WebServer, host: str) -> None:
    web.pages["/secret"] = Page("internal")
    with pytest.raises(FetchError, match="not a public address|not a valid URL"):
        fetch(f"http://{host}:{port_of(web)}/secret")
    assert web.hits("/secret") == 0


def test_hidden_ipv4_inside_ipv6_is_judged_by_the_ipv4() -> None:
    assert not is_public("::ffff:10.1.2.3")  # IPv4-mapped
    assert not is_public("64:ff9b::a9fe:a9fe")  # NAT64 of 169.254.169.254 (cloud metadata)
    assert not is_public("2002:a00:1::1")  # 6to4 of 10.0.0.1
    assert not is_public("64:ff9b:1::808:808")  # local-use NAT64 prefix
    assert is_public("64:ff9b::808:808") and is_public("2606:4700:4700::1111") and is_public("8.8.8.8")


def test_the_address_checked_is_the_address_connected_to(web: WebServer, dns: dict, routes: list[str]) -> None:
    """DNS rebinding: the first answer is public, every later one loopback. One lookup per connection, and
    the socket goes to the address that was checked, with the name kept in the Host header."""
    web.pages["/story.html"] = Page("<html><body><p>A story.</p></body></html>")
    dns["rebind.test"] = [[PUBLIC], ["127.0.0.1"]]
    page = fetch(f"http://rebind.test:{port_of(web)}/story.html")
    assert page.status == 200
    assert routes == [PUBLIC]
    assert dns["_lookups"].count("rebind.test") == 1
    assert web.requests_to("/story.html")[0].headers["host"] == f"rebind.test:{port_of(web)}"
    with pytest.raises(FetchError, match="not a public address"):  # the next fetch gets the loopback answer
        fetch(f"http://rebind.test:{port_of(web)}/story.html")
    assert routes == [PUBLIC] and web.hits("/story.html") == 1


@pytest.mark.parametrize("target", ["http://0x7f.1:{port}/secret", "http://[::ffff:127.0.0.1]:{port}/secret",
                                    "http://inside.test:{port}/secret", "file:///etc/passwd"])
def test_every_redirect_is_checked(web: WebServer, dns: dict, routes: list[str], target: str) -> None:
    dns["news.test"], dns["inside.test"] = [PUBLIC], ["10.0.0.7"]
    web.pages["/secret"] = Page("internal")
    web.pages["/go"] = Page("", status=302, headers={"Location": target.format(port=port_of(web))})
    with pytest.raises(FetchError):
        fetch(f"http://news.test:{port_of(web)}/go")
    assert web.hits("/go") == 1 and web.hits("/secret") == 0
    assert set(routes) == {PUBLIC}


def test_a_feed_entry_linking_inside_is_never_fetched(web: WebServer, dns: dict, routes: list[str], empty_db) -> None:
    """The entry is kept from the feed's own summary (partial); its private link is never requested."""
    dns["news.test"] = [PUBLIC]
    port = port_of(web)
    web.pages["/secret.html"] = Page("<html><body><p>internal</p></body></html>")
    inside = f"http://[::ffff:127.0.0.1]:{port}/secret.html"
    web.pages["/feed.xml"] = Page(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>News</title><item><title>Lima strike</title>"
        f"<link>{inside}</link><guid>urn:1</guid><description>Bus drivers in Lima stopped work on Monday after "
        "extortion gangs attacked another bus, the unions said.</description></item></channel></rss>",
        "application/rss+xml")
    added = add_feed(empty_db, f"http://news.test:{port}/feed.xml", "peru")
    assert added.ok, added.error
    result = poll_feed(empty_db, added.feed_id)
    assert result.new == 1
    assert web.hits("/secret.html") == 0
    row = empty_db.execute("select partial, title from articles").fetchone()
    assert row == (1, "Lima strike")


def _certificate(tmp: Path, name: str) -> tuple[Path, Path]:
    key, cert = tmp / "key.pem", tmp / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}"],
                   check=True, capture_output=True)
    return cert, key


@pytest.fixture
def tls_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """An HTTPS server on loopback with a certificate for news.test, trusted by the fetcher."""
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = _certificate(tmp_path, "news.test")
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            seen.append(self.headers.get("Host", ""))
            body = b"<html><body><p>Secure story.</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    served = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    served.load_cert_chain(cert, key)
    server.socket = served.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    trusted = ssl.create_default_context(cafile=str(cert))
    monkeypatch.setattr(fetch_module, "tls_context", lambda: trusted)
    yield lambda: server.server_address[1], seen
    server.shutdown()
    server.server_close()


def test_tls_checks_the_name_while_connecting_to_the_pinned_ip(tls_site, dns: dict, routes: list[str]) -> None:
    port_fn, seen = tls_site
    dns["news.test"], dns["other.test"] = [PUBLIC], [PUBLIC]
    page = fetch(f"https://news.test:{port_fn()}/story")
    assert b"Secure story" in page.body and seen == [f"news.test:{port_fn()}"]
    with pytest.raises(FetchError):  # same IP, another name: the certificate does not match
        fetch(f"https://other.test:{port_fn()}/story")
    assert routes == [PUBLIC, PUBLIC] and len(seen) == 1
