"""Digests end to end: a real archive, a feed ingested from the local web server, posts to the Slack stand-in.

What a channel would notice: one message grouping a story, nothing posted twice, nothing lost when Slack
fails or the process is killed mid-post, the backlog never posted, and `newsbot log` saying why.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, copy_archive
from digest_fixtures import (
    CRIME,
    EMERGENCY,
    EVERYTHING,
    FESTIVAL,
    MEXICO,
    SEED_URL,
    STRIKE,
    article_ids,
    build_archive,
    clone_article,
    ledger,
)
from slack_standin import BOT_TOKEN, SlackStandin

from bot.cli import main
from bot.ingest.service import ingest
from bot.subscriptions import service, why
from bot.subscriptions.deliver import digest_client, run_digests, run_due_digests
from bot.subscriptions.schedule import iso
from storage.db import open_db
from storage.leases import acquire

CRIME_SUB, EVERYTHING_SUB = 1, 2


@pytest.fixture(scope="session")
def digest_archive_path(seed_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(seed_db_path, tmp_path_factory.mktemp("digest") / "base.db")


@pytest.fixture
def archive(digest_archive_path: Path, tmp_path: Path) -> Path:
    return copy_archive(digest_archive_path, tmp_path / "newsbot.db")


@pytest.fixture
def standin(monkeypatch: pytest.MonkeyPatch) -> Iterator[SlackStandin]:
    with SlackStandin() as server:
        monkeypatch.setenv("SLACK_API_URL", server.api_url)
        monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
        yield server


def now() -> datetime:
    return datetime.now(UTC)


def posts(standin: SlackStandin, channel: str) -> list[dict[str, Any]]:
    """Messages Slack took in `channel` (including one whose answer never reached the client)."""
    return list(standin.messages.get(channel, []))


def post_bodies(standin: SlackStandin, channel: str) -> list[dict[str, Any]]:
    return [c.body for c in standin.calls_of("chat.postMessage", ok_only=True) if c.body.get("channel") == channel]


def full_digests(standin: SlackStandin, channel: str) -> list[dict[str, Any]]:
    """The whole digests a channel was sent: a short one's message, a long one's thread under its
    one-minute message."""
    bodies = post_bodies(standin, channel)
    threaded = {b["thread_ts"] for b in bodies if b.get("thread_ts")}
    return [b for b in bodies if b.get("thread_ts") or not threaded]


def sections(body: dict[str, Any]) -> list[str]:
    return [b["text"]["text"] for b in body["blocks"] if b["type"] == "section"]


def test_two_related_new_articles_make_one_digest_story(archive: Path, standin: SlackStandin) -> None:
    db = open_db(archive)
    results = run_digests(db, digest_client(BOT_TOKEN), now(), channel=CRIME)
    assert [r.status for r in results] == ["posted"]
    bodies = post_bodies(standin, CRIME)
    assert len(bodies) == 1
    stories = sections(bodies[0])
    assert len(stories) == 1, stories  # the strike and the emergency are one story
    story = stories[0]
    assert STRIKE in story and EMERGENCY in story
    assert "Follows earlier coverage" in story and "War on Crime" in story
    # 28 % (new) against the seed's 36 % for homicides in 2024: flagged, both sources linked
    assert "Figures disagree" in story and "28%" in story and "36%" in story
    assert SEED_URL in story and "/emergency.html|" in story
    wire = json.dumps(bodies[0])
    assert MEXICO not in wire and FESTIVAL not in wire
    ids = article_ids(db)
    assert ledger(db, CRIME_SUB) == sorted([ids[STRIKE], ids[EMERGENCY]])


def test_digest_again_posts_nothing(archive: Path, standin: SlackStandin) -> None:
    db = open_db(archive)
    client = digest_client(BOT_TOKEN)
    run_digests(db, client, now())
    first = len(standin.calls_of("chat.postMessage", ok_only=True))
    again = run_digests(db, client, now())
    assert sum(not c.body.get("thread_ts") for c in standin.calls_of("chat.postMessage", ok_only=True)) == 2
    # one message per subscription (a long one has the whole digest in its thread)
    assert {r.status for r in again} == {"nothing new"}
    assert len(standin.calls_of("chat.postMessage", ok_only=True)) == first


def test_story_without_story_id_is_one_group_per_article(archive: Path, standin: SlackStandin) -> None:
    db = open_db(archive)
    with db.conn:
        db.execute("UPDATE articles SET story_id = NULL")
    run_digests(db, digest_client(BOT_TOKEN), now(), channel=CRIME)
    stories = sections(post_bodies(standin, CRIME)[0])
    assert len(stories) == 2 and sum(STRIKE in s for s in stories) == 1


FAILURES = [{"status": 500}, {"status": 429, "retry_after": 0}, {"error": "channel_not_found"}]


@pytest.mark.parametrize("failure", FAILURES, ids=["http-500", "http-429-after-retries", "refusal"])
def test_failed_run_records_nothing_and_next_run_posts_each_article_once(
    archive: Path, standin: SlackStandin, failure: dict[str, Any]
) -> None:
    db = open_db(archive)
    client = digest_client(BOT_TOKEN)
    standin.fail_next("chat.postMessage", times=10, **failure)
    failed = run_digests(db, client, now())
    assert {r.status for r in failed} == {"failed"}
    assert ledger(db, CRIME_SUB) == [] and ledger(db, EVERYTHING_SUB) == []
    log = why.entries(db, 50)
    assert {e["status"] for e in log if e["title"] in (STRIKE, EMERGENCY)} == {"failed"}
    assert all(e["next_retry"] for e in log if e["status"] == "failed")
    standin.reset()
    retried = run_digests(db, client, now())
    assert {r.status for r in retried} == {"posted"}
    ids = article_ids(db)
    for channel, sub, titles in ((CRIME, CRIME_SUB, [STRIKE, EMERGENCY]),
                                 (EVERYTHING, EVERYTHING_SUB, [STRIKE, EMERGENCY, FESTIVAL])):
        wire = json.dumps(full_digests(standin, channel))
        assert all(wire.count(f"|{t}>") == 1 for t in titles), channel
        assert ledger(db, sub) == sorted(ids[t] for t in titles)


def test_backlog_is_never_posted(archive: Path, standin: SlackStandin) -> None:
    db = open_db(archive)
    late = service.add(db, service.Request("peru", "crime", None, "instant"), channel="C0LATECOMER")
    results = run_digests(db, digest_client(BOT_TOKEN), now(), channel="C0LATECOMER")
    assert [r.status for r in results] == ["nothing new"]
    assert posts(standin, "C0LATECOMER") == []
    fresh = clone_article(db, "Extortion gangs attack buses in Callao")
    run_due_digests(db, digest_client(BOT_TOKEN), now())
    assert ledger(db, late["id"]) == [fresh]


def test_instant_subscription_posts_what_was_just_stored(archive: Path, standin: SlackStandin) -> None:
    db = open_db(archive)
    client = digest_client(BOT_TOKEN)
    run_digests(db, client, now())  # the feed's articles are out
    standin.reset()
    assert run_due_digests(db, client, now()) == []  # nothing new: the instant subscription is not even run
    new = clone_article(db, "Peru: a new prison director named")
    results = run_due_digests(db, client, now())
    assert [(r.subscription_id, r.status) for r in results] == [(EVERYTHING_SUB, "posted")]
    assert ledger(db, EVERYTHING_SUB)[-1] == new
    assert "a new prison director" in json.dumps(post_bodies(standin, EVERYTHING))


def test_a_subscription_another_process_is_sending_is_left_alone(archive: Path, standin: SlackStandin) -> None:
    db = open_db(archive)
    assert acquire(db, f"digest:{CRIME_SUB}", 60, holder="another-process")
    results = run_digests(db, digest_client(BOT_TOKEN), now(), channel=CRIME)
    assert [r.status for r in results] == ["busy"]
    assert posts(standin, CRIME) == [] and ledger(db, CRIME_SUB) == []


def test_log_says_posted_skipped_and_why(
    archive: Path, standin: SlackStandin, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_db(archive)
    run_digests(db, digest_client(BOT_TOKEN), now(), channel=CRIME)
    assert main(["--db", str(archive), "log", "--json"]) == 0
    entries = {(e["subscription_id"], e["title"]): e for e in json.loads(capsys.readouterr().out)}
    assert entries[(CRIME_SUB, STRIKE)]["status"] == "posted" and CRIME in entries[(CRIME_SUB, STRIKE)]["detail"]
    assert entries[(CRIME_SUB, MEXICO)]["reason"] == "outside the desk"
    assert entries[(CRIME_SUB, FESTIVAL)]["reason"].startswith("off-topic")
    assert main(["--db", str(archive), "log", "--limit", "2"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 2


def test_a_copy_of_a_posted_article_is_logged_as_a_duplicate(archive: Path, standin: SlackStandin) -> None:
    db = open_db(archive)
    run_digests(db, digest_client(BOT_TOKEN), now(), channel=CRIME)
    strike = article_ids(db)[STRIKE]
    with db.conn:  # "Feeds and stories" keeps a near-duplicate as a copy of the article it repeats
        db.execute("INSERT INTO article_copies (article_id, url, title, source, similarity, seen_at)"
                   " VALUES (?, 'https://wire.example/lima-strike', 'Lima drivers halt buses again', 'Wire', 0.93, ?)",
                   [strike, now().isoformat(timespec="seconds")])
    posted_before = len(standin.calls_of("chat.postMessage", ok_only=True))
    run_digests(db, digest_client(BOT_TOKEN), now(), channel=CRIME)
    assert len(standin.calls_of("chat.postMessage", ok_only=True)) == posted_before
    [dup] = [e for e in why.entries(db, 50) if e["title"] == "Lima drivers halt buses again"]
    assert dup["status"] == "skipped" and dup["reason"] == f"duplicate of #{strike}"


def test_dry_run_prints_the_digest_and_changes_nothing(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(archive), "digest", "--dry-run", "--channel", CRIME]) == 0
    out = capsys.readouterr().out
    assert STRIKE in out and "Follows earlier coverage" in out and "Figures disagree" in out
    assert ledger(str(archive), CRIME_SUB) == []
    db = open_db(archive)
    assert db.execute("SELECT COUNT(*) FROM digest_queue").fetchone()[0] == 0


def test_dry_run_prints_the_one_minute_message_as_posted_then_its_thread(
        seed_db: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """On a busy day `newsbot digest --dry-run` shows what the channel would read: the one-minute message
    (a few headlines, what was folded), then the full digest its thread would hold; nothing is posted."""
    service.add(seed_db, service.Request("peru", "", None, "instant"), channel="C0BUSY")
    for n in range(30):
        clone_article(seed_db, f"Lima story {n} & more")
    assert main(["--db", str(tmp_path / "newsbot.db"), "digest", "--dry-run", "--channel", "C0BUSY"]) == 0
    out = capsys.readouterr().out
    channel, _, thread = out.partition("In its thread")
    assert "as it would be posted" in channel and "folded; every article" in channel, channel
    assert len(channel.split()) <= 300, channel  # a minute's reading, not the whole digest
    assert sum(f"Lima story {n} & more" in channel for n in range(30)) < 30
    assert all(f"Lima story {n} & more" in thread for n in range(30)), thread  # the escapes undone
    assert ledger(seed_db, 1) == []


def test_long_digest_is_split_within_slack_limits(seed_db: Any, standin: SlackStandin) -> None:
    sub = service.add(seed_db, service.Request("peru", "", None, "instant"), channel="C0BUSY")
    made = [clone_article(seed_db, f"<!channel> Lima story {n} & more") for n in range(70)]
    run_digests(seed_db, digest_client(BOT_TOKEN), now())
    bodies = post_bodies(standin, "C0BUSY")
    channel, thread = [b for b in bodies if "thread_ts" not in b], [b for b in bodies if "thread_ts" in b]
    assert len(channel) == 1 and 1 < len(thread) <= 3  # a minute's reading; the whole digest in its thread
    assert all(len(b["blocks"]) <= 50 and all(len(s) <= 3000 for s in sections(b)) for b in bodies)
    assert "more stories" in json.dumps(thread[-1]["blocks"][-1]) and "/peru latest" in json.dumps(thread[-1])
    wire = json.dumps(bodies)
    assert "<!channel>" not in wire and "&lt;!channel&gt;" in wire
    assert ledger(seed_db, sub["id"]) == made


# --- kill -9 around the post ---------------------------------------------------------------------------

def digest_process(archive: Path, standin: SlackStandin) -> list[str]:
    return [sys.executable, "-m", "bot.cli", "--db", str(archive), "digest", "--channel", CRIME]


def process_env(standin: SlackStandin) -> dict[str, str]:
    return {**os.environ, "SLACK_API_URL": standin.api_url, "SLACK_BOT_TOKEN": BOT_TOKEN,
            "NEWSBOT_DIGEST_LEASE_SECONDS": "1"}


def kill_during_post(archive: Path, standin: SlackStandin, after_taking: bool) -> None:
    """Start `newsbot digest`, hold its chat.postMessage, kill -9 it there, then let the call go."""
    standin.hold_next("chat.postMessage", after_taking=after_taking)
    proc = subprocess.Popen(digest_process(archive, standin), cwd=ROOT, env=process_env(standin),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert standin.held.wait(60), "the digest never reached chat.postMessage"
    finally:
        proc.kill()  # SIGKILL: no clean-up of any kind
        proc.wait()
        standin.release()
    time.sleep(1.2)  # the dead process's lease (1 s in this test) runs out, as after a restart


def rerun(archive: Path, standin: SlackStandin) -> None:
    done = subprocess.run(digest_process(archive, standin), cwd=ROOT, env=process_env(standin),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_kill_after_slack_took_the_post_repeats_nothing(archive: Path, standin: SlackStandin) -> None:
    kill_during_post(archive, standin, after_taking=True)
    assert len(posts(standin, CRIME)) == 1 and ledger(str(archive), CRIME_SUB) == []  # posted, not recorded
    rerun(archive, standin)
    messages = posts(standin, CRIME)
    assert len(messages) == 1  # found in the channel's history: recorded, not posted again
    db = open_db(archive)
    ids = article_ids(db)
    assert ledger(db, CRIME_SUB) == sorted([ids[STRIKE], ids[EMERGENCY]])
    ts = {r[0] for r in db.execute("SELECT ts FROM deliveries WHERE subscription_id = ?", [CRIME_SUB])}
    assert ts == {messages[0]["ts"]}


def test_kill_after_the_post_without_history_repeats_it_once(archive: Path, standin: SlackStandin) -> None:
    kill_during_post(archive, standin, after_taking=True)
    standin.fail_next("conversations.history", error="missing_scope")  # the documented window
    rerun(archive, standin)
    assert len(posts(standin, CRIME)) == 2
    db = open_db(archive)
    assert len(ledger(db, CRIME_SUB)) == 2 and db.execute("SELECT COUNT(*) FROM delivery_attempts").fetchone()[0] == 0


def test_kill_before_the_post_loses_nothing(archive: Path, standin: SlackStandin) -> None:
    kill_during_post(archive, standin, after_taking=False)
    assert posts(standin, CRIME) == [] and ledger(str(archive), CRIME_SUB) == []
    rerun(archive, standin)
    assert len(posts(standin, CRIME)) == 1
    db = open_db(archive)
    ids = article_ids(db)
    assert ledger(db, CRIME_SUB) == sorted([ids[STRIKE], ids[EMERGENCY]])


def _digest_text(archive: Path, standin: SlackStandin, tmp_path: Path, channel: str, row: dict[str, Any],
                 desk: str = "news") -> str:
    """Subscribe `channel` to a desk (instant; the whole archive by default), store one new article, run
    the due digests, and return the text of what the channel was sent."""
    db = open_db(archive)
    sub = service.add(db, service.Request(desk, "", None, "instant"), channel=channel)
    path = tmp_path / "new.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert ingest(db, [str(path)]).ok
    run_due_digests(db, digest_client(BOT_TOKEN), now())
    assert ledger(db, sub["id"]), "the new article was not delivered"
    return "\n".join(line for body in post_bodies(standin, channel) for line in sections(body))


def test_a_denial_in_a_digest_reads_as_a_denial(archive: Path, standin: SlackStandin, tmp_path: Path) -> None:
    """A digest renders quotes the way answers do: a paraphrased denial keeps its verb and has no quote
    marks ("WHO denied that …"), never "WHO (paraphrased): “garlic can protect …”"."""
    text = _digest_text(archive, standin, tmp_path, "C0DENIALS", {
        "title": "Health agency rejects home remedy claims", "url": "https://example.org/remedies",
        "date": "2026-03-02", "content": "Rumours about home remedies spread quickly online this week.\n\n"
        "The World Health Organization posted a notice on its website, denying that garlic can protect "
        "against the virus."})
    assert "World Health Organization* denied that garlic can protect" in text, text
    assert "paraphrased" not in text and "“garlic" not in text, text


def test_a_digest_shows_the_telling_figures_first(archive: Path, standin: SlackStandin, tmp_path: Path) -> None:
    """With room for three figures, totals, sums and shares come before small counts ("two officials")."""
    text = _digest_text(archive, standin, tmp_path, "C0FIGURES", {
        "title": "Record seizure at the port", "url": "https://example.org/seizure", "date": "2026-03-02",
        "content": "Two officials met the port's managers on Monday, and three prosecutors joined them.\n\n"
        "Police later seized 4,500 kilograms of cocaine and 1,200 rifles at the port, and 85 people were arrested."})
    figures = next(line for line in text.splitlines() if line.startswith("Figures:"))
    assert "4,500 kilograms" in figures and "1,200 rifles" in figures and "85 people arrested" in figures, figures
    assert "officials" not in figures and "prosecutors" not in figures, figures


def test_a_desk_digest_of_a_round_up_shows_only_the_desk_s_passage(
        archive: Path, standin: SlackStandin, tmp_path: Path) -> None:
    """A region-wide round-up with one paragraph on Lima: the Peru desk's digest shows that paragraph's
    figures, never Caracas's or Santiago's."""
    text = _digest_text(archive, standin, tmp_path, "C0ROUNDUP", {
        "title": "Homicide rates in the region's capitals", "url": "https://example.org/capitals", "tags": "Peru",
        "date": "2026-03-02", "content":
        "Caracas registered 2,124 violent deaths in 2025, according to the Venezuelan Violence Observatory.\n\n"
        "Santiago reported 106 violent deaths in 2025, and Chilean police seized 35 tons of drugs.\n\n"
        "Bogotá counted 1,093 homicides in 2025, the lowest figure in a decade, Colombian police said.\n\n"
        "Lima recorded 745 violent deaths in 2025, and Peruvian police blamed extortion gangs for 82 murders.\n\n"
        "Quito saw 410 violent deaths in 2025 as Ecuador's gangs fought over ports."}, desk="peru")
    assert "745 violent deaths" in text, text
    for elsewhere in ("2,124", "106 violent", "35 tons", "1,093", "410"):
        assert elsewhere not in text, (elsewhere, text)


def test_the_delivery_log_forgets_old_entries_but_the_ledger_does_not(archive: Path, standin: SlackStandin) -> None:
    """Skipped entries pile up as subscriptions × articles: a scheduled run drops log entries older than
    LOG_KEEP_DAYS, while the ledger that keeps posts exactly-once stays, so nothing is posted again."""
    db = open_db(archive)
    client = digest_client(BOT_TOKEN)
    run_digests(db, client, now(), channel=CRIME)
    posted = len(standin.calls_of("chat.postMessage", ok_only=True))
    logged = db.execute("SELECT count(*) FROM delivery_log").fetchone()[0]
    with db.conn:  # the same log, a season ago
        db.execute("UPDATE delivery_log SET at = '2020-01-01T00:00:00+00:00'")
        db.execute("INSERT INTO delivery_log (subscription_id, article_id, status, reason, at)"
                   " VALUES (?, 1, 'skipped', 'off-topic', ?)", [CRIME_SUB, iso(now() - timedelta(days=2))])
    run_at = now()  # what this run logs is stamped from here on; only the older entries are the question
    run_due_digests(db, client, run_at)
    reasons = [r[0] for r in db.execute("SELECT reason FROM delivery_log WHERE at < ?", [iso(run_at)])]
    assert logged > 0 and reasons == ["off-topic"]  # only the recent entry is left
    assert ledger(db, CRIME_SUB) == sorted(article_ids(db)[t] for t in (STRIKE, EMERGENCY))
    assert not [c for c in standin.calls_of("chat.postMessage", ok_only=True)[posted:]
                if c.body.get("channel") == CRIME]


def message_words(body: dict[str, Any]) -> int:
    """Words a reader sees: every block's text, a link as its label."""
    texts = [b["text"]["text"] for b in body["blocks"] if isinstance(b.get("text"), dict)]
    texts += [e["text"] for b in body["blocks"] for e in b.get("elements", [])]
    return len(re.sub(r"<[^|>]*\|([^>]*)>", r"\1", " ".join(texts)).split())


