"""Identity of an article: its canonical URL and a hash of its normalised text.

The same story reached by two links (tracking parameters, a fragment, an upper-case host) or the same
text filed twice must be one article.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ref|ref_src|cmpid|ocid|_ga)$", re.I)
_WORDS = re.compile(r"\w+")


def url_key(url: str | None) -> str | None:
    """Canonical form: lower-case scheme and host, no default port, fragment or tracking parameters."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https"):
        return url.strip()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)]
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit(("https", host, path, urlencode(sorted(query)), ""))


def text_hash(title: str, text: str) -> str:
    """Hash of the words alone, so whitespace and punctuation changes do not make a new article."""
    words = " ".join(_WORDS.findall(f"{title}\n{text}".lower()))
    return hashlib.sha256(words.encode()).hexdigest()
