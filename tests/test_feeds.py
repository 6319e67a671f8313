"""Feeds end to end: real httpx, feedparser and trafilatura against the local web server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from conftest import ROOT
from feedsite import ATOM, Item, article_html, items, publish, rss
from webserver import Page, WebServer

from bot.cli import main
from bot.feeds.manage import add_feed
from bot.feeds.poll import poll_feed
from bot.feeds.rounds import poll_feeds
from storage.db import open_db
from storage.feeds import get_feed

T0 = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(autouse=True)
def feed_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_URLS", "1")
    monkeypatch.setenv("NEWSBOT_HOST_GAP_SECONDS", "0")
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)


def follow(db, url: str, **kw) -> int:
    result = add_feed(db, url, "peru", now=T0, **kw)
    assert result.ok, result.error
    return result.feed_id


def articles(db) -> list[dict]:
    rows = db.execute("SELECT id, title, url, published, partial, published_estimated, text FROM articles"
                      " ORDER BY id").fetchall()
    return [dict(zip(("id", "title", "url", "published", "partial", "estimated", "text"), r, strict=True))
            for r in rows]


def test_new_entries_stored_once_and_a_304_parses_and_stores_nothing(empty_db, web: WebServer) -> None:
    feed_id = follow(empty_db, publish(web, items(3)))
    first = poll_feed(empty_db, feed_id, T0)
    assert first.line() == "3 new" and first.parsed
    stored = articles(empty_db)
    assert len(stored) == 3 and {a["title"] for a in stored} == {i.title for i in items(3)}
    assert all("newsletter" not in a["text"] for a in stored)  # trafilatura kept the page furniture out
    assert all(a["published"] == "2025-10-27" and not a["partial"] for a in stored)
    pages_before = sum(web.hits(f"/{i.slug}.html") for i in items(3))

    second = poll_feed(empty_db, feed_id, T0 + timedelta(minutes=15))
    sent = web.requests_to("/feed.xml")[-1]
    assert sent.headers["if-none-match"] == '"v1"'
    assert sent.headers["if-modified-since"] == "Mon, 27 Oct 2025 10:00:00 GMT"
    assert sent.status == 304 and "newsbot" in sent.headers["user-agent"]
    assert second.line() == "unchanged (304)" and not second.parsed
    assert articles(empty_db) == stored
    assert sum(web.hits(f"/{i.slug}.html") for i in items(3)) == pages_before  # no page read again


def test_a_changed_updated_date_alone_adds_nothing_and_changed_text_updates_in_place(empty_db, web) -> None:
    entries = items(2)
    url = publish(web, entries, etag='"v1"')
    feed_id = follow(empty_db, url)
    poll_feed(empty_db, feed_id, T0)
    before = articles(empty_db)
    for e in entries:
        e.updated = "Tue, 28 Oct 2025 11:00:00 GMT"
    publish(web, entries, etag='"v2"')
    again = poll_feed(empty_db, feed_id, T0 + timedelta(hours=1))
    assert again.line() == "0 new" and again.parsed
    assert articles(empty_db) == before

    entries[0].summary = entries[0].lead + " The strike spread to Callao on Tuesday."
    web.pages["/story-0.html"] = Page(article_html(entries[0].title, entries[0].lead + " It spread to Callao."))
    publish(web, entries, etag='"v3"')
    changed = poll_feed(empty_db, feed_id, T0 + timedelta(hours=2))
    assert changed.line() == "0 new, 1 updated"
    after = articles(empty_db)
    assert [a["id"] for a in after] == [a["id"] for a in before]
    assert "Callao" in after[0]["text"] and "Callao" not in before[0]["text"]


def test_an_entry_whose_page_fails_is_partial_until_a_later_poll_reads_it(empty_db, web) -> None:
    entries = items(2)
    url = publish(web, entries)
    web.pages["/story-1.html"] = Page("server error", "text/plain", 500)
    feed_id = follow(empty_db, url)
    assert poll_feed(empty_db, feed_id, T0).line() == "2 new"
    partial = [a for a in articles(empty_db) if a["partial"]]
    assert len(partial) == 1
    assert partial[0]["text"] == entries[1].lead  # the entry's own summary

    web.pages["/story-1.html"] = Page(article_html(entries[1].title, entries[1].lead))
    later = poll_feed(empty_db, feed_id, T0 + timedelta(hours=1))
    assert later.line() == "unchanged (304), 1 completed"
    done = {a["id"]: a for a in articles(empty_db)}[partial[0]["id"]]
    assert done["partial"] == 0 and "Residents said" in done["text"]
    assert len(articles(empty_db)) == 2


def test_no_date_in_entry_or_page_uses_first_seen_marked_estimated(empty_db, web) -> None:
    entry = Item("undated", "Lima council meets", items(1)[0].lead, guid="urn:test:undated", date=None)
    url = publish(web, [entry], pages=False)
    web.pages["/undated.html"] = Page(article_html(entry.title, entry.lead, dated=False))
    poll_feed(empty_db, follow(empty_db, url), T0)
    [stored] = articles(empty_db)
    assert stored["published"] == T0.date().isoformat() and stored["estimated"] == 1


def test_atom_entries_are_identified_by_their_id(empty_db, web) -> None:
    entries = items(2)
    url = publish(web, entries, kind="atom")
    feed_id = follow(empty_db, url)
    assert poll_feed(empty_db, feed_id, T0).line() == "2 new"
    web.pages["/moved-0.html"] = web.pages["/story-0.html"]
    entries[0].slug = "moved-0"  # same <id>, another link: the same entry
    publish(web, entries, kind="atom", etag='"v2"')
    assert poll_feed(empty_db, feed_id, T0 + timedelta(hours=1)).new == 0


def test_500_backs_off_and_feeds_list_shows_the_error(empty_db, web, tmp_path, capsys) -> None:
    url = publish(web, items(1))
    feed_id = follow(empty_db, url)
    web.pages["/feed.xml"] = Page("oops", "text/plain", 500)
    first = poll_feed(empty_db, feed_id, T0)
    assert first.line() == "failed: the site answered HTTP 500"
    after_one = datetime.fromisoformat(get_feed(empty_db, feed_id)["next_poll_at"])
    poll_feed(empty_db, feed_id, T0)
    after_two = datetime.fromisoformat(get_feed(empty_db, feed_id)["next_poll_at"])
    assert after_one - T0 >= timedelta(minutes=30) and after_two - T0 >= timedelta(hours=1)
    db_file = empty_db.execute("PRAGMA database_list").fetchone()[2]
    assert main(["--db", db_file, "feeds", "list"]) == 0
    shown = capsys.readouterr().out
    assert "last error: the site answered HTTP 500" in shown and "failing" in shown
    assert main(["--db", db_file, "feeds", "poll", str(feed_id)]) == 1
    assert "failed: the site answered HTTP 500" in capsys.readouterr().out
    listed = json.loads((main(["--db", db_file, "feeds", "list", "--json"]), capsys.readouterr().out)[1])
    assert listed[0]["last_error"] == "the site answered HTTP 500" and listed[0]["last_success"] is None


def test_a_slow_feed_times_out(empty_db, web, monkeypatch) -> None:
    url = publish(web, items(1))
    feed_id = follow(empty_db, url)
    monkeypatch.setenv("NEWSBOT_FETCH_TIMEOUT", "0.3")
    web.pages["/feed.xml"].delay = 1.5
    assert poll_feed(empty_db, feed_id, T0).line() == "failed: the site took too long to answer"


def test_301_moves_the_feed_and_410_stops_it(empty_db, web) -> None:
    url = publish(web, items(1))
    feed_id = follow(empty_db, url)
    publish(web, items(1), path="/new-feed.xml")
    web.pages["/feed.xml"] = Page("", status=301, headers={"Location": web.url("/new-feed.xml")})
    assert poll_feed(empty_db, feed_id, T0).line() == "1 new"
    assert get_feed(empty_db, feed_id)["url"] == web.url("/new-feed.xml")
    poll_feed(empty_db, feed_id, T0 + timedelta(hours=1))
    assert web.requests_to("/new-feed.xml")[-1].status == 304  # asked at its new address

    web.pages["/new-feed.xml"] = Page("gone", "text/plain", 410)
    assert "gone" in poll_feed(empty_db, feed_id, T0 + timedelta(hours=2)).line()
    assert get_feed(empty_db, feed_id)["status"] == "gone"
    hits = web.hits("/new-feed.xml")
    assert poll_feeds(empty_db, [feed_id], now=T0 + timedelta(hours=3))[0].failed
    assert web.hits("/new-feed.xml") == hits  # a stopped feed is not fetched again


def test_429_honours_retry_after(empty_db, web) -> None:
    url = publish(web, items(1))
    feed_id = follow(empty_db, url)
    web.pages["/feed.xml"] = Page("slow down", "text/plain", 429, headers={"Retry-After": "7200"})
    assert "429" in poll_feed(empty_db, feed_id, T0).line()
    assert datetime.fromisoformat(get_feed(empty_db, feed_id)["next_poll_at"]) >= T0 + timedelta(hours=2)


@pytest.mark.parametrize("page, reason", [
    (Page("<!DOCTYPE html><html><head><link rel='alternate' type='application/rss+xml' href='/rss'></head>"
          "<body><p>Welcome</p></body></html>"), "web page (HTML), not an RSS or Atom feed; it links to a feed"),
    (Page("<?xml version='1.0'?><rss><channel><title>broken", "application/xml"), "not a readable feed"),
    (Page("missing", "text/plain", 404), "HTTP 404"),
])
def test_feeds_add_refuses_what_is_not_a_feed_with_the_reason(empty_db, web, tmp_path, capsys, page, reason):
    web.pages["/thing"] = page
    db_file = str(tmp_path / "add.db")
    assert main(["--db", db_file, "feeds", "add", web.url("/thing")]) == 1
    assert reason in capsys.readouterr().err
    assert main(["--db", db_file, "feeds", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_feeds_add_prints_the_id_then_remove(web, tmp_path, capsys) -> None:
    web.pages["/atom.xml"] = Page(rss(web, items(1)), ATOM)
    db_file = str(tmp_path / "cli.db")
    assert main(["--db", db_file, "feeds", "add", web.url("/atom.xml"), "--every", "5m"]) == 0
    feed_id = int(capsys.readouterr().out.strip())
    assert main(["--db", db_file, "feeds", "list", "--json"]) == 0
    [view] = json.loads(capsys.readouterr().out)
    assert view["id"] == feed_id and view["every_minutes"] == 5 and view["desk"] == "peru"
    assert main(["--db", db_file, "feeds", "remove", str(feed_id)]) == 0
    assert main(["--db", db_file, "feeds", "remove", str(feed_id)]) == 1


def test_one_request_at_a_time_per_host(empty_db, web, monkeypatch) -> None:
    ids = [follow(empty_db, publish(web, [], path=f"/f{n}.xml")) for n in range(4)]
    for n in range(4):
        web.pages[f"/f{n}.xml"].delay = 0.2
    monkeypatch.setenv("NEWSBOT_POLL_THREADS", "4")
    assert [r.line() for r in poll_feeds(empty_db, ids, now=T0)] == ["0 new"] * 4
    assert web.max_in_flight == 1


def test_worker_once_polls_a_due_feed_and_leaves_the_rest(web, tmp_path) -> None:
    db_file = tmp_path / "worker.db"
    db = open_db(db_file)
    due = follow(db, publish(web, items(1)))
    later = add_feed(db, publish(web, items(2)[1:], path="/later.xml"), "peru",
                     now=T0 + timedelta(days=1)).feed_id  # first poll due tomorrow
    env = {**os.environ, "NEWSBOT_ALLOW_PRIVATE_URLS": "1", "NEWSBOT_HOST_GAP_SECONDS": "0"}
    env.pop("SLACK_BOT_TOKEN", None)
    done = subprocess.run([sys.executable, "-m", "bot.cli", "--db", str(db_file), "worker", "--once"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"feed {due} " in done.stdout and "1 new" in done.stdout and f"feed {later} " not in done.stdout
    assert len(articles(db)) == 1 and web.hits("/later.xml") == 1  # only the check at `add`


def test_a_feed_is_not_polled_more_often_than_its_ttl_allows(empty_db, web) -> None:
    web.pages["/ttl.xml"] = Page(rss(web, items(1)).replace("<description>news</description>",
                                                            "<description>news</description><ttl>60</ttl>"),
                                 "application/rss+xml")
    feed_id = follow(empty_db, web.url("/ttl.xml"), every_seconds=300)
    poll_feed(empty_db, feed_id, T0)
    next_poll = datetime.fromisoformat(get_feed(empty_db, feed_id)["next_poll_at"])
    assert next_poll - T0 >= timedelta(minutes=60)


def test_a_feed_another_process_is_polling_is_left_to_it(empty_db, web) -> None:
    from storage.leases import acquire

    feed_id = follow(empty_db, publish(web, items(1)))
    assert acquire(empty_db, f"feed:{feed_id}", 300, holder="other-host:1234:abcd")
    result = poll_feed(empty_db, feed_id, T0)
    assert result.outcome == "busy" and not articles(empty_db) and web.hits("/feed.xml") == 1  # only `add`


def test_a_feed_followed_in_spanish_stores_its_articles_as_spanish(empty_db, web) -> None:
    """`feeds add URL --language es`: an outlet whose pages declare no language is read as the editor says."""
    feed_id = follow(empty_db, publish(web, items(2)), language="es")
    poll_feed(empty_db, feed_id, T0)
    assert {r[0] for r in empty_db.execute("SELECT language FROM articles")} == {"es"}
    assert get_feed(empty_db, feed_id)["language"] == "es"
