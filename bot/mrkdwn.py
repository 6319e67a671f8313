"""Escaping for Slack mrkdwn, so that text from articles and users is shown, never obeyed.

Slack treats `<...>` as control sequences (`<!channel>` pings everyone, `<http://x|label>` is a
link whose label can lie about its target) and `&` starts an entity. Slack's rule is to replace
exactly these three characters; everything else is shown as typed.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ESCAPE_RE = re.compile(r"[&<>]")
_USER_ID_RE = re.compile(r"^[UW][A-Z0-9]{2,30}$")
ELLIPSIS = "…"


def escape(text: str | None) -> str:
    """Escape `&`, `<`, `>` so Slack renders the text literally (no pings, no forged links)."""
    if not text:
        return ""
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], str(text))


def fit(text: str | None, limit: int) -> str:
    """Escape `text` and cut it to at most `limit` characters at a word boundary.

    Cutting happens on the raw text before escaping so an entity such as `&amp;` is never split
    in half (a half entity would show as garbage or be rejected).
    """
    raw = str(text or "")
    escaped = escape(raw)
    if len(escaped) <= limit:
        return escaped
    budget = max(limit - len(ELLIPSIS), 0)
    cut = raw[:budget]
    while len(escape(cut)) > budget:
        cut = cut[: len(cut) - max(1, (len(escape(cut)) - budget) // 5)]
    space = cut.rfind(" ")
    if space > len(cut) * 0.6:
        cut = cut[:space]
    return escape(cut.rstrip()) + ELLIPSIS


def safe_url(url: str | None) -> str | None:
    """A URL fit to sit inside `<url|label>`: http(s) only, with `|`, `<`, `>` and spaces encoded.

    A `javascript:` or `slack://` URL from a feed is refused (None) rather than linked.
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    encoded = quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~-._")
    return encoded.replace("&", "&amp;")


def link(url: str | None, label: str, limit: int = 300) -> str:
    """`<url|label>` with the label escaped; just the escaped label when the URL is not linkable."""
    target = safe_url(url)
    shown = fit(label, limit).replace("|", "¦")
    return f"<{target}|{shown}>" if target else shown


def user_mention(user_id: str | None) -> str:
    """`<@U123>` for a well-formed Slack user id; anything else is shown escaped, never as markup."""
    if user_id and _USER_ID_RE.match(user_id):
        return f"<@{user_id}>"
    return escape(user_id or "someone")
