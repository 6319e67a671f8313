"""Fetching a URL a user or a feed gave us, under the URL rule of DESIGN.md.

Only http(s); only hosts that resolve to public addresses (no loopback, private, link-local, metadata or
reserved ranges, also when hidden in IPv4-mapped, IPv4-compatible, NAT64, 6to4 or Teredo IPv6 addresses,
or written as decimal, octal or hex IPv4), checked again on every redirect; a size cap that cuts a body
off while it streams, and a deadline on the whole fetch (a server that sends a byte a second never
trips a per-read timeout). NEWSBOT_ALLOW_PRIVATE_URLS=1 lifts the address rule for local development
and the test suite's loopback servers, nothing else.

The address checked is the address connected to: the name is resolved once, in the connection layer
(httpcore's network backend), each address is checked, and the socket is opened to that IP, while the
request keeps the name in its Host header and TLS keeps it for SNI and the certificate check. A DNS
answer that changes between a check and a connect (DNS rebinding) has no window.

Feeds poll through the same path: `headers` carries their validators (If-None-Match / If-Modified-Since),
a 304 comes back as a Fetched with status 304 and no body (`not_modified=True`), a FetchError carries the
HTTP status and any Retry-After, and `moved_to` says where permanent redirects (301/308) lead.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
import ssl
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import certifi
import httpcore
import httpx

from bot.words import say

MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
# Content-Encoding: the body is decoded here, not by httpx, so that no layer can turn a small chunk into
# gigabytes before the cap counts it (a 6.8 KB `gzip, gzip` answer is 4 GiB). Each layer hands on at most
# DECODE_STEP bytes at a time, and each layer's output counts against the cap. Real servers send one
# encoding; MAX_ENCODINGS leaves room for odd stacks and refuses deeper ones unread.
DECODE_STEP = 64 * 1024
MAX_ENCODINGS = 3
ZLIB_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}
ACCEPT_ENCODING = "gzip, deflate"  # only what bounded_body decodes; never br or zstd
PERMANENT = (301, 308)
USER_AGENT = "newsbot/0.1 (+newsroom archive)"


@lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """One TLS context (certifi's CA store, as httpx's default) for every fetch: httpx would build a new
    one per client, loading the CA store each time — 70 ms of CPU per request on a busy machine, most of
    the cost of a round of 304s."""
    return ssl.create_default_context(cafile=certifi.where())


def deadline_seconds() -> float:
    """The most a whole fetch (redirects, headers and body) may take: NEWSBOT_FETCH_DEADLINE, 30 s."""
    return float(os.environ.get("NEWSBOT_FETCH_DEADLINE") or 30.0)


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


NAT64 = (ipaddress.ip_network("64:ff9b::/96"),)
NUMERIC_HOST = re.compile(r"^(?:0x[0-9a-f]*|\d+)(?:\.(?:0x[0-9a-f]*|\d+)){0,3}\.?$", re.IGNORECASE)
LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215 local-use translation: never public


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries: IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo."""
    found = [a for a in (address.ipv4_mapped, address.sixtofour) if a is not None]
    if address.teredo:
        found.extend(address.teredo)
    if any(address in net for net in NAT64) or int(address) >> 32 == 0 and int(address) > 1:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def is_public(address: str) -> bool:
    """A global unicast address, and so is every IPv4 address hidden inside it."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    inner: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in LOCAL_NAT64:
            return False
        inner.extend(embedded_ipv4(ip))
    return all(a.is_global and not a.is_multicast for a in inner)


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (a literal in any form glibc reads: 2130706433, 0177.0.0.1, 0x7f.1)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(say("why_cannot_resolve", host=host)) from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def public_addresses(host: str, port: int) -> list[str]:
    """The addresses to connect to; FetchError when any of them is not public (unless the rule is lifted)."""
    addresses = resolve(host.strip("[]"), port)
    if not private_allowed() and not all(is_public(a) for a in addresses):
        raise FetchError(say("why_not_public", host=host))
    return addresses


def check_url(url: str, resolve_host: bool = True) -> None:
    """Raise FetchError unless the URL is http(s) and (with `resolve_host`) every address its host resolves
    to is public. `fetch` checks only the form here: its connection layer checks the addresses it connects
    to, and a second lookup would only cost time."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(say("why_not_url")) from exc
    if parts.scheme not in ("http", "https"):
        raise FetchError(say("why_scheme", scheme=parts.scheme or "this"))
    if not parts.hostname:
        raise FetchError(say("why_no_host"))
    if resolve_host or NUMERIC_HOST.match(parts.hostname):  # 0177.0.0.1: a literal, no lookup, a clear reason
        public_addresses(parts.hostname, port or (443 if parts.scheme == "https" else 80))


class _DeadlineStream(httpcore.NetworkStream):
    """A socket whose every read and write ends by the fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self._inner, self._deadline = inner, deadline

    def _left(self, timeout: float | None) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the fetch's deadline passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._left(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, self._left(timeout)),
                               self._deadline)

    def get_extra_info(self, info: str):
        return self._inner.get_extra_info(info)


class PinnedBackend(httpcore.SyncBackend):
    """Resolve once, check each address, connect to that IP: httpcore passes the URL's name here and
    keeps it for TLS (SNI and certificate) itself, and the request's Host header is the name too."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in public_addresses(host, port):
            try:
                stream = super().connect_tcp(address, port, _left(self.deadline, timeout), local_address,
                                             socket_options)
                return _DeadlineStream(stream, self.deadline)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last or httpcore.ConnectError(f"cannot connect to {host}")


