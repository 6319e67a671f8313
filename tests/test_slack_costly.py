"""One member's costly question is answered at once with why it was not run, over signed HTTP.

`/peru search a* a* … a*` (hundreds of word starts, 999 characters) once took 115 s of CPU while every other
member waited; now the number of words ending in `*`, the number of different words, and the SQLite time
of one answer are bounded, and the answer says which limit applied.
"""

from __future__ import annotations

import pytest
from slack_harness import Harness, rendered
from test_slack_app import slack  # noqa: F401 (the app-on-loopback fixture)

from bot.answer.limits import MAX_COMMAND_CHARS, MAX_PREFIX_TERMS, MAX_TERMS


def said(slack: Harness, text: str, name: str) -> str:  # noqa: F811
    return "\n".join(rendered(slack.ask(text, name)))


def test_hundreds_of_word_starts_are_refused_with_a_clear_answer(slack: Harness) -> None:  # noqa: F811
    hostile = "search " + " ".join(["a*"] * 330)
    assert len(hostile) <= MAX_COMMAND_CHARS
    answer = said(slack, hostile, "prefixes")
    assert f"at most {MAX_PREFIX_TERMS} can" in answer and "Nothing was searched" in answer
    assert "War on Crime" in said(slack, "search extort* prison*", "few-prefixes")  # a few still search


def test_too_many_different_words_are_refused_with_a_clear_answer(slack: Harness) -> None:  # noqa: F811
    words = " ".join(f"word{n}" for n in range(MAX_TERMS + 10))
    answer = said(slack, f"search {words}", "many-words")
    assert f"at most {MAX_TERMS}" in answer and "Nothing was searched" in answer


def test_an_answer_past_its_time_limit_is_stopped_and_says_so(slack: Harness,  # noqa: F811
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_ANSWER_SECONDS", "0")
    answer = said(slack, "crime summary", "no-time")
    assert "took more than 0 s to answer and was stopped" in answer and "War on Crime" not in answer
    monkeypatch.delenv("NEWSBOT_ANSWER_SECONDS")
    assert "War on Crime" in said(slack, "crime summary", "in-time")
