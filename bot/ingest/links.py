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

from bot.words import say, say_again

ONLY_WEB_LINKS = say("only_web_links")  # the refusal as a result carries it; a desk says it in its language
NO_ARTICLE = say("no_article_at_link")  # a link that held no article
_FIRST = re.compile(r"\s*(?:<([^<>|\s]+)(?:\|[^>]*)?>|([^\s<>]+))")


def add_error(error: str | None, language: str) -> str:
    """Why a link was not stored, in the desk's language: the reason is one of the bot's own sentences (a
    fetch's reason, "the site answered HTTP 404", is said again in the desk's words); other text stays as it is."""
    own = {ONLY_WEB_LINKS: "only_web_links", NO_ARTICLE: "no_article_at_link"}
    return say(own[error], language) if error in own else say_again(str(error or ""), "why_", language)


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
