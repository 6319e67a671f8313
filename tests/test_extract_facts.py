"""The fact extractors on the seed article and on small texts: exact values, dates and speakers.

A desk bot that puts a quote in the wrong mouth or an event in the wrong year is worse than none, so
these tests pin what a reporter would see: each figure with its unit, qualifier and year; each date
as ISO; each quote with its speaker; each role with its person.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from spacy.tokens import Doc

from bot.extract.entities import extract_entities
from bot.extract.events import extract_events
from bot.extract.quotes import extract_quotes
from bot.extract.roles import extract_roles
from bot.extract.stats import extract_statistics
from bot.extract.types import ArticleContext, Sentence
from bot.nlp import get_nlp

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_197ec3ae1b6dd08e.txt"
PUBLISHED = date(2025, 10, 27)


def make_context(doc: Doc, published: date | None) -> ArticleContext:
    """The pipeline's context: sentences with kinds and the project's own entity resolution.

    The title is the first sentence; a one-line paragraph without final punctuation is a heading.
    """
    sentences = []
    for i, sent in enumerate(doc.sents):
        text = sent.text.strip()
        alone = "\n" in sent.text_with_ws[-3:] and (i == 0 or "\n" in doc[sent.start - 1].text_with_ws)
        kind = "title" if i == 0 else "heading" if alone and text[-1:] not in '.?!”"’' else "body"
        sentences.append(Sentence(i, sent.text, sent.start_char, sent.end_char, kind))
    return ArticleContext(published, sentences, extract_entities(doc, sentences))


@pytest.fixture(scope="module")
def seed() -> tuple[Doc, ArticleContext]:
    """The seed article, parsed once."""
    doc = get_nlp()(SEED.read_text(encoding="utf-8"))
    return doc, make_context(doc, PUBLISHED)


def parse(text: str, published: date | None = PUBLISHED) -> tuple[Doc, ArticleContext]:
    """A small article: a title line, a blank line, then the body."""
    doc = get_nlp()("Test headline\n\n" + text)
    return doc, make_context(doc, published)


# --- statistics -------------------------------------------------------------------------------


def _stat(stats: list, value: float, unit: str):
    """The one statistic with this value and unit."""
    found = [s for s in stats if s.value == value and s.unit == unit]
    assert len(found) == 1, (value, unit, stats)
    return found[0]


def test_seed_statistics(seed: tuple[Doc, ArticleContext]) -> None:
    doc, ctx = seed
    stats = extract_statistics(doc, ctx)
    homicides = _stat(stats, 36, "%")
    assert (homicides.measure, homicides.period, homicides.qualifier) == ("homicides (increase)", "2024", None)
    before = _stat(stats, 95_000, "hectares")
    after = _stat(stats, 90_000, "hectares")
    assert (before.measure, before.period, before.qualifier) == ("coca cultivation", "2022", None)
    assert (after.measure, after.period, after.qualifier) == ("coca cultivation", "2024", "just under")
    assert _stat(stats, 13, "workers").measure == "massacred security workers"
    injured = _stat(stats, 100, "people")
    assert (injured.qualifier, injured.measure) == ("more than", "people injured")
    assert _stat(stats, 30, "days").measure == "state of emergency"
    assert _stat(stats, 5, "officials").measure == "prison officials arrested"
    assert _stat(stats, 6, "ordinal").measure == "president since 2020"
    assert ctx.sentences[homicides.sent].text.startswith("Skyrocketing cases of extortion")


def test_years_and_dates_are_not_statistics(seed: tuple[Doc, ArticleContext]) -> None:
    doc, ctx = seed
    values = {s.value for s in extract_statistics(doc, ctx)}
    assert not values & {2020, 2022, 2024, 10, 15, 19, 21, 23}


def test_numbers_that_are_not_figures() -> None:
    doc, ctx = parse(
        "The 45-year-old mayor spoke at 5 p.m. on March 3. Apollo 11 landed in 1969. She was aged 52 when she won."
    )
    assert extract_statistics(doc, ctx) == []


def test_list_numbers_and_names_are_not_figures() -> None:
    doc, ctx = parse(
        "1. The police will patrol five markets.\n\n2) Candidate No. 3 won 52% of the vote.\n\n"
        "The G7 met. Covid-19 killed 3,000 people in Lima in 2021. The new port cost $2.5 billion."
    )
    stats = [(s.value, s.unit, s.measure, s.period, s.text) for s in extract_statistics(doc, ctx)]
    assert stats == [
        (5, "markets", "markets", None, "five markets"),
        (52, "%", "vote", None, "52%"),
        (3000, "people", "people killed", "2021", "3,000 people"),
        (2_500_000_000, "$", "port", None, "$2.5 billion"),
    ]


def test_spelled_and_scaled_numbers() -> None:
    doc, ctx = parse("Twenty-five students and 1.5 million people marched, and nearly 300 were detained.")
    stats = extract_statistics(doc, ctx)
    assert _stat(stats, 25, "students").text == "Twenty-five students"
    assert _stat(stats, 1_500_000, "people").qualifier is None
    detained = [s for s in stats if s.value == 300]
    assert detained and detained[0].qualifier == "nearly"



@pytest.mark.parametrize("text", [
    "Emma was hoping to raise £300 in donations, but collected thousands after her page was shared.",
    "The housing agency set a target of 2,000 new homes for the coastal towns.",
    "The charity is aiming to send 500 tents to the valley.",
])
def test_an_aim_is_not_an_outcome(text: str) -> None:
    """What someone meant to raise or build is no figure of what happened: shown alone, "£300 — donations"
    reads as what was raised."""
    doc, ctx = parse(text)
    assert extract_statistics(doc, ctx) == []


def test_what_an_aim_acts_on_stays_a_figure() -> None:
    doc, ctx = parse("Rescuers hoped to reach 30 miners trapped below the collapsed shaft.")
    assert [s.value for s in extract_statistics(doc, ctx)] == [30]


@pytest.mark.parametrize("text", [
    "The toll in the valley is in stark contrast to the quake that hit the coast in 2007, where fewer than 600"
    " people died.",
    "Unlike the floods of 2008, which forced 40,000 people from their homes, the storm did little damage.",
])
def test_a_figure_of_the_event_a_story_compares_is_not_the_story_s(text: str) -> None:
    doc, ctx = parse(text)
    assert extract_statistics(doc, ctx) == []


def test_a_comparison_beside_the_figure_leaves_it_the_story_s() -> None:
    doc, ctx = parse("In contrast to last year, 600 people were evacuated from the island.")
    assert [s.value for s in extract_statistics(doc, ctx)] == [600]


def test_a_share_says_what_it_is_of_and_what_it_counts() -> None:
    """ "nearly 70% of those admitted to hospital have been under 40": the share of patients under 40, not a
    figure of "those admitted to hospital"."""
    doc, ctx = parse("Dr Patel said nearly 70% of those admitted to hospital have been under 40.")
    share = _stat(extract_statistics(doc, ctx), 70, "%")
    assert "under 40" in share.measure and "those admitted to hospital" in share.measure
    doc, ctx = parse("The survey found 52% of the voters in the district.")
    assert _stat(extract_statistics(doc, ctx), 52, "%").measure == "voters"


@pytest.mark.parametrize("text", [
    "Brent crude rose to a four-month high of $98 on Monday.",  # the span of a record, not a count
    "Callers should avoid 0370 numbers, the regulator said.",  # a dialling code
])
def test_a_record_s_span_and_a_code_are_not_figures(text: str) -> None:
    doc, ctx = parse(text)
    assert all(s.unit not in ("months", "numbers") for s in extract_statistics(doc, ctx))


# --- events -----------------------------------------------------------------------------------


def test_seed_events(seed: tuple[Doc, ArticleContext]) -> None:
    doc, ctx = seed
    events = {(e.text, e.date) for e in extract_events(doc, ctx)}
    assert events == {
        ("October 10", "2025-10-10"),
        ("April next year", "2026-04"),
        ("October 23", "2025-10-23"),
        ("October 15", "2025-10-15"),
        ("October 21", "2025-10-21"),
        ("October 19", "2025-10-19"),
        ("January 2024", "2024-01"),
        ("May", "2025-05"),
        ("November 2020", "2020-11"),
    }


def test_event_sentences(seed: tuple[Doc, ArticleContext]) -> None:
    doc, ctx = seed
    by_date = {e.date: ctx.sentences[e.sent].text for e in extract_events(doc, ctx)}
    assert "assumed the presidency" in by_date["2025-10-10"]
    assert "Congress approved a bill" in by_date["2025-10-23"]
    assert "Pataz" in by_date["2025-05"]
    assert "Merino" in by_date["2020-11"]


def test_month_after_publication_in_past_tense_is_last_year() -> None:
    doc, ctx = parse(
        "In November the government collapsed. Elections will be held in November. "
        "The law will take effect in January. Police arrested him on December 2.",
        published=date(2025, 3, 10),
    )
    assert [e.date for e in extract_events(doc, ctx)] == ["2024-11", "2025-11", "2026-01", "2024-12-02"]


def test_weekdays_and_relative_days() -> None:
    doc, ctx = parse("On Friday, police arrested two men. The minister resigned yesterday.")
    assert [e.date for e in extract_events(doc, ctx)] == ["2025-10-24", "2025-10-26"]


def test_infinitive_is_future_and_that_year_is_unresolved() -> None:
    doc, ctx = parse(
        "EU ministers are to meet on Thursday. By June of that year the crisis was over.",
        published=date(2009, 4, 28),
    )
    assert [(e.text, e.date) for e in extract_events(doc, ctx)] == [("Thursday", "2009-04-30")]


def test_relative_years_and_months() -> None:
    doc, ctx = parse("Murders rose last year. The new law passed this month and takes effect next month.")
    assert [(e.text, e.date) for e in extract_events(doc, ctx)] == [
        ("last year", "2024"),
        ("this month", "2025-10"),
        ("next month", "2025-11"),
    ]


@pytest.mark.parametrize(("published", "expected"), [
    (date(2012, 3, 9), "2011-03"),   # in March, "last March" is a year ago: this one is "this March"
    (date(2012, 4, 20), "2012-03"),  # after March, it is the latest March
    (date(2011, 12, 1), "2011-03"),
])
def test_last_month_name_counts_back_from_publication(published: date, expected: str) -> None:
    doc, ctx = parse("The revolt began last March.", published=published)
    assert [(e.text, e.date) for e in extract_events(doc, ctx)] == [("last March", expected)]


def test_without_publication_date_only_explicit_years() -> None:
    doc, ctx = parse("On October 10 he took office. The reform passed in January 2024.", published=None)
    assert [(e.text, e.date) for e in extract_events(doc, ctx)] == [("January 2024", "2024-01")]


def test_years_that_date_a_thing_or_an_event() -> None:
    doc, ctx = parse(
        "Rescuers learned from the 2004 tsunami. Hurricanes and storms in 2008 killed hundreds. "
        "The country never recovered from the floods of 1998."
    )
    assert [(e.text, e.date) for e in extract_events(doc, ctx)] == [
        ("2004", "2004"),
        ("in 2008", "2008"),
        ("1998", "1998"),
    ]
    # a figure's period or a count is not an event
    doc, ctx = parse(
        "Congress approved the 2024 budget of 5 billion soles. Homicides rose 36% in 2024. "
        "Sales in 2023 reached 5 billion soles. A crowd of 2000 protesters marched. The 1900 miners went home."
    )
    assert extract_events(doc, ctx) == []
    doc, ctx = parse("The 2004 tsunami killed thousands.")
    assert [(e.text, e.date) for e in extract_events(doc, ctx)] == [("2004", "2004")]


def test_vague_spans_and_modal_may_are_not_events() -> None:
    doc, ctx = parse(
        "The opening weeks were hard. He may resign. Crime was lower in the years prior to 2022. "
        "He lasted just five days."
    )
    assert extract_events(doc, ctx) == []


# --- quotes -----------------------------------------------------------------------------------


def speakers(text: str) -> list[str | None]:
    """The speakers of the direct quotes of a text, in order."""
    doc, ctx = parse(text)
    return [q.speaker for q in extract_quotes(doc, ctx) if q.kind == "direct"]


def _direct(quotes: list, fragment: str):
    """The one direct quote containing `fragment`."""
    found = [q for q in quotes if q.kind == "direct" and fragment in q.quote]
    assert len(found) == 1, (fragment, quotes)
    return found[0]


def test_seed_quotes(seed: tuple[Doc, ArticleContext]) -> None:
    doc, ctx = seed
    quotes = extract_quotes(doc, ctx)
    flores = _direct(quotes, "This issue of there being no control")
    assert (flores.speaker, flores.cue) == ("Sebastián Flores", "told")
    fear = _direct(quotes, "There’s widespread fear")
    assert fear.speaker == "Nicolás Zevallos Trigoso"
    assert "They knock on the door" in fear.quote and fear.quote.endswith("happen to anyone.")
    proven = _direct(quotes, "It is clearly proven that they do not work")
    assert proven.speaker == "Nicolás Zevallos Trigoso"
    assert len([q for q in quotes if q.kind == "direct"]) == 3


def test_scare_quotes_and_titles_are_not_quotes(seed: tuple[Doc, ArticleContext]) -> None:
    doc, ctx = seed
    texts = " | ".join(q.quote.lower() for q in extract_quotes(doc, ctx) if q.kind == "direct")
    for phrase in ("war on crime", "drop-by-drop", "gota a gota"):
        assert phrase not in texts


def test_seed_paraphrases(seed: tuple[Doc, ArticleContext]) -> None:
    doc, ctx = seed
    paraphrases = [q for q in extract_quotes(doc, ctx) if q.kind == "paraphrase"]
    added = [q for q in paraphrases if q.quote.startswith("small criminal groups")]
    assert [(q.speaker, q.cue) for q in added] == [("Nicolás Zevallos Trigoso", "added")]
    according = [q for q in paraphrases if q.cue == "according to"]
    assert [q.speaker for q in according] == ["Nicolás Zevallos Trigoso"]


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ('"We will win this war," said Carlos Mendoza, the mayor.', "Carlos Mendoza", "said"),
        ("Carlos Mendoza told reporters: “We will not negotiate with extortionists.”", "Carlos Mendoza", "told"),
        ("“The numbers are falling,” according to police chief Raúl Díaz.", "Raúl Díaz", "according to"),
        ("“We are winning the fight against crime,” Pedro Castillo quipped.", "Pedro Castillo", "quipped"),
        ("“We need help from the state right now.” ― Carmen López", "Carmen López", "―"),
        ('"We are going to win Ohio big," Trump gushed at a rally.', "Trump", "gushed"),
        ('"It is a disgrace to the party," tweeted Senator Ben Sasse.', "Ben Sasse", "tweeted"),
        ('"This is a real problem for us," Zorbatron Kweller said.', "Zorbatron Kweller", "said"),
        ('"Clinton lied to the FBI about her emails," Pence said.', "Pence", "said"),
        ('"We will win this state," Trump, who spoke for an hour, said.', "Trump", "said"),
        (
            "The mayor, Bill de Blasio, said in a statement: “New York will not be intimidated.”",
            "Bill de Blasio",
            "said",
        ),
        (
            "Carlos Mendoza, the mayor of Lima since 2023, spoke on Monday. “It is alarming,” he said.",
            "Carlos Mendoza",
            "said",
        ),
        # the comma is missing or a full stop closes the quote: a bare attribution still counts
        ("“We will not raise the fares this year” Ana Quispe said.", "Ana Quispe", "said"),
        ("“We will not raise the fares this year.” Ana Quispe said.", "Ana Quispe", "said"),
        # a verb opening the attribution is a speech verb, listed or not
        ("“Give the drivers one more week, please,” pleaded Ana Quispe.", "Ana Quispe", "pleaded"),
        # colon leads without a speech verb
        ("Carlos Mendoza was blunt: “The fares will not go up this year.”", "Carlos Mendoza", "was"),
        ("Ana Quispe’s reply: “The fares will not go up this year.”", "Ana Quispe", "reply"),
        ("Quispe on the strike: “The fares will not go up this year.”", "Quispe", ":"),
        ("Carlos Mendoza, in a statement: “The fares will not go up this year.”", "Carlos Mendoza", ":"),
        ("A letter from Carlos Mendoza said: “The fares will not go up this year.”", "Carlos Mendoza", "said"),
        # a quote signed on its own line
        ("“The fares will not go up this year.”\n\n— Ana Quispe, in Cusco", "Ana Quispe", "―"),
        # a named subject of any main verb taking the quote as its argument
        ("Ana Quispe attacked “the cartel of bus owners that runs this city.”", "Ana Quispe", "attacked"),
        ("Ana Quispe likened the new law to “a blank check for the bus owners.”", "Ana Quispe", "likened"),
        ("Carlos Mendoza attacked the bus owners, calling them “a cartel of thieves.”", "Carlos Mendoza", "calling"),
        # two capitalised sentences are speech, not a title
        ("“Big Daddy. The Donald.” Melanie Ruiz said.", "Melanie Ruiz", "said"),
        # a role word before the name is not part of it
        ("“The fares will not go up this year,” union spokesman Ana Quispe said.", "Ana Quispe", "said"),
        # a short phrase a role-and-name subject likens something to, and one after "as X put it"
        (
            'Another critic, Laurence H. Tribe, likened the rules to "burning the Constitution" - a charge '
            "that stung.",
            "Laurence H. Tribe",
            "likened",
        ),
        ("The plan was, as the mayor Carlos Mendoza put it in a speech, “a total disaster.”", "Carlos Mendoza", "put"),
        (
            'Carlos Mendoza described his appearance on Wednesday as "more daunting by a long way" than the final.',
            "Carlos Mendoza",
            "described his appearance on Wednesday as",  # the words describe his appearance, not all he said
        ),
        # the speech verb's own adverbials between it and the quote
        (
            "The spot ends with footage of Carlos Mendoza saying during the debate last week, “That makes me "
            "smart,” when his rival attacked him.",
            "Carlos Mendoza",
            "saying",
        ),
    ],
)
def test_attribution_forms(text: str, speaker: str, cue: str) -> None:
    doc, ctx = parse(text)
    quote = [q for q in extract_quotes(doc, ctx) if q.kind == "direct"][0]
    assert (quote.speaker, quote.cue) == (speaker, cue)


def test_colon_paragraph_and_open_quote_continuation() -> None:
    doc, ctx = parse('Carlos Mendoza said:\n\n"The first part is long enough.\n\n"The second part goes on."')
    quotes = [(q.speaker, q.quote) for q in extract_quotes(doc, ctx) if q.kind == "direct"]
    assert quotes == [
        ("Carlos Mendoza", "The first part is long enough."),
        ("Carlos Mendoza", "The second part goes on."),
    ]


def test_quote_paragraph_continues_the_previous_speaker() -> None:
    assert speakers(
        "“The fares will stay,” Ana Quispe said.\n\n“Nobody in Cusco should pay more for a bus.”"
    ) == ["Ana Quispe", "Ana Quispe"]
    # a paragraph that goes on after the attribution hands the floor to nobody in particular
    assert speakers(
        "“The fares will stay,” Ana Quispe said. The drivers disagreed. Many went on strike for a week."
        "\n\n“Nobody in Cusco should pay more for a bus.”"
    ) == ["Ana Quispe", None]


def test_quote_right_before_an_attributed_quote_shares_its_speaker() -> None:
    assert speakers(
        "“The fares will stay.” “Nobody should pay more for a bus,” Ana Quispe said."
    ) == ["Ana Quispe", "Ana Quispe"]


def test_open_quote_paragraph_takes_the_attribution_of_its_continuation() -> None:
    text = "“The fares will stay the same for everyone this year.\n\n“Nobody should pay more,” Ana Quispe said."
    assert speakers(text) == ["Ana Quispe", "Ana Quispe"]
    # a closing mark went missing before the first quote's own attribution: it borrows nothing
    assert speakers(
        "“The fares will stay, Luis Castillo said.\n\n“Nobody should pay more,” Ana Quispe said."
    ) == [None, "Ana Quispe"]


def test_reversed_quote_marks_still_pair() -> None:
    doc, ctx = parse("”The fares will stay the same this year.” ― Ana Quispe\n\n“Nobody pays more,“ said Ana Quispe.")
    quotes = [(q.speaker, q.quote) for q in extract_quotes(doc, ctx) if q.kind == "direct"]
    assert quotes == [
        ("Ana Quispe", "The fares will stay the same this year."),
        ("Ana Quispe", "Nobody pays more"),
    ]


def test_pronoun_after_a_person_introduced_with_a_role_who_is_not_the_subject() -> None:
    assert speakers(
        "Carlos Mendoza won the vote, which worries Luis Castillo, president of the drivers union."
        "\n\n“It is a bad day for Cusco,” he said."
    ) == [None]


def test_quote_after_a_sentence_naming_its_speaker() -> None:
    assert speakers("Ana Quispe disagreed. “The fares will not go up in Cusco this year.”") == ["Ana Quispe"]


def test_not_attributions() -> None:
    texts = [
        "“We will not raise the fares this year.” Ana Quispe said the drivers would strike.",
        "The agency sent its inspectors into “a very crowded bus depot in the north” last week.",
        'Her column, "Ana, tell your story to the city," is moving.',
        '<post author="Ana Quispe said" id="7">The fares will stay the same.</post>',
    ]
    for text in texts:
        assert [s for s in speakers(text) if s] == [], text


def test_pronoun_refers_to_a_previous_speaker_the_model_did_not_tag() -> None:
    doc, ctx = parse('"This is a real problem," Zorbatron Kweller said.\n\n"It is also costly," he added.')
    assert [q.speaker for q in extract_quotes(doc, ctx)] == ["Zorbatron Kweller", "Zorbatron Kweller"]


def test_pronoun_without_a_clear_person_stays_unattributed() -> None:
    assert speakers(
        "The report was written by Carlos Mendoza and Luis Castillo.\n\n“It is alarming,” she said."
    ) == [None]
    assert speakers("“Nothing will change in this city,” he said.") == [None]


def test_quote_after_a_sentence_reporting_its_speaker() -> None:
    assert speakers(
        "Mayor Ana Quispe said the fares would stay “at the same level for the whole year”. "
        "“Nobody in Cusco should pay more for a bus.” The drivers plan a strike."
    ) == ["Ana Quispe"]  # the fragment “at the same level …” is shown in its clause, a paraphrase
    # across a paragraph break, and for a quote that carries on without its closing mark
    assert speakers(
        "Luis Castillo told the council that the plan was ready.\n\n"
        '"We have waited long enough. "The buses will run on time from Monday."'
    ) == ["Luis Castillo"] * 2
    # a sentence that reports nobody's words hands the floor to nobody
    assert speakers(
        "Ana Quispe won the vote in March. “Nobody in Cusco should pay more for a bus.” The drivers left."
    ) == [None]


def test_pronoun_refers_to_a_speaker_the_model_does_not_tag() -> None:
    assert speakers(
        "Prices rose in March. Parul Jain, an economist at a bank in Lima, said spending would rise in 2026. "
        "“Consumers continue to retain their strength,” he said."
    ) == ["Parul Jain"]


def test_pronoun_reaches_past_the_speakers_own_quote_and_chains() -> None:
    assert speakers(
        'Carlos Mendoza said the drivers were tired. "We are like any family. Sometimes we argue. '
        'But we stay together. "Nobody else does it for me," he said.'
    ) == ["Carlos Mendoza"] * 2
    assert speakers(
        "The new law was praised by Carlos Mendoza, the mayor of Lima.\n\n"
        "But he also thinks that Ana Quispe's plan will fail. “It will not work in Cusco,” he said."
    ) == ["Carlos Mendoza"]


def test_pronoun_refers_to_a_person_not_a_name_used_as_a_modifier() -> None:
    assert speakers(
        "Her role as a driver in the film has led to an Oscar nomination. She said: “I never expected this.”"
    ) == [None]
    assert speakers(
        "Union spokeswoman Ana Quispe collected the award from singer Rosa Vega. "
        "She told the audience: “We never expected this at all.”"
    ) == ["Ana Quispe"]


def test_a_name_with_digits_is_no_one_a_pronoun_refers_to() -> None:
    assert speakers("Doctors said the H1N1 strain would spread in Lima. “There will be more cases,” he said.") == [None]


def test_pronoun_after_an_unnamed_speaker_stays_unattributed() -> None:
    assert speakers(
        "“The fares are fair,” said Carlos Mendoza. One driver, who asked not to be named, told reporters "
        "the strike would go on. “We will not stop until they listen,” he said."
    ) == ["Carlos Mendoza", None]


def test_it_said_speaks_for_the_organisation_just_named() -> None:
    assert speakers(
        "The Lima Chamber of Commerce welcomed the new law. “This is the best of both worlds,” it said."
    ) == ["Lima Chamber of Commerce"]
    assert speakers(
        "“The fares will stay,” the Lima Chamber of Commerce said in a statement. “Nobody will pay more,” it said."
    ) == ["Lima Chamber of Commerce"] * 2
    assert speakers("The plan was approved in March. “It is the best of both worlds,” it said.") == [None]


def test_quoted_words_inside_reported_speech_belong_to_the_reporter() -> None:
    doc, ctx = parse(
        "The IMF said Peru's economy started to grow thanks to a “strong recovery in mining and local services”."
    )
    # shown in its clause, so that it reads as a statement: "IMF said that Peru's economy started to grow …"
    assert [(q.speaker, q.cue, q.quote) for q in extract_quotes(doc, ctx)] == [
        ("IMF", "said", "Peru's economy started to grow thanks to a “strong recovery in mining and local services”")
    ]


def test_honorific_and_role_words_do_not_split_or_hide_a_speaker() -> None:
    assert speakers(
        "James Seller, head of the drivers union, spoke on Monday.\n\n"
        '"The fares will go up," said Mr Seller. "We expect more strikes," chairman and chief executive '
        "Richard Parsons said."
    ) == ["James Seller", "Richard Parsons"]


@pytest.mark.parametrize(
    ("text", "not_speaker"),
    [
        # the lead sentence's subject asked, or was told: the quote after it is someone else's answer
        ("Reporters asked Carlos Mendoza whether he would resign. “I will not step down from this post.”", "Reporters"),
        (
            "Carlos Mendoza was told by police that the case was closed. “We cannot say more at this stage.”",
            "Carlos Mendoza",
        ),
        # a quote paragraph that goes on to say whose words they were
        (
            "The government said the plan would proceed.\n\n“We will fight this in court.” "
            "That was the message from union leader Maria Lopez.",
            "The government",
        ),
        # words quoted inside reported speech belong to whoever the clause says spoke them
        (
            "Carlos Mendoza said Ana Quispe had called the plan “a disaster for every driver in Cusco”.",
            "Carlos Mendoza",
        ),
        # "it" with two organisations in the sentence before
        (
            "The Lima Chamber of Commerce welcomed the new law, Reuters reported. “This is a good day,” it said.",
            "Reuters",
        ),
        # "he" does not take over the person a "she" referred to
        ("Ana Quispe spoke first. She said the plan was ready. “We will go ahead with it,” he said.", "Ana Quispe"),
        # the widow of a man is not the man
        ("“We will never forget him,” the widow of Carlos Mendoza said. Mendoza died in May.", "Carlos Mendoza"),
    ],
)
def test_attributions_that_must_not_be_made(text: str, not_speaker: str) -> None:
    assert not_speaker not in speakers(text)


def test_nested_curly_quote_stays_one_quote() -> None:
    assert speakers("“It was over. “Go home,” he told me. I left,” said Carlos Mendoza.") == ["Carlos Mendoza"]


def test_speaker_never_comes_from_inside_the_quote() -> None:
    found = speakers("“Keiko Fujimori said she would win the election,” the analyst wrote.")
    assert found and "Keiko Fujimori" not in found


def test_paraphrase_is_marked() -> None:
    doc, ctx = parse("Carlos Mendoza said that the police would patrol the market every night.")
    quotes = extract_quotes(doc, ctx)
    assert [(q.kind, q.speaker, q.quote) for q in quotes] == [
        ("paraphrase", "Carlos Mendoza", "the police would patrol the market every night")
    ]


# --- roles ------------------------------------------------------------------------------------


def test_seed_roles(seed: tuple[Doc, ArticleContext]) -> None:
    doc, ctx = seed
    roles = {(r.name, r.role) for r in extract_roles(doc, ctx)}
    assert {
        ("José Jerí", "president"),
        ("José Jerí", "Somos Perú party"),
        ("Sebastián Flores", "general manager of the National Criminology Consultancy"),
        ("Nicolás Zevallos Trigoso", "former public security vice minister"),
        ("Nicolás Zevallos Trigoso", "director of the Institute of Criminology"),
        ("Manuel Merino", "former president"),
    } <= roles
    assert all(re.search(r"\d|sixth|since", role) is None for _, role in roles)


def test_roles_from_titles_and_appositions() -> None:
    doc, ctx = parse("Interior Minister Juan Pérez, a former police general, visited the prison.")
    roles = {(r.name, r.role) for r in extract_roles(doc, ctx)}
    assert roles == {("Juan Pérez", "interior minister"), ("Juan Pérez", "former police general")}


def test_pronoun_takes_the_person_whose_given_name_fits() -> None:
    text = "The report praised Janet Quispe and Richard Mendoza for their work. “We are ready for the outbreak,”"
    assert speakers(text + " she said.") == ["Janet Quispe"]
    assert speakers(text + " he said.") == ["Richard Mendoza"]
    # the grammar picks the subject; a given name that rules her out leaves nobody, not the other person
    assert speakers(
        "Health minister Janet Quispe met mayor Richard Mendoza in Lima. “We are ready,” he said."
    ) == [None]


def test_pronoun_reaches_a_person_named_as_the_complement() -> None:
    assert speakers(
        "The festival director is Matthew Warchus, who once worked with Peter Jackson. "
        "“The production will be a hybrid of text and music,” he said."
    ) == ["Matthew Warchus"]


def test_it_follows_a_chain_of_it_back_to_the_organisation() -> None:
    assert speakers(
        "The Lima Metro Company could now face a fine of 200,000 soles. Last week, it denied that its trains "
        "broke the rules. “The company has always abided by the law,” it said."
    ) == ["Lima Metro Company"]


def test_quotes_of_an_article_without_paragraph_breaks_keep_their_own_speakers() -> None:
    doc, ctx = parse(
        "“We are ready for the outbreak,” Ana Quispe said. The health minister, Carlos Mendoza, said the country "
        "was on alert. A hospital spokesman said: “I can confirm there are no cases in this hospital.”"
    )
    quotes = [q for q in extract_quotes(doc, ctx) if q.kind == "direct"]
    assert [(q.speaker, q.quote) for q in quotes] == [
        ("Ana Quispe", "We are ready for the outbreak"),
        ("A hospital spokesman", "I can confirm there are no cases in this hospital."),
    ]


def test_a_statement_speaks_for_its_author_and_a_title_for_the_name_beside_it() -> None:
    assert speakers("“We will keep the fares where they are,” a Lima Metro statement read.") == ["Lima Metro"]
    assert speakers(
        "The President of the Lima Chamber, Jorge Salas, said “the city stands ready to help us all”."
    ) == ["Jorge Salas"]


def test_quote_paragraph_reopened_mid_way_continues_the_previous_speaker() -> None:
    assert speakers(
        '"It is very difficult, there are many displaced," stated Joaquim Sahundi, head of tracing in Huambo.\n\n'
        '"As they try to go back home, others are trying to find their relatives. "When people cross these '
        'areas, they step on mines." The Red Cross also runs four daily radio broadcasts.'
    ) == ["Joaquim Sahundi"] * 3


def test_a_source_quoting_someone_as_saying_is_not_the_speaker() -> None:
    text = '"We will have to cut costs wherever we can," the paper quoted LATAM chief Ana Quispe as saying.'
    assert speakers(text) == ["Ana Quispe"]


def test_someone_reading_in_a_side_clause_still_speaks() -> None:
    assert speakers(
        "“We will fight this,” Carlos Mendoza, reading from a prepared statement, told reporters."
    ) == ["Carlos Mendoza"]


def test_colon_lead_names_the_author_of_what_is_read_and_the_speaker_of_its_last_verb() -> None:
    assert speakers(
        'At the memorial, Mayor Ana Quispe read a message from President José Jerí: "To you I say: we are with '
        'you in spirit. We will never forget you."'
    ) == ["José Jerí"]
    assert speakers(
        "Carlos Mendoza spoke in Lima on Monday. Asked whether he thought the BBC should have screened the musical "
        'he said: "I do not know if they should have had it on television at all."'
    ) == ["Carlos Mendoza"]


@pytest.mark.parametrize(
    ("text", "not_speaker"),
    [
        # the given name rules the only person out
        ("Richard Mendoza spoke on Monday. “We will not raise the fares this year,” she said.", "Richard Mendoza"),
        # someone who reads out another person's words does not speak them
        (
            "Actress Rosa Vega read out his acceptance speech. “I am honoured and proud to receive this award.”",
            "Rosa Vega",
        ),
        # a given name ruling out the nearest person does not send "he" further back
        (
            "Coach Dan Evans picked the team. Ashley Cole returned at left back. “I am happy to play,” he said.",
            "Dan Evans",
        ),
        # an organisation named after a given name is no "she"
        (
            "Residents complained. Georgia Power said repairs would take a week. “We apologise,” she said.",
            "Georgia Power",
        ),
        # a surname used as an ordinary word is no mention
        (
            "The club chairman, Alan Long, announced the new stadium in March. On Saturday the manager, Tom Hart, "
            "watched the first match there. Long queues formed outside the gates. “It was a special day,” he said.",
            "Alan Long",
        ),
        # a dummy "it" does not carry the organisation to the next "it said"
        (
            "Ofcom fined Vodafone £4 million on Monday. It was the largest penalty the regulator has imposed. "
            "“We will appeal this decision,” it said.",
            "Ofcom",
        ),
        # a day or a platform before a document is not its author
        ("A Friday statement from the union said: “This is a betrayal of workers.”", "Friday"),
        ("A Twitter post by the company said: “We are thrilled with the result.”", "Twitter"),
        # a common noun the parser takes for a name is no one a pronoun refers to
        (
            "Carlos Mendoza said swine flu responds well to treatment. “It is best to play safe,” he said.",
            "flu",
        ),
    ],
)
def test_more_attributions_that_must_not_be_made(text: str, not_speaker: str) -> None:
    assert not_speaker not in speakers(text)


def test_a_one_word_surname_says_nothing_about_gender_but_a_lone_given_name_does() -> None:
    # "Clinton" is also a man's given name; alone it is a surname and does not rule out "she"
    assert speakers("Clinton criticized the police chief on Tuesday. “This is just unbearable,” she said.") == [
        "Clinton"
    ]
    # "Mia" is no surname: "he" cannot be her
    assert speakers("Rescuers pulled Mia out of the rubble on Tuesday. “It was a miracle,” he said.") == [None]


def test_a_named_speaker_the_parser_reads_as_a_common_noun_is_still_named() -> None:
    assert speakers(
        "Paul Matthews spoke on Tuesday.\n\nMatthews said Pence’s performance should boost the party’s numbers."
        "\n\n“I thought he was very effective at securing the flank. And I think that may matter,” he said."
    ) == ["Paul Matthews"]


def test_the_subject_of_a_while_clause_does_not_compete_with_a_person_introduced_by_role() -> None:
    assert speakers(
        "While Luis Castillo had the unions behind him, the plan has stalled, which is something that worries "
        "Carlos Mendoza, president of the drivers union.\n\n“Nobody is listening to us,” he said."
    ) == ["Carlos Mendoza"]


def test_a_surname_two_people_of_the_article_share_is_neither_unless_mr_or_mrs_says_which() -> None:
    lead = "Former mayor Richard Mendoza campaigned in Cusco for his wife, Janet Mendoza.\n\n"
    assert speakers(lead + "“The fares will not go up this year,” Mendoza said.") == ["Mendoza"]
    assert speakers(lead + "“The fares will not go up this year,” Mrs. Mendoza said.") == ["Janet Mendoza"]
    assert speakers(lead + "“The fares will not go up this year,” Mr Mendoza said.") == ["Richard Mendoza"]
    # one man named twice is still one man
    assert speakers(
        "Donald Trump spoke in Ohio. Donald J. Trump later flew to Texas.\n\n“We will win,” Trump said."
    ) == ["Donald J. Trump"]


def test_a_family_is_no_one_she_refers_to() -> None:
    assert speakers(
        "Richard Mendoza and his wife Janet Mendoza wrote to the paper. The latest clash between the Mendozas "
        "dominated the news. “What is happening is grave,” she added."
    ) == [None]


def test_a_sentence_opening_with_he_is_about_him_however_the_parser_hangs_it() -> None:
    assert speakers(
        "“It is something you would be a fool not to prepare for,” Don Fowler said in an interview on Monday. "
        "He added a note of caution, should Clinton attempt an expeditious return to the campaign trail.\n\n"
        "“She better get well before she gets back out there,” he said."
    ) == ["Don Fowler", "Don Fowler"]


def test_two_roles_joined_by_and_before_a_name_are_one_person() -> None:
    assert speakers(
        "“Our nominees reflect the growing strength of our films,” said festival founder and director "
        "Carlos Mendoza. Commenting on the films, he added: “Our committee had a harder time than ever.”"
    ) == ["Carlos Mendoza", "Carlos Mendoza"]
    # a name joined to another name is a second speaker, not the first one's role
    assert speakers("“The fares will go up this year,” said Jerí and director Carlos Mendoza.") != ["Carlos Mendoza"]


def test_a_name_the_parser_reads_as_a_modal_before_said() -> None:
    found = speakers(
        "Guitarist Brian May has said he expects to be on the road with drummer Roger Taylor from April. "
        "May said: “Suddenly the band is rising again from the ashes and will take over our lives.”"
    )
    assert len(found) == 1 and found[0] is not None and found[0].endswith("May")


def test_a_quote_right_after_a_colon_led_quote_continues_it_but_not_past_a_new_lead() -> None:
    assert speakers(
        "Accepting the prize, Janet Quispe said: “I do not know what to say. I thank my family.” "
        "“I feel sick right now, thank you all for voting for me.” Viewers of the channel voted online."
    ) == ["Janet Quispe", "Janet Quispe"]
    found = speakers(
        "Student Janet Quispe admitted: “I came to see the band because of the row.” “I am pretty impressed "
        "with them.” Less impressed were fellow students Luis Castillo and Carlos Mendoza, who observed, "
        "“The band has clearly progressed, but they are still not very inspiring.”"
    )
    assert found[:2] == ["Janet Quispe", "Janet Quispe"] and found[2] != "Janet Quispe"


def test_the_person_spoken_to_is_a_listener_not_the_speaker() -> None:
    assert speakers(
        "Development minister Carlos Mendoza spoke to Richard Castillo about the aid effort in Cusco. "
        "“The rescue teams we are sending are exactly what is required,” he said."
    ) == ["Carlos Mendoza"]


def test_he_looks_past_a_sentence_about_her_that_names_nobody_else() -> None:
    text = (
        "Richard Mendoza has three children with Janet Castillo. He has been in trouble with her before. "
        "Two years ago, she criticised him for flirting at a party. He later issued a public apology, "
        "saying: “I beg you to forgive me, please.”"
    )
    assert speakers(text) == ["Richard Mendoza"]
    # a sentence about her that names someone else leaves "he" open
    assert speakers(
        "Janet Castillo met reporters. “Are we winning?” she said, but Luis Castillo was asleep, and as Richard "
        "Mendoza went on about the plan, she clapped.\n\n“I love you all,” he said."
    ) == ["Janet Castillo", None]


def test_a_persons_name_alone_before_a_colon_introduces_their_words() -> None:
    assert speakers("The debate was heated.\n\nCarlos Mendoza: “We have a plan and we will carry it out.”") == [
        "Carlos Mendoza"
    ]
    assert speakers("The debate was heated.\n\nLIMA: “We have a plan and we will carry it out.”") == [None]


def test_quoted_as_saying_in_the_passive_and_a_capitalised_role_beside_a_name() -> None:
    doc, ctx = parse(
        "Carlos Mendoza was quoted as saying that it was key to bring aid “in those vital hours and days "
        "immediately after the disaster”."
    )
    assert [q.speaker for q in extract_quotes(doc, ctx)] == ["Carlos Mendoza"]
    assert speakers(
        "“The airport is now overwhelmed by cargo flights,” said UN Assistant Secretary General for "
        "Peacekeeping Operations, Carlos Mendoza."
    ) == ["Carlos Mendoza"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sentence opening with "He" inside words someone else reports is not about him
        (
            "Luis Castillo left the union in March. He was never a real leader, Carlos Mendoza told reporters "
            "on Monday. “We are better off without him,” he said.",
            ["Carlos Mendoza"],
        ),
        # "James" alone is a boy's name, whatever the surname lists say
        ("Rescuers pulled James out of the rubble on Tuesday. “It was a miracle,” she said.", [None]),
        # the answer to a question is not the asker's
        (
            "At the hearing, Carlos Mendoza asked Luis Castillo: “Did you sign the contract?” “No, I never saw it.”",
            ["Carlos Mendoza", None],
        ),
        # "Mrs." chooses her for that mention only; the verb "miss" is no title
        (
            "Former mayor Richard Mendoza campaigned in Cusco for his wife, Janet Mendoza.\n\n“The fares will "
            "stay,” Mrs. Mendoza said. “Nobody pays more,” Mendoza said.",
            ["Janet Mendoza", "Mendoza"],
        ),
        (
            "Bill Clinton and Hillary Clinton spoke in Ohio. Voters will miss Clinton. “It was an honour to "
            "serve,” Clinton said.",
            ["Clinton"],
        ),
        # a title before a full name keeps the exact name
        (
            "Luis Castillo spoke in Cusco on Monday. His cousin José Luis Castillo spoke in Lima on Tuesday. "
            "“We will win the vote,” said Mr. Luis Castillo.",
            ["Luis Castillo"],
        ),
        # two Georges with different middle names are two men
        ("George H.W. Bush met George W. Bush in Texas. “We had a good talk about the war,” Bush said.", ["Bush"]),
        # words the text says were not theirs
        (
            "Carlos Mendoza was falsely quoted as saying that the plan was “a total disaster for everyone in the "
            "city of Lima”.",
            [None],
        ),
        # "she" fired someone unnamed, who may be the "he"
        (
            "Richard Mendoza founded the firm and Janet Castillo now runs it. She fired the manager last week. "
            "“I did nothing wrong,” he said.",
            [None],
        ),
        # a given name rules Melanie out, but "Trump" (tagged as an organisation) may be the "he"
        (
            "Kevin was drifting off again, and as Trump went on about the rigged system, Melanie clapped.\n\n"
            "“I love you all,” he said.",
            [None],
        ),
        # the main subject after a clause with another subject: either may be "he"
        (
            "After Carlos Mendoza criticised the plan on Monday, Luis Castillo withdrew it. “The plan was a "
            "disaster from the start,” he said.",
            [None],
        ),
    ],
)
def test_hard_cases_get_the_right_speaker_or_none(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "not_speaker"),
    [
        # an "as X said" aside inside someone else's words, or inside a denial
        ("Carlos Mendoza told the board, just as Luis Castillo had predicted, “we are done with this plan.”",
         "Luis Castillo"),
        ("Carlos Mendoza never said, as critics claim, “lock her up.”", "critics"),
        # the quote sits in a clause after the "as" clause, not right after it
        ("As Jane Doe told Carlos Mendoza, who replied “not a chance,” the deal was dead.", "Jane Doe"),
        ("The vote failed, as Jane Doe noted, despite the governor's “all-out campaign.”", "Jane Doe"),
        # someone else's words or the writer's label, under a verb that is not speech
        ("The company's chief executive, Jane Doe, rejected the union's “final offer” on Tuesday.", "Jane Doe"),
        ("Another critic, Jane Doe, dismissed the so-called “reform package” as a gimmick.", "Jane Doe"),
        ("Senator Carlos Mendoza reacted to “being called a traitor” with a shrug.", "Carlos Mendoza"),
        # words denied, not said
        ("Carlos Mendoza denied ever saying during the campaign, “I will raise taxes on every family.”",
         "Carlos Mendoza"),
        ("Carlos Mendoza did not write in his 2019 memoir, “The city is finished for good.”", "Carlos Mendoza"),
        # a thing is not someone the writer sets up to speak
        (": The album Exodus came out in 1977 and gave him five hits. “By 1979 he was the biggest touring "
         "attraction in the world.”", "Exodus"),
    ],
)
def test_words_the_text_does_not_give_to_that_speaker(text: str, not_speaker: str) -> None:
    assert not_speaker not in speakers(text)


def test_an_answer_to_a_rhetorical_question_is_not_borrowed_from_the_next_speaker() -> None:
    found = speakers(
        "Carlos Mendoza told the rally: “Who will pay for this tax cut?” “The workers will pay for it.” "
        "“That is simply false,” Jane Doe replied."
    )
    assert found[0] == "Carlos Mendoza" and found[1] != "Jane Doe" and found[2] == "Jane Doe"


def _titled(title: str, body: str, published: date) -> tuple[Doc, ArticleContext]:
    """A small article under its own headline."""
    doc = get_nlp()(title + "\n\n" + body)
    return doc, make_context(doc, published)


def test_relative_years_count_from_the_year_a_review_is_about() -> None:
    """A review of 2019 published in March 2020: its "this year" is 2019, not the publication year."""
    body = ("Violence in the port city this year was marked by the split of the gangs. "
            "Extortion rose sharply compared with last year. The mayor promised new patrols for next year.")
    doc, ctx = _titled("Port Violence: 2019 Crime Figures in Coastal Cities", body, date(2020, 3, 5))
    assert [(e.text, e.date) for e in extract_events(doc, ctx)] == [
        ("this year", "2019"), ("last year", "2018"), ("next year", "2020")]


def test_relative_years_off_the_timeline_when_the_headline_names_another_year() -> None:
    """Ten years after a 2010 quake, "this year" may be either year: no line rather than a wrong date."""
    body = ("So far this year the reconstruction fund has paid for 200 houses. "
            "The census will be taken in May next year.")
    doc, ctx = _titled("Ten Years After the 2010 Earthquake, a City Rebuilds", body, date(2020, 1, 12))
    assert extract_events(doc, ctx) == []
    doc, ctx = _titled("A City Rebuilds", body, date(2020, 1, 12))
    assert [e.date for e in extract_events(doc, ctx)] == ["2020", "2021-05"]


def test_month_without_year_in_a_review_is_dated_only_when_unambiguous() -> None:
    """In a March 2020 review of 2019, "in November" is November 2019; "in February" could be either."""
    body = "In November, protesters blocked the highway. In February, the new minister took office."
    doc, ctx = _titled("2019 in Review: Protests and Prisons", body, date(2020, 3, 5))
    assert [(e.text, e.date) for e in extract_events(doc, ctx)] == [("November", "2019-11")]


def test_a_year_before_a_name_still_dates_its_thing_but_a_day_in_a_name_is_no_date() -> None:
    doc, ctx = parse("The virus spread faster than the 1968 Hong Kong flu. The 17 February Coalition met in Benghazi.")
    assert [(e.text, e.date) for e in extract_events(doc, ctx)] == [("1968", "1968")]
