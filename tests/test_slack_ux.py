"""What a Slack message shows is true, safe to click and easy to read (issue 15), over signed HTTP.

The app serves the seed archive on loopback; requests are signed as Slack signs them; every
assertion is on what the Slack stand-in recorded (response_url posts, chat.postMessage,
chat.postEphemeral, views.publish).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, copy_archive
from slack_harness import Harness, blocks_of, button, buttons, rendered, running_app, sections, settle
from slack_standin import BOT_USER, button_click, overflow_click

from bot.answer.engine import ask
from bot.cli import main as cli
from bot.ingest.service import ingest
from bot.render_text import render_text
from handlers.blocks import MORE_ACTION, PREVIOUS_ACTION, SHARE_ACTION
from storage.db import open_db
from storage.reports import reports


@pytest.fixture(scope="module")
def slack(seed_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    with running_app(copy_archive(seed_db_path, tmp_path_factory.mktemp("slack-ux") / "newsbot.db")) as harness:
        yield harness


def quote_fact(slack: Harness, words: str) -> int:
    return slack.sql("SELECT id FROM facts WHERE kind = 'quote' AND data LIKE ?", (f"%{words}%",))[0][0]


def wire(message: dict[str, Any]) -> str:
    return html.unescape("\n".join(rendered(message)))


def test_a_paraphrase_is_reported_speech_in_slack_and_in_the_cli(
    slack: Harness, capsys: pytest.CaptureFixture[str]
) -> None:
    message = slack.ask('quotes "major issue"', "paraphrase")
    shown = html.unescape("\n".join(sections(message)))
    assert "*The former head of Peru’s prison system* claimed that extortion from within prisons is not" in shown
    assert "“extortion from within prisons" not in wire(message)  # never in quote marks, fallback text included
    assert "claimed that extortion from within prisons" in html.unescape(message["text"])
    assert cli(["--db", str(slack.db_path), "ask", '/peru quotes "major issue"']) == 0
    out = capsys.readouterr().out
    assert "The former head of Peru’s prison system claimed that extortion" in out and "“extortion" not in out
    direct = html.unescape("\n".join(sections(slack.ask("quotes prisons", "direct"))))
    assert "*Sebastián Flores* (general manager" in direct and ": “This issue of there being no control" in direct


def test_an_editor_marks_a_denial_and_it_reads_as_one(slack: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_EDITORS", "U0EDITOR,S0DESKEDS")
    slack.standin.usergroups["S0DESKEDS"] = ["U0GROUPIE"]
    fact = quote_fact(slack, "signal blocker")
    refused = slack.ask(f"facts fix {fact} verb=denied", "fix-refused", user="U0REPORTER")
    assert "only the desk's editors" in refused["text"] and "Report a problem" in refused["text"]
    assert not slack.sql("SELECT * FROM fact_corrections")
    done = slack.ask(f"facts fix {fact} verb=denied", "fix-by-group", user="U0GROUPIE")  # an editor by user group
    assert f"Fact {fact} corrected: verb=denied" in done["text"]
    shown = html.unescape("\n".join(sections(slack.ask('quotes "signal blocker"', "denial"))))
    assert "*The current head of Peru’s prison system* denied that cell phone signal blocker" in shown
    assert "admitted" not in shown
    assert "facts show" not in slack.ask(f"facts show {fact}", "show-anyone", user="U0REPORTER")["text"]
    assert ": verb=denied (from Slack by U0GROUPIE)" in slack.answer("show-anyone")["text"]  # reading is for everyone
    hidden = slack.ask(f"facts hide {fact}", "hide", user="U0EDITOR")
    assert f"Fact {fact} is hidden" in hidden["text"]
    assert "cell phone signal" not in wire(slack.ask('quotes "signal blocker"', "after-hide"))


def test_without_editors_every_member_may_correct(slack: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSBOT_EDITORS", raising=False)
    fact = quote_fact(slack, "no control and a truly punitive")
    assert "corrected: verb=said" in slack.ask(f"facts fix {fact} verb=said", "anyone", user="U0ANYONE")["text"]
    assert "cannot set “colour”" in slack.ask(f"facts fix {fact} colour=red", "bad-field", user="U0ANYONE")["text"]


def test_figures_read_as_written_and_the_cli_says_the_same(slack: Harness) -> None:
    message = slack.ask("facts", "figures")
    shown = sections(message)
    assert any(s.startswith("*more than a hundred people* · people injured — ") for s in shown)
    assert any(s.startswith("*36%* · homicides (increase), 2024 — ") for s in shown)
    text = wire(message)
    assert "100.0" not in text and "36.0" not in text and "people, people" not in text
    cli_lines = render_text(ask(open_db(slack.db_path), "facts", desk="peru")).splitlines()
    items = [b["text"]["text"] for b in blocks_of(message, "section") if b.get("accessory")]
    slack_lines = [html.unescape(s.replace("*", "")) for s in items]
    assert slack_lines and all(line in cli_lines for line in slack_lines)  # one formatter: no drift


def mention(slack: Harness, text: str, ts: str) -> dict[str, Any]:
    before = slack.posted("chat.postMessage")
    slack.event({"type": "app_mention", "user": "U0REPORTER", "text": f"<@{BOT_USER}> {text}", "ts": ts,
                 "channel": "C0PERUDESK", "event_ts": ts})
    return slack.standin.wait_for("chat.postMessage", before + 1)[-1].body


def test_buttons_on_a_thread_reply_act_for_the_clicker_alone(slack: Harness) -> None:
    thread = "1700000100.000100"
    public = mention(slack, "timeline", thread)
    assert public["thread_ts"] == thread
    assert set(buttons(public)) == {MORE_ACTION}  # already public: nothing to share, nothing before page 1
    posts = slack.posted("chat.postMessage")
    ephemerals = slack.posted("chat.postEphemeral")
    click = button_click(MORE_ACTION, button(public, MORE_ACTION), slack.standin.response_url("public-more"),
                         user="U0OTHER", public={"ts": "1700000100.000200", "thread_ts": thread,
                                                 "blocks": public["blocks"]})
    slack.click(click)
    page = slack.standin.wait_for("chat.postEphemeral", ephemerals + 1)[-1].body
    assert page["user"] == "U0OTHER" and page["thread_ts"] == thread and page["channel"] == "C0PERUDESK"
    assert "Items 6–10 of 10" in wire(page) and PREVIOUS_ACTION in buttons(page)
    settle()
    assert not [c for c in slack.standin.calls if c.path == slack.standin.response_path("public-more")]
    assert slack.posted("chat.postMessage") == posts  # the public reply was neither replaced nor deleted
    share = button_click(SHARE_ACTION, button(page, SHARE_ACTION), slack.standin.response_url("thread-share"),
                         user="U0OTHER")
    slack.click(share)
    shared = slack.standin.wait_for("chat.postMessage", posts + 1)[-1].body
    assert shared["thread_ts"] == thread and "shared by <@U0OTHER>" in json.dumps(shared)
    assert not buttons(shared) and "Items" not in wire(shared)  # a shared copy has no dead paging text
    assert slack.answer("thread-share") == {"delete_original": True}  # only the clicker's own ephemeral page


def test_report_from_a_thread_reply_is_acknowledged_privately(slack: Harness) -> None:
    thread = "1700000100.000300"
    public = mention(slack, 'quotes "major issue"', thread)
    menu = blocks_of(public, "section")[0]["accessory"]
    value = next(o["value"] for o in menu["options"] if o["value"].startswith("report:"))
    ephemerals = slack.posted("chat.postEphemeral")
    slack.click(overflow_click(value, slack.standin.response_url("public-report"), user="U0OTHER",
                               public={"ts": "1700000100.000400", "thread_ts": thread}))
    thanks = slack.standin.wait_for("chat.postEphemeral", ephemerals + 1)[-1].body
    assert thanks["user"] == "U0OTHER" and thanks["thread_ts"] == thread and "reported as #" in thanks["text"]


def test_no_buttons_where_there_is_nothing_to_do(slack: Harness) -> None:
    for n, text in enumerate(["zzqxv facts", "who Nobody Atall", "/atlantis summary", "help"]):
        message = slack.ask(text, f"nothing-{n}")
        assert not blocks_of(message, "actions"), text
        assert not [b for b in blocks_of(message, "section") if b.get("accessory")], text
    assert not buttons(mention(slack, "zzqxv facts", "1700000100.000500"))


def test_help_is_drawn_from_each_desk(slack: Harness) -> None:
    peru = slack.ask("help", "help-peru")
    text = wire(peru)
    assert "/peru who José Jerí" in text and "/mexico" not in text
    assert "/news" in text and "@newsbot" in text and "Add to newsroom archive" in text
    assert len(blocks_of(peru, "section")) <= 2 and "/peru subscribe" in text and "/peru feeds add" in text
    mexico = wire(slack.ask("help", "help-mexico", command="/mexico"))
    assert "Jerí" not in mexico and "/mexico who NAME" in mexico and "/mexico subscribe" in mexico


def test_who_speaks_in_words_and_cites_each_item(slack: Harness) -> None:
    jeri = slack.ask("who Jerí", "who-jeri")
    profile = html.unescape(sections(jeri)[0])
    assert profile.startswith("*José Jerí* — person") and "(PERSON)" not in wire(jeri)
    assert "Roles: president" in profile and "Affiliations: Somos Perú party" in profile
    companions = [c for b in blocks_of(jeri, "context") for c in rendered(b) if "Appears with" in c]
    assert companions and "(organisation)" in companions[0] and "[1]" not in companions[0]
    zevallos = slack.ask("who Zevallos", "who-zevallos")
    quotes = [b for b in blocks_of(zevallos, "section") if b["text"]["text"].startswith("> ")]
    assert len(quotes) >= 3 and all(b["text"]["text"].endswith("[1]") and b.get("accessory") for b in quotes)
    assert any("According to *Nicolás Zevallos Trigoso*, past orders" in html.unescape(b["text"]["text"])
               for b in quotes)


def test_paging_has_previous_and_keeps_its_totals(slack: Harness) -> None:
    first = slack.ask("timeline", "page-1")
    assert "Items 1–5 of 10" in wire(first) and PREVIOUS_ACTION not in buttons(first)
    slack.click(button_click(MORE_ACTION, button(first, MORE_ACTION), slack.standin.response_url("page-2")))
    second = slack.answer("page-2")
    assert second["replace_original"] is True and second["response_type"] == "ephemeral"
    assert "Items 6–10 of 10" in wire(second) and MORE_ACTION not in buttons(second)
    assert not set(sections(second)[:5]) & set(sections(first)[:5])
    slack.click(button_click(PREVIOUS_ACTION, button(second, PREVIOUS_ACTION), slack.standin.response_url("back")))
    back = slack.answer("back")
    assert sections(back) == sections(first) and "Items 1–5 of 10" in wire(back)
    posts = slack.posted("chat.postMessage")
    slack.click(button_click(SHARE_ACTION, button(second, SHARE_ACTION), slack.standin.response_url("share-2")))
    shared = slack.standin.wait_for("chat.postMessage", posts + 1)[-1].body
    assert shared["channel"] == "C0PERUDESK" and "thread_ts" not in shared
    assert "Items" not in wire(shared) and not buttons(shared) and sections(shared)[:5] == sections(second)[:5]


def test_buttons_and_text_are_accessible(slack: Harness) -> None:
    message = slack.ask("crime summary", "a11y")
    assert buttons(message) and all(b.get("accessibility_label") for b in buttons(message).values())
    header = blocks_of(message, "header")[0]["text"]["text"]
    assert message["text"].startswith(header)
    for text in sections(message) + [e["text"] for b in blocks_of(message, "context") for e in b["elements"]]:
        assert text in message["text"]  # notifications and screen readers get the same words
    sources = sections(message)[-1]
    assert re.search(r"\[1\] Can Peru’s New President José Jerí Win His ‘War on Crime’\? — InSight Crime, Oct 2025"
                     r" \(no link recorded\)", sources)


def test_report_a_problem_reaches_the_editors(slack: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_EDITORS_CHANNEL", "C0EDITORS")
    message = slack.ask('quotes "major issue"', "to-report")
    menu = blocks_of(message, "section")[0]["accessory"]
    assert [o["text"]["text"] for o in menu["options"]] == ["Report a problem"]  # the seed has no link to open
    fact = quote_fact(slack, "not a major issue")
    posts = slack.posted("chat.postMessage")
    slack.click(overflow_click(menu["options"][0]["value"], slack.standin.response_url("thanks")))
    post = slack.standin.wait_for("chat.postMessage", posts + 1)[-1].body
    assert post["channel"] == "C0EDITORS"
    text = html.unescape(post["text"])
    assert "from <@U0REPORTER>" in text and f"/peru facts fix {fact} field=value" in text
    assert "extortion from within prisons is not a major issue" in text and "War on Crime" in text
    thanks = slack.answer("thanks")
    assert thanks["replace_original"] is False and "The desk's editors have it" in thanks["text"]
    row = next(r for r in reports(open_db(slack.db_path)) if r["fact_id"] == fact)
    assert row["reporter"] == "U0REPORTER" and row["posted"] == 1 and row["status"] == "open"
    monkeypatch.delenv("NEWSBOT_EDITORS", raising=False)
    slack.ask(f"facts hide {fact}", "resolve", user="U0EDITOR")
    row = next(r for r in reports(open_db(slack.db_path)) if r["id"] == row["id"])
    assert row["status"] == "hidden" and row["resolved_by"] == "U0EDITOR"


def test_a_report_without_an_editors_channel_is_still_recorded(
    slack: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSBOT_EDITORS_CHANNEL", raising=False)
    message = slack.ask("crime summary", "to-report-2")
    value = blocks_of(message, "section")[0]["accessory"]["options"][-1]["value"]
    before = len(reports(open_db(slack.db_path)))
    slack.click(overflow_click(value, slack.standin.response_url("thanks-2")))
    assert "recorded for the desk's editors" in slack.answer("thanks-2")["text"]
    found = reports(open_db(slack.db_path))
    assert len(found) == before + 1 and found[0]["posted"] == 0 and found[0]["action"] == "summary"
    assert found[0]["item"] and found[0]["sentence_idx"] is not None


def test_latest_links_headlines_and_names_the_outlet(seed_db_path: Path, tmp_path: Path) -> None:
    db_path = copy_archive(seed_db_path, tmp_path / "latest.db")
    assert ingest(open_db(db_path), [str(FIXTURES / "desks.jsonl")]).ok  # rows with a link but no outlet
    with running_app(db_path) as slack:
        latest = slack.ask("latest", "latest")
        slack.event({"type": "app_home_opened", "user": "U0REPORTER", "channel": "D0HOME", "tab": "home",
                     "event_ts": "1700000300.000100"})
        home = "\n".join(rendered(slack.standin.wait_for("views.publish")[-1].body["view"]))
    assert "*<https://example.org/peru-gold|Gold rush deepens crime in Peru's Amazon>* · 10 Feb 2024\n" in home
    text = "\n".join(rendered(latest))
    headline = "*<https://example.org/peru-gold|Gold rush deepens crime in Peru's Amazon>* · 10 Feb 2024"
    assert headline in text  # the headline is the link
    assert "Oct 2025" in text and not re.search(r"\b\d{4}-\d{2}\b", text)  # one date style
    listed = "\n".join(sections(latest))
    assert listed.count("no link recorded") == 1  # the seed's missing link, said once, in words
    assert "<https://example.org/peru-gold|Gold rush deepens crime in Peru's Amazon> — example.org, 10 Feb 2024" \
        in listed  # no outlet in the archive: the host name stands in
