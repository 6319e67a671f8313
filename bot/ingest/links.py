"""What a member may ask the bot to read: web links only.

Whatever comes from Slack (`/peru add`, the message shortcut, an @mention, `feeds add`, a button's value)
names an http(s) link or nothing. A path, `file:`, `ftp:`, `data:`, a bare word or `<!channel>` is refused
with one sentence, before anything is read, so the reply never says what the server's file system holds
(no "no such file or folder"). The link itself is then fetched under the URL rule (bot/ingest/fetch.py),
which refuses private addresses. `newsbot ingest PATH` on the command line keeps reading local files: the
operator typed it.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

ONLY_WEB_LINKS = "Only web links (https://…) can be added"
_FIRST = re.compile(r"\s*(?:<([^<>|\s]+)(?:\|[^>]*)?>|([^\s<>]+))")


def web_link(text: str | None) -> str | None:
    """The http(s) link `text` starts with (bare, or as Slack sends it: `<url>`, `<url|label>`), or None
    when its first word is anything else."""
    found = _FIRST.match(text or "")
    if not found:
        return None
    url = html.unescape(found.group(1) or found.group(2))
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return url if url.lower().startswith(("http://", "https://")) and host else None