def _left(deadline: float, timeout: float | None) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ConnectTimeout("the fetch's deadline passed")
    return left if timeout is None else min(timeout, left)


def pinned_transport(deadline: float) -> httpx.HTTPTransport:
    """httpx's transport over a connection pool that connects only through PinnedBackend (no proxies:
    a proxy would connect to an address we never checked)."""
    transport = httpx.HTTPTransport(verify=tls_context(), trust_env=False)
    transport._pool = httpcore.ConnectionPool(ssl_context=tls_context(), network_backend=PinnedBackend(deadline))
    return transport


def fetch(url: str, max_bytes: int = MAX_BYTES, headers: dict[str, str] | None = None) -> Fetched:
    """GET a URL under the URL rule, following redirects by hand so each hop is checked.

    `headers` are added to the request (a feed's validators); a 304 is returned, not raised."""
    sent = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*",
            "Accept-Encoding": ACCEPT_ENCODING, **(headers or {})}
    moved_to, permanent = None, True
    transport = pinned_transport(time.monotonic() + deadline_seconds())
    with httpx.Client(timeout=timeout(), follow_redirects=False, headers=sent, transport=transport,
                      trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url, resolve_host=False)
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
                        raise FetchError(say("why_http", status=response.status_code), response.status_code,
                                         retry_after(found.get("retry-after")))
                    body = _read_capped(response, max_bytes)
                    return Fetched(str(response.url), found.get("content-type", ""), body, response.status_code,
                                   found, moved_to)
            except httpx.TimeoutException as exc:
                raise FetchError(say("why_slow")) from exc
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise FetchError(say("why_failed", error=type(exc).__name__)) from exc
    raise FetchError(say("why_redirects"))


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


def too_large(max_bytes: int) -> FetchError:
    """The one refusal for a body past the cap, on the wire or once decoded."""
    return FetchError(say("why_too_large", mb=max_bytes // (1024 * 1024)))


def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """The body, decoded, refused as soon as the wire or any decoded layer passes `max_bytes`."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise too_large(max_bytes)
    encodings = content_encodings(response.headers.get_list("content-encoding", split_commas=True))
    return b"".join(bounded_body(_capped(response.iter_raw(), max_bytes), encodings, max_bytes))


def content_encodings(values: list[str]) -> list[str]:
    """The layers to undo, outermost first; FetchError for an encoding we cannot decode or too many."""
    layers = [v.strip().lower() for v in values if v.strip().lower() not in ("", "identity")]
    unknown = [v for v in layers if v not in ZLIB_WBITS]
    if unknown:
        raise FetchError(say("why_encoding", encoding=unknown[0][:20]))
    if len(layers) > MAX_ENCODINGS:
        raise FetchError(say("why_layers", count=len(layers), most=MAX_ENCODINGS))
    return layers[::-1]


def _capped(pieces: Iterator[bytes], max_bytes: int) -> Iterator[bytes]:
    """`pieces` passed on while their total stays within `max_bytes`."""
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > max_bytes:
            raise too_large(max_bytes)
        yield piece


def bounded_body(raw: Iterator[bytes], encodings: list[str], max_bytes: int) -> Iterator[bytes]:
    """The raw body with every encoding undone (outermost first), each layer capped as it decodes."""
    stream = raw
    for encoding in encodings:
        stream = _capped(_inflate(stream, encoding), max_bytes)
    return stream


def _inflate(pieces: Iterator[bytes], encoding: str) -> Iterator[bytes]:
    """One gzip or deflate layer undone in steps of at most DECODE_STEP bytes: zlib's `max_length` keeps
    the input it has not used yet, so one small piece never expands in one call. Data after the end of
    the stream is ignored, as httpx does."""
    inflater, held = None, b""
    try:
        for piece in pieces:
            if inflater is None and encoding == "deflate" and len(held + piece) < 2:
                held += piece  # not enough yet to tell a zlib header from raw deflate
                continue
            if inflater is None:
                inflater, piece, held = _inflater(encoding, held + piece), held + piece, b""
            yield from _drain(inflater, piece)
        yield from _drain(inflater or _inflater(encoding, held), held)
    except zlib.error as exc:
        raise FetchError(say("why_damaged")) from exc


def _inflater(encoding: str, head: bytes) -> zlib._Decompress:
    """gzip's inflater; for `deflate`, a zlib-wrapped one when the stream starts with a zlib header
    (method 8, a header checksum divisible by 31), else a raw one (some servers send raw deflate, and
    browsers read it)."""
    if encoding != "deflate":
        return zlib.decompressobj(ZLIB_WBITS[encoding])
    wrapped = len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
    return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)


def _drain(inflater: zlib._Decompress, data: bytes) -> Iterator[bytes]:
    """Everything `inflater` makes of `data`, DECODE_STEP bytes at a time, until it needs more input."""
    while not inflater.eof:
        out = inflater.decompress(data, DECODE_STEP)
        data = inflater.unconsumed_tail
        if out:
            yield out
        if len(out) < DECODE_STEP and not data:
            return