def test_a_busy_day_reads_in_a_minute_with_the_biggest_story_first_and_the_rest_in_the_thread(
        seed_db: Any, standin: SlackStandin) -> None:
    """Thirty stories in a day: the channel message keeps to ~250 words, leads with the story three outlets
    carried, says how many stories were folded, and its thread holds every article; all are in the ledger."""
    sub = service.add(seed_db, service.Request("peru", "", None, "daily 08:00"), channel="C0MINUTE")
    made = [clone_article(seed_db, f"Lima council story number {n} of a busy day") for n in range(27)]
    big = [clone_article(seed_db, f"Bus drivers strike across Lima, report {n}") for n in range(3)]
    with seed_db.conn:
        seed_db.execute(f"UPDATE articles SET story_id = {big[0]} WHERE id IN ({big[0]}, {big[1]}, {big[2]})")
        seed_db.conn.executemany("UPDATE articles SET source = ? WHERE id = ?",
                                 [("BBC", big[0]), ("Guardian", big[1]), ("Reuters", big[2])])
    run_digests(seed_db, digest_client(BOT_TOKEN), now())
    bodies = post_bodies(standin, "C0MINUTE")
    channel, thread = [b for b in bodies if "thread_ts" not in b], [b for b in bodies if "thread_ts" in b]
    assert len(channel) == 1 and message_words(channel[0]) <= 250, message_words(channel[0])
    shown = sections(channel[0])
    assert "Bus drivers strike across Lima, report 2" in shown[0], shown[0]  # the newest headline of the biggest
    wire = json.dumps(channel[0])
    assert "30 new articles in 28 stories" in wire and re.search(r"\d+ more stories \(\d+ articles\) folded", wire)
    replies = json.dumps(thread)
    assert all(f"Lima council story number {n} of" in replies for n in range(27)), "an article is missing"
    assert ledger(seed_db, sub["id"]) == sorted(made + big)
