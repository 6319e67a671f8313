"""Fuzzing with hypothesis: whatever a user types or a source sends, nothing escapes.

The command grammar and every action through `ask`, the FTS query builder against the real index, the
CSV/JSONL/HTML/text loaders, the feed reader, the extractors, and the Slack app itself (signed payloads
with missing, empty, huge or odd fields). Each either answers or says, briefly, what was wrong. Example
counts stay modest so the suite stays fast on CI's two cores.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from conftest import copy_archive
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_harness import Harness, running_app

from bot.answer.engine import ask
from bot.answer.grammar import ACTIONS, Command, parse
from bot.answer.query import build_query, literal_query
from bot.extract.pipeline import analyse
from bot.feeds.parse import NotAFeed, parse_feed
from bot.ingest.files import read_path
from bot.ingest.model import Problem, RawArticle
from storage import queries
from storage.db import open_db

FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])
SLOW = settings(FUZZ, max_examples=25)
TOPIC_WORDS = ["crime", "extortion", "prisons", "illegal mining", "Jerí", "Lima", "gota a gota", "who", "is"]
ODD = ['"', "“", "”", "*", "NEAR(", "AND", "OR", "NOT", "-", "^", ":", "(", ")", "{", "}", "'", "\\", "/",
       "/peru", "/news", "/", "<!channel>", "<@U1>", "&amp;", "\u202e", "\x00", "﷽", "𝔘", "١٢", "²", "0" * 30,
       "http://127.0.0.1:9/x", "<http://0x7f.1/|x>", "ftp://x", "javascript:alert(1)", "fix", "hide", "show",
       "remove", "add", "list", "12", "-1", "99999999999999999999999"]
WORD = st.one_of(st.sampled_from(sorted(ACTIONS)), st.sampled_from(TOPIC_WORDS), st.sampled_from(ODD),
                 st.text(max_size=12))
COMMAND_TEXT = st.lists(WORD, max_size=12).map(" ".join)


@pytest.fixture(scope="module")
def archive(seed_db_path: Path, tmp_path_factory: pytest.TempPathFactory):
    return open_db(copy_archive(seed_db_path, tmp_path_factory.mktemp("fuzz") / "newsbot.db"))


@FUZZ
@given(text=st.one_of(COMMAND_TEXT, st.text(max_size=300)))
def test_the_grammar_reads_anything(text: str) -> None:
    command = parse(text)
    assert command.action in set(ACTIONS.values())


@FUZZ
@given(text=COMMAND_TEXT, desk=st.sampled_from([None, "peru", "news", "mexico", "nowhere"]),
       limit=st.integers(-5, 60), offset=st.integers(-5, 10_000))
def test_every_action_answers_anything(archive, text: str, desk: str | None, limit: int, offset: int) -> None:
    answer = ask(archive, text, desk=desk, limit=limit, offset=offset)
    assert answer.action and isinstance(answer.text, str)
    assert len(answer.query) <= 120
    assert answer.action == "help" or len(answer.items) <= max(limit, 1)  # help is one whole page, never paged
    json.dumps(answer.to_json())


@FUZZ
@given(words=st.lists(st.one_of(st.sampled_from(ODD + TOPIC_WORDS), st.text(max_size=15)), max_size=8),
       phrases=st.lists(st.text(max_size=20), max_size=3))
def test_the_fts_query_builder_never_breaks_the_index(archive, words: list[str], phrases: list[str]) -> None:
    command = Command(None, "summary", words, phrases)
    for query in (build_query(command), literal_query(command)):
        if query.match:  # an empty match means "the desk's newest articles" to every caller
            queries.matching_sentences(archive, query.match, "peru")
            queries.matching_sentences(archive, query.match, None)


RECORD = st.dictionaries(
    st.sampled_from(["title", "text", "content", "body", "url", "link", "published", "date", "author", "tags",
                     "source", "language", "x"]),
    st.one_of(st.none(), st.text(max_size=200), st.integers(), st.floats(allow_nan=True),
              st.lists(st.text(max_size=10), max_size=3), st.booleans()),
    max_size=8)


def _read_all(path: Path) -> list:
    found = list(read_path(path))
    assert all(isinstance(f, (RawArticle, Problem)) for f in found)
    return found


@FUZZ
@given(records=st.lists(RECORD, max_size=4), junk=st.binary(max_size=200))
def test_jsonl_and_csv_loaders_take_anything(tmp_path_factory, records: list[dict], junk: bytes) -> None:
    folder = tmp_path_factory.mktemp("loaders")
    lines = [json.dumps(r, allow_nan=True) for r in records]
    (folder / "a.jsonl").write_bytes("\n".join(lines).encode() + b"\n" + junk)
    header = sorted({k for r in records for k in r}) or ["text"]
    rows = [",".join(json.dumps(str(r.get(k, ""))) for k in header) for r in records]
    (folder / "b.csv").write_bytes((",".join(header) + "\n" + "\n".join(rows)).encode() + b"\n" + junk)
    _read_all(folder / "a.jsonl")
    _read_all(folder / "b.csv")


@FUZZ
@given(body=st.one_of(st.text(max_size=400), st.binary(max_size=400).map(lambda b: b.decode("latin-1")),
                      st.lists(st.sampled_from(["<p>", "</p>", "<script>", "<div>", "---\n", "title: x\n", "&",
                                                "<!--", "<![CDATA[", "Lima police said 40 people", "\x00"]),
                               max_size=30).map("".join)))
def test_text_and_html_loaders_take_anything(tmp_path_factory, body: str) -> None:
    folder = tmp_path_factory.mktemp("pages")
    for name in ("a.txt", "b.md", "c.html"):
        (folder / name).write_text(body, encoding="utf-8", errors="surrogatepass")
        _read_all(folder / name)


FEED_PARTS = ["<?xml version='1.0'?>", "<rss version='2.0'>", "<channel>", "<title>T</title>", "<item>", "</item>",
              "<link>http://example.com/1</link>", "<guid>g</guid>", "<pubDate>Mon, 27 Oct 2025</pubDate>",
              "<description>Lima</description>", "</channel>", "</rss>", "<feed xmlns='http://www.w3.org/2005/Atom'>",
              "<entry>", "</entry>", "<id>x</id>", "<updated>2025-13-45</updated>", "</feed>", "<!DOCTYPE rss>",
              "&amp;", "&bogus;", "<![CDATA[<b>x</b>]]>", "<ttl>-5</ttl>", "<ttl>1e99</ttl>", "\x00", "<html>"]


@FUZZ
@given(parts=st.lists(st.one_of(st.sampled_from(FEED_PARTS), st.text(max_size=20)), max_size=40),
       raw=st.binary(max_size=300), content_type=st.sampled_from(["", "application/rss+xml", "text/html", "x/y"]))
def test_the_feed_reader_reads_or_refuses_anything(parts: list[str], raw: bytes, content_type: str) -> None:
    for body in ("".join(parts).encode("utf-8", "surrogatepass"), raw):
        try:
            feed = parse_feed(body, content_type, "http://example.com/feed")
        except NotAFeed as exc:
            assert str(exc) and len(str(exc)) < 400
            continue
        assert all(e.key for e in feed.entries)


NEWS_WORDS = ["Lima", "Peru", "police", "said", "40", "1,200", "per cent", "%", "in 2024", "on October 10",
              "last year", "next April", "“", "”", "\"", "he said", "she told", "José Jerí", "President", "Dr.",
              "—", ".", ",", "\n\n", "USD 3 million", "8 per 100,000", "denied that", "according to", "(", ")"]
ARTICLE_TEXT = st.lists(st.one_of(st.sampled_from(NEWS_WORDS), st.text(max_size=10)), min_size=1, max_size=80)


@SLOW
@given(words=ARTICLE_TEXT, published=st.sampled_from([None, "2025-10-27", "2025", "2025-02", "1900-01-01"]))
def test_the_extractors_run_over_any_text(words: list[str], published: str | None) -> None:
    raw = RawArticle(title=" ".join(words[:6]) or "x", text=" ".join(words), published=published)
    [analysis] = list(analyse([raw]))
    assert analysis.raw is raw


# --- the Slack app: signed payloads with missing, empty, huge or odd fields --------------------------------

FIELD = st.one_of(st.none(), st.just(""), st.text(max_size=40), st.just("x" * 20_000), st.sampled_from(ODD))


@pytest.fixture(scope="module")
def app(seed_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    with running_app(copy_archive(seed_db_path, tmp_path_factory.mktemp("fuzz-app") / "newsbot.db")) as harness:
        yield harness


def _form(fields: dict) -> str:
    return urlencode({k: v for k, v in fields.items() if v is not None})


@SLOW
@given(command=st.one_of(st.sampled_from(["/peru", "/news", "/mexico", "/nope"]), FIELD), text=FIELD,
       user=FIELD, channel=FIELD, team=FIELD, answered=st.booleans())
def test_slash_commands_with_odd_fields_are_answered_briefly(app: Harness, command, text, user, channel,
                                                             team, answered: bool) -> None:
    name = f"fuzz-{app.standin.calls.__len__()}-{abs(hash((command, text, user))) % 10**9}"
    fields = {"command": command, "text": text, "user_id": user, "channel_id": channel, "team_id": team,
              "response_url": app.standin.response_url(name) if answered else None, "trigger_id": "1.2.3"}
    response = app.post(_form(fields))
    assert response.status_code < 500
    if answered and response.status_code == 200 and command in ("/peru", "/news", "/mexico"):
        # a usage line ("add" with no link) is answered in the ack itself; an answer comes by response_url
        message = response.json() if response.content else app.answer(name)
        assert 0 < len(message["text"]) <= 4000


@SLOW
@given(kind=st.sampled_from(["block_actions", "view_submission", "shortcut", "message_action", "nonsense"]),
       action_id=st.one_of(st.sampled_from(["more_answer", "previous_answer", "share_answer", "item_menu"]), FIELD),
       value=st.one_of(FIELD, st.dictionaries(st.sampled_from(["d", "q", "o", "l", "t"]),
                                              st.one_of(st.integers(), st.text(max_size=30), st.none()))
                       .map(json.dumps)),
       user=st.one_of(st.none(), st.fixed_dictionaries({"id": FIELD})), extra=st.dictionaries(st.text(max_size=5),
                                                                                               FIELD, max_size=3))
def test_interactions_with_odd_payloads_never_break_the_app(app: Harness, kind, action_id, value, user,
                                                            extra) -> None:
    payload = {"type": kind, "actions": [{"action_id": action_id, "value": value, "type": "button",
                                          "selected_option": {"value": value}}],
               "user": user, "response_url": app.standin.response_url("fuzz-click"), "trigger_id": "1.2.3",
               "container": {"channel_id": "C0PERUDESK"}, "channel": {"id": "C0PERUDESK"}, **extra}
    response = app.post(urlencode({"payload": json.dumps(payload)}))
    assert response.status_code < 500


@SLOW
@given(event=st.fixed_dictionaries({"type": st.sampled_from(["app_mention", "app_home_opened", "message", "x"])},
                                   optional={"text": FIELD, "user": FIELD, "channel": FIELD, "ts": FIELD,
                                             "thread_ts": FIELD, "tab": FIELD}),
       event_id=FIELD)
def test_events_with_odd_fields_never_break_the_app(app: Harness, event: dict, event_id) -> None:
    body = {"type": "event_callback", "team_id": "T0TEST", "api_app_id": "A0TEST", "event": event,
            "event_id": event_id, "event_time": 1700000000}
    response = app.post(json.dumps(body), "application/json")
    assert response.status_code < 500
