"""Escaping for Slack mrkdwn, so that text from articles and users is shown, never obeyed.

Slack treats `<...>` as control sequences (`<!channel>` pings everyone, `<http://x|label>` is a
link whose label can lie about its target) and `&` starts an entity: Slack's rule is to replace
exactly these three characters. Formatting (`*bold*`, `_it_`, `~x~`, backticks, `:emoji:`) has no
escape at all, so content shows it as text through look-alike characters (`escape`); the bot's own
mrkdwn keeps its formatting (`escape_own`). Invisible characters (zero-width, bidirectional
overrides) are dropped from both.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ESCAPE_RE = re.compile(r"[&<>]")
_USER_ID_RE = re.compile(r"^[UW][A-Z0-9]{2,30}$")
_INVISIBLE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e"
                           "\u2060-\u2064\u2066-\u2069\ufeff]")
_LOOKALIKES = str.maketrans({"*": "\u2217", "_": "\u02cd", "~": "\u223c", "`": "\u02cb"})  # ∗ ˍ ∼ ˋ
_SHORTCODE_RE = re.compile(r":(?=[a-z0-9_+'-]*[a-z])[a-z0-9_+'-]{1,100}:", re.I)  # :rotating_light:
ELLIPSIS = "…"
URL_LIMIT = 3000  # Slack's limit on a block element's url
_URL_SAFE = "/?:@!$&'()*+,;=%~-._"  # RFC 3986 path, query and fragment characters; the rest is encoded
_HOST_RE = re.compile(r"[A-Za-z0-9.-]{1,253}|[0-9A-Fa-f:.]{2,45}")  # a name, an IPv4 or an IPv6 literal


def visible(text: str | None) -> str:
    """The text without the characters nobody sees: zero-width spaces, byte-order marks, bidirectional
    overrides and isolates (a right-to-left override makes "gpj.exe" read "exe.jpg") and control
    characters. Ingest drops them; an echo of what a user typed drops them too. Joiners stay: scripts
    and emoji sequences need them."""
    return _INVISIBLE_RE.sub("", str(text or ""))


def escape(text: str | None) -> str:
    """Text from articles and users, shown as text in mrkdwn: `&`, `<`, `>` escaped (no pings, no forged
    links) and the formatting characters swapped for look-alikes, so `*bold*`, `_it_`, `~x~`, a backtick or
    an `:emoji:` code reads as typed and never opens (or closes) the bot's own bold around a title.

    Slack's mrkdwn has no escape for `*`, `_`, `~` and backticks, and an invisible character beside one
    works only as far as Slack's undocumented word-boundary rules go; a look-alike (∗ ˍ ∼ ˋ, and ꞉ for the
    opening colon of a shortcode) is no formatting character under any rule, and reads the same.
    """
    shown = _SHORTCODE_RE.sub(lambda m: "\ua789" + m.group(0)[1:], visible(text))
    return escape_own(shown).translate(_LOOKALIKES)


def escape_own(text: str | None) -> str:
    """The bot's own mrkdwn (which may quote the user's words): invisible characters out and `&`, `<`, `>`
    escaped, its formatting (the code spans of a usage line) kept."""
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], visible(text))


def fit(text: str | None, limit: int, *, own: bool = False) -> str:
    """`text` escaped (`escape`, or `escape_own` for the bot's own mrkdwn) and cut to at most `limit`
    characters at a word boundary (inside a word only when the text has no space to cut at).

    Cutting happens on the raw text before escaping so an entity such as `&amp;` is never split
    in half (a half entity would show as garbage or be rejected).
    """
    shown = escape_own if own else escape
    raw = visible(text)
    escaped = shown(raw)
    if len(escaped) <= limit:
        return escaped
    budget = max(limit - len(ELLIPSIS), 0)
    cut = raw[:budget]
    while len(shown(cut)) > budget:
        cut = cut[: len(cut) - max(1, (len(shown(cut)) - budget) // 5)]
    space = cut.rfind(" ")
    if space > 0 and raw[len(cut):len(cut) + 1] not in ("", " "):
        cut = cut[:space]  # never a word cut in two ("willing to co…" of "co-operate"): the last whole word ends it
    return shown(cut.rstrip()) + ELLIPSIS


def web_url(url: str | None) -> str | None:
    """A valid http(s) URL for a block's `url` field (a button, an overflow option), or None.

    Slack refuses a whole message whose block carries an invalid URL, so one feed's bad link must be
    mended or left out, never passed on: the path, query and fragment are percent-encoded (spaces,
    `|`, `<`, `>`, quotes, non-ASCII), a non-ASCII host is IDNA-encoded, and a host with anything a host
    cannot hold, another scheme (`javascript:`, `slack://`) or a URL past Slack's 3,000 characters is None.
    """
    if not url:
        return None
    try:
        parts = urlsplit(str(url).strip())
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except (ValueError, UnicodeError):
        return None
    if parts.scheme.lower() not in ("http", "https") or not _HOST_RE.fullmatch(ascii_host):
        return None
    if "[" in parts.netloc:
        ascii_host = f"[{ascii_host}]"  # an IPv6 literal keeps its brackets
    path, query, fragment = (quote(x, safe=_URL_SAFE) for x in (parts.path, parts.query, parts.fragment))
    found = f"{parts.scheme.lower()}://{ascii_host}{port}{path}"
    found += (f"?{query}" if parts.query else "") + (f"#{fragment}" if parts.fragment else "")
    return found if len(found) <= URL_LIMIT else None


def highlighted(text: str | None, limit: int) -> str:
    """A search snippet in mrkdwn: the words between the engine's `*` marks bold (the engine leaves no other
    `*` in a snippet), everything else escaped as content; cut to about `limit` characters."""
    raw = visible(text)
    if len(raw) > limit:
        raw = raw[: int(limit * 0.8)].rsplit(" ", 1)[0] + ELLIPSIS  # room for what escaping adds
    parts = raw.split("*")
    return "".join(f"*{escape(part)}*" if n % 2 and n < len(parts) - 1 and part.strip() else escape(part)
                   for n, part in enumerate(parts))


def safe_url(url: str | None) -> str | None:
    """A URL fit to sit inside mrkdwn's `<url|label>`: `web_url` with `&` written as `&amp;`."""
    found = web_url(url)
    return found.replace("&", "&amp;") if found else None


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
