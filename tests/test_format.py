"""The shared wording of answers (bot/answer/format.py): figures as written, one date style, outlets,
reported speech. The CLI text and Slack both use it; these are its rules."""

from __future__ import annotations

from bot.answer.format import fact_line, figure, human_date, outlet, quote_line, roles_once, split_roles, type_word


def test_figures_read_as_the_article_wrote_them():
    assert figure({"value": 100.0, "unit": "people", "qualifier": "more than",
                   "figure": "more than a hundred people"}) == "more than a hundred people"
    assert figure({"value": 36.0, "unit": "%", "figure": "36%"}) == "36%"
    assert figure({"value": 22.0, "unit": "laboratories", "figure": "22"}) == "22 laboratories"
    assert figure({"value": 30.0, "unit": "days", "figure": "30-day"}) == "30-day"
    assert figure({"value": 30000.0, "unit": "members", "qualifier": "at least", "figure": "30,000 members"}) \
        == "at least 30,000 members"
    # an editor's fix of the value makes the written span stale: the figure is rebuilt from its parts
    assert figure({"value": 40.0, "unit": "%", "figure": "36%"}) == "40%"
    assert figure({"value": 300.0, "value_high": 500.0, "unit": "kilograms"}) == "300–500 kilograms"
    line = fact_line({"value": 36.0, "unit": "%", "figure": "36%", "measure": "homicides (increase)",
                      "period": "2024", "text": "A 36% increase in homicides in 2024."})
    assert line == "36% · homicides (increase), 2024 — A 36% increase in homicides in 2024."


def test_one_date_style():
    assert human_date("2020-03-05") == "5 Mar 2020"
    assert human_date("2025-10") == "Oct 2025"
    assert human_date("2024") == "2024"
    assert human_date(None) == "date unknown"
    assert human_date("2025-10-28T09:00:00Z") == "28 Oct 2025"


def test_outlet_falls_back_to_the_host_name():
    assert outlet("InSight Crime", "https://www.insightcrime.org/x") == "InSight Crime"
    assert outlet(None, "https://www.insightcrime.org/news/brief/x/") == "insightcrime.org"
    assert outlet("  ", None) is None


def test_a_paraphrase_is_reported_speech_with_its_verb():
    item = {"speaker": "World Health Organization", "quote": "cocaine can protect against the coronavirus",
            "kind": "paraphrase", "verb": "denying"}
    assert quote_line(item) == "World Health Organization denied that cocaine can protect against the coronavirus"
    assert "“" not in quote_line(item)
    told = {**item, "speaker": "Bruno Paes Manso", "verb": "told", "quote": "the PCC is an arbiter"}
    assert quote_line(told) == "Bruno Paes Manso told … that the PCC is an arbiter"
    according = {**item, "speaker": "Zevallos", "verb": "according to",
                 "quote": "But past orders merely pushed crime elsewhere."}
    assert quote_line(according) == "According to Zevallos, past orders merely pushed crime elsewhere."
    direct = {"speaker": "Jerí", "quote": "We will win", "kind": "direct", "verb": "said"}
    assert quote_line(direct) == "Jerí: “We will win”"
    assert quote_line({**direct, "verb": "denied"}) == "Jerí denied: “We will win”"
    assert quote_line({**item, "speaker": "the former head", "verb": "claimed"}).startswith("The former head claimed")


def test_who_speaks_in_words():
    assert [type_word(t) for t in ("PERSON", "ORG", "GPE")] == ["person", "organisation", "place"]
    assert split_roles(["president", "Somos Perú party"]) == (["president"], ["Somos Perú party"])


def test_a_speakers_role_is_said_once_a_page():
    items = [{"speaker": "Zevallos", "speaker_role": "former vice minister", "quote": q, "kind": "direct"}
             for q in ("A", "B")]
    assert [quote_line(it) for it in roles_once(items)] == ["Zevallos (former vice minister): “A”", "Zevallos: “B”"]


def test_a_reported_line_never_leaves_a_quotation_open() -> None:
    """'he was willing to co-operate with "any efforts towards stability' (the closing mark lost with the full
    stop) read as a quote cut short on the card; a mark that closes what was opened is left alone."""
    line = quote_line({"speaker": "Omar Haddad", "kind": "paraphrase", "verb": "said",
                       "quote": 'he was willing to co-operate with "any efforts towards calm'})
    assert line.endswith('"any efforts towards calm"'), line
    line = quote_line({"speaker": "Omar Haddad", "kind": "paraphrase", "verb": "said",
                       "quote": "talks were “going well” and would go on"})
    assert line.endswith("would go on"), line
    line = quote_line({"speaker": "Omar Haddad", "kind": "paraphrase", "verb": "said",
                       "quote": "the ceasefire was “holding"})
    assert line.endswith("“holding”"), line
