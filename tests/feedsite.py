"""A small news site for feed tests: an RSS or Atom feed of article pages on tests/webserver.py."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from webserver import Page, WebServer

RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
TOPICS = [
    ("Lima bus drivers strike over extortion", "Bus drivers in Lima, Peru, stopped work on Monday after "
     "extortion gangs attacked another bus in the district of Comas, the transport unions said."),
    ("Police chief replaced in Trujillo", "The Interior Ministry replaced the police chief of Trujillo on "
     "Tuesday after a month in which 40 businesses reported extortion threats, officials said."),
    ("Illegal miners clash in Pataz", "Illegal miners clashed with security guards at a gold mine in Pataz, "
     "in the region of La Libertad, leaving three people injured, the local prosecutor said."),
    ("Congress debates prison reform", "Peru's Congress opened a debate on Wednesday on a bill to build two "
     "new prisons and move gang leaders away from Lima, lawmakers said."),
]


@dataclass
class Item:
    slug: str
    title: str
    lead: str
    guid: str | None = None
    date: str | None = "Mon, 27 Oct 2025 09:00:00 GMT"
    updated: str | None = None
    summary: str | None = None


def article_html(title: str, lead: str, dated: bool = True) -> str:
    """An article page with site furniture around it (navigation, a newsletter pitch, a footer)."""
    body = " ".join([lead, "Residents said they feared for their safety and asked the authorities for help.",
                     "The government said more officers would be sent to the area in the coming weeks.",
                     "Local business owners said the threats had forced several shops to close early."])
    meta = '<meta property="article:published_time" content="2025-10-27T09:00:00Z">' if dated else ""
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>{meta}"
            f"</head><body><header><nav><a href='/'>Home</a> <a href='/peru'>Peru</a></nav></header>"
            f"<article><h1>{escape(title)}</h1><p>{escape(body)}</p><p>{escape(lead)}</p></article>"
            f"<aside>Sign up for our newsletter</aside><footer>© Test News</footer></body></html>")


def items(count: int = 3) -> list[Item]:
    return [Item(f"story-{n}", *TOPICS[n % len(TOPICS)], guid=f"urn:test:{n}") for n in range(count)]


def rss(site: WebServer, entries: list[Item], title: str = "Test News: Peru") -> str:
    parts = []
    for e in entries:
        fields = [f"<title>{escape(e.title)}</title>", f"<link>{site.url('/' + e.slug + '.html')}</link>",
                  f"<description>{escape(e.summary or e.lead)}</description>"]
        if e.guid:
            fields.append(f"<guid isPermaLink='false'>{e.guid}</guid>")
        if e.date:
            fields.append(f"<pubDate>{e.date}</pubDate>")
        if e.updated:
            fields.append(f"<atom:updated>{e.updated}</atom:updated>")
        parts.append("<item>" + "".join(fields) + "</item>")
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0' xmlns:atom='http://www.w3.org/2005/Atom'>"
            f"<channel><title>{escape(title)}</title><link>{site.url('/')}</link><description>news</description>"
            + "".join(parts) + "</channel></rss>")


def atom(site: WebServer, entries: list[Item], title: str = "Test News (Atom)") -> str:
    parts = [
        f"<entry><id>{e.guid}</id><title>{escape(e.title)}</title>"
        f"<link href='{site.url('/' + e.slug + '.html')}'/><updated>{e.updated or '2025-10-27T09:00:00Z'}"
        f"</updated><summary>{escape(e.summary or e.lead)}</summary></entry>"
        for e in entries
    ]
    return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>{escape(title)}</title><id>urn:test:feed</id><updated>2025-10-27T09:00:00Z</updated>"
            + "".join(parts) + "</feed>")


def publish(site: WebServer, entries: list[Item], path: str = "/feed.xml", kind: str = "rss",
            etag: str = '"v1"', pages: bool = True) -> str:
    """Serve the feed (with validators) and, unless `pages` is False, each entry's page; the feed's URL."""
    body, content_type = (rss(site, entries), RSS) if kind == "rss" else (atom(site, entries), ATOM)
    site.pages[path] = Page(body, content_type, etag=etag, last_modified="Mon, 27 Oct 2025 10:00:00 GMT")
    if pages:
        for e in entries:
            site.pages.setdefault(f"/{e.slug}.html", Page(article_html(e.title, e.lead)))
    return site.url(path)


def billion_laughs(levels: int = 9) -> str:
    """An RSS feed whose one title is an entity that expands 10**levels times (a few hundred bytes)."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{"".join(f"&lol{n - 1};" for _ in range(10))}">' for n in range(1, levels + 1)]
    return (f"<?xml version='1.0'?><!DOCTYPE rss [{''.join(entities)}]><rss version='2.0'><channel><title>Laughs"
            f"</title><item><title>&lol{levels};</title><link>http://example.com/1</link>"
            "<description>Bus drivers in Lima stopped work.</description></item></channel></rss>")


