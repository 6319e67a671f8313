"""Fetching a URL a user or a feed gave us, under the URL rule of DESIGN.md.

Only http(s); only hosts that resolve to public addresses (no loopback, private, link-local, metadata or
reserved ranges), checked again on every redirect; a size cap and timeouts. NEWSBOT_ALLOW_PRIVATE_URLS=1
lifts the address rule for local development and the test suite's loopback servers, nothing else.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
USER_AGENT = "newsbot/0.1 (+newsroom archive)"


class FetchError(Exception):
    """A URL that could not or must not be fetched; the message is short and safe to show a user."""


@dataclass
class Fetched:
    url: str  # final URL after redirects
    content_type: str
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode(_charset(self.content_type) or "utf-8", errors="replace")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"'")
    return None


def private_allowed() -> bool:
    return os.environ.get("NEWSBOT_ALLOW_PRIVATE_URLS") == "1"


def check_url(url: str) -> None:
    """Raise FetchError unless the URL is http(s) and every address its host resolves to is public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https links can be read, not {parts.scheme or 'this'}")
    if not parts.hostname:
        raise FetchError("the link has no host")
    if private_allowed():
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {parts.hostname}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            raise FetchError(f"{parts.hostname} is not a public address; only public sites can be read")


def fetch(url: str, max_bytes: int = MAX_BYTES) -> Fetched:
    """GET a URL under the URL rule, following redirects by hand so each hop is checked."""
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*"}
    with httpx.Client(timeout=TIMEOUT, follow_redirects=False, headers=headers) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url)
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"the site answered HTTP {response.status_code}")
                    body = _read_capped(response, max_bytes)
                    return Fetched(str(response.url), response.headers.get("content-type", ""), body)
            except httpx.TimeoutException as exc:
                raise FetchError("the site took too long to answer") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"could not fetch the link ({type(exc).__name__})") from exc
    raise FetchError("too many redirects")


def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"the page is larger than the {max_bytes // (1024 * 1024)} MB limit")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"the page is larger than the {max_bytes // (1024 * 1024)} MB limit")
        chunks.append(chunk)
    return b"".join(chunks)
