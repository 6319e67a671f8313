"""Fetching a URL a user or a feed gave us, under the URL rule of DESIGN.md.

Only http(s); only hosts that resolve to public addresses (no loopback, private, link-local, metadata or
reserved ranges), checked again on every redirect; a size cap and timeouts. NEWSBOT_ALLOW_PRIVATE_URLS=1
lifts the address rule for local development and the test suite's loopback servers, nothing else.

Feeds poll through the same path: `headers` carries their validators (If-None-Match / If-Modified-Since),
a 304 comes back as a Fetched with status 304 and no body (`not_modified=True`), a FetchError carries the
HTTP status and any Retry-After, and `moved_to` says where permanent redirects (301/308) lead.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import ssl
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import certifi
import httpx

MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
PERMANENT = (301, 308)
USER_AGENT = "newsbot/0.1 (+newsroom archive)"


@lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """One TLS context (certifi's CA store, as httpx's default) for every fetch: httpx would build a new
    one per client, loading the CA store each time — 70 ms of CPU per request on a busy machine, most of
    the cost of a round of 304s."""
    return ssl.create_default_context(cafile=certifi.where())


def timeout() -> httpx.Timeout:
    """10 s to answer (NEWSBOT_FETCH_TIMEOUT), 5 s to connect: feedparser and trafilatura have none."""
    seconds = float(os.environ.get("NEWSBOT_FETCH_TIMEOUT") or 10.0)
    return httpx.Timeout(seconds, connect=min(5.0, seconds))


class FetchError(Exception):
    """A URL that could not or must not be fetched; the message is short and safe to show a user.

    `status` is the HTTP status when the site answered one; `retry_after` its Retry-After in seconds."""

    def __init__(self, message: str, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


@dataclass
class Fetched:
    url: str  # final URL after redirects
    content_type: str
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)  # the final response's headers, lower-case names
    moved_to: str | None = None  # where the permanent redirects (301/308) at the start of the chain lead

    @property
    def not_modified(self) -> bool:
        return self.status == 304

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


def fetch(url: str, max_bytes: int = MAX_BYTES, headers: dict[str, str] | None = None) -> Fetched:
    """GET a URL under the URL rule, following redirects by hand so each hop is checked.

    `headers` are added to the request (a feed's validators); a 304 is returned, not raised."""
    sent = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*",
            **(headers or {})}
    moved_to, permanent = None, True
    with httpx.Client(timeout=timeout(), follow_redirects=False, headers=sent, verify=tls_context()) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url)
            try:
                with client.stream("GET", url) as response:
                    if response.has_redirect_location:
                        url = urljoin(url, response.headers.get("location", ""))
                        permanent = permanent and response.status_code in PERMANENT
                        moved_to = url if permanent else moved_to
                        continue
                    found = {k.lower(): v for k, v in response.headers.items()}
                    if response.status_code == 304:
                        return Fetched(str(response.url), found.get("content-type", ""), b"", 304, found, moved_to)
                    if response.status_code >= 400:
                        raise FetchError(f"the site answered HTTP {response.status_code}", response.status_code,
                                         retry_after(found.get("retry-after")))
                    body = _read_capped(response, max_bytes)
                    return Fetched(str(response.url), found.get("content-type", ""), body, response.status_code,
                                   found, moved_to)
            except httpx.TimeoutException as exc:
                raise FetchError("the site took too long to answer") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"could not fetch the link ({type(exc).__name__})") from exc
    raise FetchError("too many redirects")


def retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: a number of seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


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
