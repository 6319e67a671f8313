"""Block Kit rendering: escaping (no pings, no forged links) and Slack's size limits."""

from __future__ import annotations

import json

from bot.answer.model import Answer, Source
from bot.mrkdwn import escape, fit, link, safe_url, user_mention
from handlers.blocks import (
    HEADER_LIMIT,
    MAX_BLOCKS,
    MORE_ACTION,
    SECTION_LIMIT,
    SHARE_ACTION,
    answer_message,
    button_value,
    home_view,
    parse_button_value,
)

EVIL = "Breaking <!channel> <!here> see <http://evil.example|bank login> & <@U0BOSS>"
RAW_MARKUP = ("<!channel>", "<!here>", "<http://evil.example", "<@U0BOSS>")


def evil_answer(n_items: int = 3, text: str = EVIL) -> Answer:
    sources = [Source(id=i, title=f"{EVIL} title {i}", url=f"https://news.example/{i}?a=1&b=2",
                      source="<!channel> Wire", published="2025-10-27") for i in range(n_items)]
    items = [{"text": f"{text} {i}", "source_id": i} for i in range(n_items)]
    return Answer(action="summary", desk="peru", query=EVIL, items=items, sources=sources, text=EVIL,
                  context="Based on 3 articles, 12–27 Oct 2025", total=n_items * 2, offset=0, limit=n_items)


def test_escape_and_fit_never_split_an_entity():
    assert escape("a & <b> c") == "a &amp; &lt;b&gt; c"
    cut = fit("&" * 100, 20)
    assert len(cut) <= 20 and cut.endswith("…") and "&amp" not in cut.replace("&amp;", "")


def test_fit_never_cuts_a_word_in_two():
    """A long word near the end was cut inside it ('Rescuers reached Portosanmartinodellabat…') when the last space
    came early in the kept text: a reader sees a word that is not one. The last whole word ends it."""
    cut = fit("Rescuers reached Portosanmartinodellabattaglia harbour after dark on Sunday", 45)
    assert cut == "Rescuers reached…", cut
    assert fit("He was willing to co-operate with the monitors", 26) == "He was willing to…"


def test_links_refuse_other_schemes_and_escape_labels():
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("https://x.example/a?b=1&c=2") == "https://x.example/a?b=1&amp;c=2"
    assert link("https://x.example/|evil", "<!channel>") == "<https://x.example/%7Cevil|&lt;!channel&gt;>"
    assert user_mention("U0REPORTER") == "<@U0REPORTER>"
    assert user_mention("<!channel>") == "&lt;!channel&gt;"


def test_article_and_user_text_reach_slack_escaped():
    message = answer_message(evil_answer(), "Peru desk", EVIL, shared_by="U0REPORTER")
    wire = json.dumps(message, ensure_ascii=False)
    for markup in RAW_MARKUP:
        assert markup not in wire
    assert "&lt;!channel&gt;" in wire
    assert "<https://news.example/0?a=1&amp;b=2|Breaking &lt;!channel&gt;" in wire  # our links survive, labels escaped
    assert "<@U0REPORTER>" in wire


def test_long_answers_are_cut_inside_slack_limits():
    answer = evil_answer(n_items=120, text="word " * 2000)
    message = answer_message(answer, "Peru desk " * 30, "x" * 5000)
    blocks = message["blocks"]
    assert len(blocks) <= MAX_BLOCKS
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= SECTION_LIMIT
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= HEADER_LIMIT
        if block["type"] == "actions":
            assert all(len(e["value"]) <= 2000 for e in block["elements"])
    assert len(message["text"]) <= 3000


def test_buttons_carry_the_next_page():
    message = answer_message(evil_answer(n_items=3), "Peru desk", "crime summary")
    actions = [b for b in message["blocks"] if b["type"] == "actions"][0]["elements"]
    by_id = {a["action_id"]: parse_button_value(a["value"]) for a in actions}
    assert by_id[SHARE_ACTION] == {"desk": "peru", "text": "crime summary", "offset": 0, "limit": 3, "thread": None}
    assert by_id[MORE_ACTION]["offset"] == 3
    assert parse_button_value("not json") == {"desk": "", "text": "", "offset": 0, "limit": 5, "thread": None}
    assert parse_button_value(button_value("peru", "q", -5, 10_000))["offset"] == 0


def test_home_view_without_subscriptions():
    view = home_view([("/peru", "Peru desk", evil_answer())], [], Answer(action="help", desk="peru", query="",
                                                                         text="Try `/peru crime summary`."))
    wire = json.dumps(view, ensure_ascii=False)
    assert view["type"] == "home" and "subscribe" not in wire  # offers only what works
    for markup in RAW_MARKUP:
        assert markup not in wire
