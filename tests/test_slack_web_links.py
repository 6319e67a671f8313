"""`add` takes web links only, at every Slack entry point, over signed HTTP to the running app.

A member who types a path, a `file:`/`ftp:`/`data:` address, a folder, a bare word or `<!channel>` after
`add` (the slash command, an @mention, `feeds add`, a shared message) is told "Only web links (https://…)
can be added"; nothing is stored, no file is opened, and no reply says what the server's disk holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from slack_harness import Harness, rendered, settle
from slack_standin import BOT_USER, interaction_body
from test_slack_app import slack  # noqa: F401 (the app-on-loopback fixture)

import bot.ingest.service
from bot.ingest.links import ONLY_WEB_LINKS

SECRET_WORD = "quetzalcoatlpassword"
ORACLES = ("no such file", "unsupported file type", "folder", "directory", "permission", SECRET_WORD)


@pytest.fixture
def server_files(tmp_path: Path) -> Path:
    """A folder on the server with a secret in it: what a hostile member would try to read."""
    (tmp_path / "notes.txt").write_text(f"The vault password is {SECRET_WORD}.\n" * 40, encoding="utf-8")
    return tmp_path


@pytest.fixture
def paths_read(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every path the ingest's file reader is asked to open while the app serves (none, from Slack)."""
    opened: list[Path] = []
    real = bot.ingest.service.read_path

    def recording(path: Path) -> Any:
        opened.append(path)
        return real(path)

    monkeypatch.setattr(bot.ingest.service, "read_path", recording)
    yield opened


def refused_without_oracle(message: dict[str, Any]) -> None:
    said = "\n".join(rendered(message)) if "blocks" in message else str(message.get("text"))
    assert ONLY_WEB_LINKS in said
    assert not any(word in said.lower() for word in ORACLES), said


def stored_secret(slack: Harness) -> int:  # noqa: F811
    return slack.sql("SELECT count(*) FROM articles WHERE text LIKE ?", (f"%{SECRET_WORD}%",))[0][0]


@pytest.mark.parametrize("target", ["/etc/passwd", "../../x", "file:///etc/passwd", "FOLDER", "FOLDER/notes.txt",
                                    "<!channel>", "ftp://example.com/notes.txt", "data:text/html,<p>hi</p>",
                                    "notes.txt", "<file:///etc/passwd|a link>"])
def test_add_refuses_anything_but_a_web_link_and_reads_nothing(
        slack: Harness, server_files: Path, paths_read: list[Path], target: str) -> None:  # noqa: F811
    target = target.replace("FOLDER", str(server_files))
    before = slack.articles()
    name = f"add-path-{abs(hash(target)) % 10**8}"
    ack = slack.command(f"add {target}", name)
    assert ack.status_code == 200
    refused_without_oracle(ack.json())
    settle()
    assert not [c for c in slack.standin.calls if c.path == slack.standin.response_path(name)]
    assert slack.articles() == before and stored_secret(slack) == 0 and paths_read == []


def test_an_at_mention_add_of_a_path_is_refused(slack: Harness, server_files: Path,  # noqa: F811
                                                 paths_read: list[Path]) -> None:
    before, posts, public = slack.articles(), slack.posted("chat.postEphemeral"), slack.posted("chat.postMessage")
    slack.event({"type": "app_mention", "user": "U0REPORTER", "text": f"<@{BOT_USER}> add {server_files}",
                 "ts": "1700000400.000100", "channel": "C0PERUDESK", "event_ts": "1700000400.000100"})
    said = slack.standin.wait_for("chat.postEphemeral", posts + 1)[-1].body
    refused_without_oracle(said)
    assert said["user"] == "U0REPORTER" and slack.posted("chat.postMessage") == public  # refused to the asker alone
    assert slack.articles() == before and paths_read == []


def test_feeds_add_from_slack_takes_web_links_only(slack: Harness, paths_read: list[Path]) -> None:  # noqa: F811
    for target in ("/etc/passwd", "file:///etc/passwd", "<!channel>"):
        said = slack.ask(f"feeds add {target}", f"feed-path-{abs(hash(target)) % 10**8}")
        refused_without_oracle(said)
    assert not slack.sql("SELECT id FROM feeds") and paths_read == []


def test_the_shortcut_on_a_message_of_paths_adds_nothing(slack: Harness, server_files: Path,  # noqa: F811
                                                          paths_read: list[Path]) -> None:
    before = slack.articles()
    payload = {
        "type": "message_action", "callback_id": "add_to_archive", "trigger_id": "1.2.3",
        "team": {"id": "T0NEWSROOM", "domain": "newsroom"}, "channel": {"id": "C0PERUDESK", "name": "peru-desk"},
        "user": {"id": "U0REPORTER", "name": "reporter"}, "message_ts": "1700000400.000200",
        "message": {"type": "message", "user": "U0EDITOR", "ts": "1700000400.000200",
                    "text": f"see {server_files}/notes.txt and <file:///etc/passwd> and ftp://x.example/a",
                    "attachments": [{"title_link": "file:///etc/shadow", "from_url": str(server_files)}]},
        "response_url": slack.standin.response_url("shortcut-paths"),
    }
    assert slack.post(interaction_body(payload)).status_code == 200
    said = json.dumps(slack.answer("shortcut-paths"), ensure_ascii=False)
    assert "no links to add" in said and not any(word in said.lower() for word in ORACLES)
    assert slack.articles() == before and paths_read == []