def external_entity(target: str = "file:///etc/passwd") -> str:
    """An RSS feed whose title is an external entity (XXE): the file or URL would be read into it."""
    return (f"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY xxe SYSTEM '{target}'>]><rss version='2.0'><channel>"
            "<title>&xxe;</title><item><title>Entry &xxe;</title><link>http://example.com/1</link>"
            "<description>Bus drivers in Lima stopped work.</description></item></channel></rss>")


def many_entries(count: int, atom_feed: bool = False) -> bytes:
    """A feed of `count` entries dated across October 2025 (entry n on day 1 + n % 28), oldest last."""
    if atom_feed:
        parts = b"".join(b"<entry><id>urn:n:%d</id><title>Entry %d</title><link href='http://example.com/%d'/>"
                         b"<updated>2025-10-%02dT09:00:00Z</updated></entry>" % (n, n, n, 1 + n % 28)
                         for n in range(count))
        head = b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Many</title>"
        return head + parts + b"</feed>"
    parts = b"".join(b"<item><title>Entry %d</title><link>http://example.com/%d</link><guid>urn:n:%d</guid>"
                     b"<pubDate>%02d Oct 2025 09:00:00 GMT</pubDate></item>" % (n, n, n, 1 + n % 28)
                     for n in range(count))
    return (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Many</title><link>http://example.com/</link>"
            + parts + b"</channel></rss>")


MIB = 1 << 20


@lru_cache(maxsize=8)
def bomb(encodings: tuple[str, ...], size: int = 1 << 30) -> bytes:
    """`size` zero bytes under each Content-Encoding in turn (header order: the first is applied first).

    1 GiB is ~1 MB after one layer and a few KB after two. Built without compressing a gigabyte: raw deflate
    blocks of one MiB of zeros, each ended by a full flush, are the same bytes every time, so the first
    layer is one block repeated; only the checksum runs over the zeros."""
    zeros = b"\0" * MIB
    deflater = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = deflater.compress(zeros) + deflater.flush(zlib.Z_FULL_FLUSH)
    raw = block * (size // MIB) + zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS).flush()
    data = _framed(encodings[0], raw, [zeros] * (size // MIB), size)
    for encoding in encodings[1:]:
        deflater = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        data = _framed(encoding, deflater.compress(data) + deflater.flush(), [data], len(data))
    return data


def _framed(encoding: str, raw: bytes, plain: list[bytes], size: int) -> bytes:
    """Raw deflate data in its gzip (RFC 1952) or zlib (RFC 1950, HTTP's `deflate`) frame."""
    if encoding == "gzip":
        crc = 0
        for piece in plain:
            crc = zlib.crc32(piece, crc)
        return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + raw + struct.pack("<II", crc, size & 0xFFFFFFFF)
    adler = 1
    for piece in plain:
        adler = zlib.adler32(piece, adler)
    return b"\x78\xda" + raw + struct.pack(">I", adler)
