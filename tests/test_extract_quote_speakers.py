"""Quotes read across the paragraph, what is not a quote, and who can be a speaker.

A reporter reading a quote line wants the person who said it, or "unattributed" when the text does not
say: never a guess, never a headline or a label in quote marks, never "West" or "The current head". The
texts are written for these tests, in the style of tests/test_extract_facts.py.
"""

from __future__ import annotations

import pytest
from test_extract_facts import parse, speakers

from bot.answer.format import quote_line
from bot.extract.quotes import extract_quotes


def _directs(text: str) -> list[tuple[str | None, str]]:
    """(speaker, quote) of each direct quote of a text, in order."""
    doc, ctx = parse(text)
    return [(q.speaker, q.quote) for q in extract_quotes(doc, ctx) if q.kind == "direct"]


# --- 1. attribution across the paragraph ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sentence of reported speech closed by ", said Name." introduces the quote after it
        (
            "The leak could go on until August, said Admiral Carl Brennan, the incident commander.\n\n"
            "“Even if it works, this is only a temporary and partial fix for the well.”",
            ["Carl Brennan"],
        ),
        # a sentence opening "According to Name," reports that name's words
        (
            "According to Admiral Carl Brennan, the leak could go on until August. "
            "“Even if it works, this is only a temporary and partial fix for the well.”",
            ["Carl Brennan"],
        ),
        # "according to Name" in the middle of the sentence before
        (
            "There have been exceptions such as the Loza clan, according to Ana Quispe, who studies the gangs. "
            "“There are several elements keeping the gang out of the country.”",
            ["Ana Quispe"],
        ),
        # a quote signed with a plain-text dash
        ("The company played down the spill. “The gulf is a very big ocean” -- Martin Hale", ["Martin Hale"]),
        ("The company played down the spill. “The gulf is a very big ocean.” - Martin Hale, chief executive.",
         ["Martin Hale"]),
        # a colon lead whose last clause is reported speech: its speech verb's subject speaks
        (
            "Admiral Carl Brennan told reporters the leak could go on until August: “Even if it works, this is "
            "only a temporary fix for the well.”",
            ["Carl Brennan"],
        ),
    ],
)
def test_a_quote_takes_the_speaker_the_sentence_before_gives_it(text: str, expected: list[str]) -> None:
    assert speakers(text) == expected


def test_a_quote_with_its_own_bare_attribution_does_not_continue_the_previous_speaker() -> None:
    assert _directs(
        "The company played down the spill. “The gulf is a very big ocean,” Martin Hale said. "
        "“The spill is tiny compared with it.” Jane Doe said."
    ) == [("Martin Hale", "The gulf is a very big ocean"), ("Jane Doe", "The spill is tiny compared with it.")]
    # "He said." names nobody new: the quote still goes on with the previous speaker
    assert speakers(
        "“The gulf is a very big ocean,” Martin Hale said. “The spill is tiny compared with it.” He said."
    ) == ["Martin Hale"]


@pytest.mark.parametrize(
    "text",
    [
        # a sentence about something else stands between the attribution and the quote
        "The leak could go on until August, said Admiral Carl Brennan. Fishermen in the bay were angry about "
        "it. “Even if it works, this is only a temporary fix.”",
        # the sentence before gives its claim to one name and reports another's words
        "According to Carlos Mendoza, the leak could go on until August, the radio reported. “Even if it "
        "works, this is only a temporary fix.”",
        # the sentence before reports nobody's words
        "According to the charts, the leak could go on until August. “Even if it works, this is only a "
        "temporary fix.”",
    ],
)
def test_a_quote_the_text_does_not_attribute_stays_unattributed(text: str) -> None:
    assert speakers(text) == [None]


# --- 2. not quotes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Daily Post ran the headline “Gaddafi Fights Back As Rebels Retreat From The Coast” on Monday.",
        "The paper's front page read: “The war is over and the rebels have won it all.” Readers queued.",
        "Her new book, entitled “Why the war will never end for us”, sold well in Lima.",
        "The film, titled “Nobody leaves the city alive tonight”, opens on Friday.",
        "Download the “Women and Organized Crime in Latin America: Beyond Victims and Victimizers” report here.",
        # the writer's own rhetorical question
        "What will the government do now? “Will anyone in Lima ever pay for this mess?” The question hangs "
        "over the city.",
        # a scare-quoted label
        "Bolivia downgraded: “watch list”",
        "The State Department downgraded Bolivia to the “watch list” in March.",
    ],
)
def test_headlines_titles_questions_and_labels_are_not_quotes(text: str) -> None:
    assert _directs(text) == []


def test_a_quote_the_articles_correction_retracts_is_dropped() -> None:
    text = (
        "The interior minister, Carlos Mendoza, said: “The gangs run the prisons and we cannot stop them.” "
        "Ana Quispe said: “The buses will run on time from Monday.”\n\n"
        "Correction: an earlier version of this article wrongly quoted Carlos Mendoza as saying that the "
        "gangs run the prisons."
    )
    assert _directs(text) == [("Ana Quispe", "The buses will run on time from Monday.")]


# --- 3. speakers are people or bodies -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The West said: “Gaddafi must go now and there is no other way out of this.”", None),
        ("Newspapers said: “The war will be over by Christmas for everyone in the country.”", None),
        ("One said: “We will not leave until the leader goes and we have our rights.”", None),
        ("Niger (escape route) said: “The border is open and the convoys pass every night.”", None),
        ("The current head said: “We will not close the agency while the war goes on.”", None),
        (
            "The current head of the agency, Carlos Mendoza, said: “We will not close the agency while the war "
            "goes on.”",
            "Carlos Mendoza",
        ),
        ("The agency's current head said: “We will not close the agency while the war goes on.”",
         "The agency's current head"),
        # a role with its owner in a compound is someone; an acronym that is also a word is still a name
        ("“We will not close the station while the war goes on,” the former police chief said.",
         "the former police chief"),
        ("“We continued our strikes overnight on the command centres in Tripoli,” NATO said.", "NATO"),
        # a name with a lower-case particle is a name of several words
        ("In a statement, Health Minister Hatem el-Gabali said: “It is decided to close all the markets.”",
         "Hatem el-Gabali"),
        # a person "of" an outlet is the person; her surname alone is her full name
        ("“We will not leave the city at all,” said Blanca López of C9N News.", "Blanca López"),
        ("Blanca López of C9N News spoke in Lima. “This is our home and we will not go,” López said.",
         "Blanca López"),
        ("Drug trafficker Pedro Montenegro Paz wrote a letter in November. “He did not rest until he destroyed "
         "everything,” Montenegro wrote.", "Pedro Montenegro Paz"),
    ],
)
def test_speakers_are_people_or_bodies(text: str, expected: str | None) -> None:
    assert speakers(text) == [expected]


def test_a_caps_section_label_is_no_speaker() -> None:
    assert speakers("PHASE said: “We will push the troops into the city within a week.”") == [None]


# --- 4. one statement once ----------------------------------------------------------------------


def test_a_statement_given_as_paraphrase_and_direct_quote_is_listed_once() -> None:
    doc, ctx = parse(
        "Carlos Mendoza said the gangs run the prisons. “The gangs run the prisons,” Mendoza said on Monday."
    )
    assert [(q.kind, q.speaker) for q in extract_quotes(doc, ctx)] == [("direct", "Carlos Mendoza")]
    # a different claim of the same speaker stays
    doc, ctx = parse(
        "Carlos Mendoza said the buses would run on time. “The gangs run the prisons,” Mendoza said on Monday."
    )
    assert [q.kind for q in extract_quotes(doc, ctx)] == ["paraphrase", "direct"]


def test_a_role_whose_owner_the_sentence_gives_by_parallel_says_whose() -> None:
    """ "While the former head of the prison system claimed …, the current head admitted …": the current head
    is the prison system's, and the line says so; two owners of that role in one sentence leave it nobody's."""
    doc, ctx = parse("While the former head of the prison system claimed in May that extortion was rare, the current"
                     " head admitted that the signal blockers in the prisons are outdated.")
    said = {q.quote: q.speaker for q in extract_quotes(doc, ctx)}
    assert said["the signal blockers in the prisons are outdated"] == "the current head of the prison system"
    doc, ctx = parse("The former head of the prison system and the former head of the police said the blockers"
                     " were new, but the current head admitted that the signal blockers are outdated.")
    said = {q.quote: q.speaker for q in extract_quotes(doc, ctx)}
    assert not said.get("the signal blockers are outdated")


def test_a_lone_verb_after_a_question_still_attributes_it() -> None:
    """'“Why now?” Karim Aziz demanded.': a verb standing alone after a closed question is its attribution,
    though 'demand' is no speech verb; '“Keep him alive!” Badran then goes out of view' is not (see
    test_answer_who.py::test_a_card_holds_no_words_that_name_its_person)."""
    assert _directs("“Why now?” Karim Aziz demanded. The talks resumed on Monday.") == [("Karim Aziz", "Why now?")]
    assert speakers("“Keep him alive!” Omar Badran then goes out of view and shots ring out.") == [None]


# --- 5. who "she" is, who can speak, and lines that read as statements ----------------------------


def _all(text: str) -> list[tuple[str, str | None, str | None, str]]:
    """(kind, speaker, cue, words) of every quote and paraphrase of a text, in order."""
    doc, ctx = parse(text)
    return [(q.kind, q.speaker, q.cue, q.quote) for q in extract_quotes(doc, ctx)]


def test_she_is_never_a_name_inside_the_words_she_is_reported_saying() -> None:
    """A name in the clause before ", she told the lawmakers" is part of what she said, not who she is: the
    search goes on to the sentence before, and the next “...,” she said keeps the right speaker."""
    text = (
        "Foreign Minister Laura Benning told the committee that the region needs resources. "
        "Tarvia, where Omar Haddad is trying to crush a revolt, was an example of how the country must use its "
        "money to “protect our interests and advance our values,” she told the lawmakers. "
        "Laura Benning spoke a day after the government froze $30 billion in assets, stepping up pressure on Haddad. "
        "“We are taking no options off the table while the army turns its guns on its own people,” she said."
    )
    said = {words: who for _, who, _, words in _all(text)}
    assert said["protect our interests and advance our values"] == "Laura Benning"
    assert said["We are taking no options off the table while the army turns its guns on its own people"] == (
        "Laura Benning"
    )
    # a colon lead naming her opens the sentence: not words she is reported saying
    assert speakers("Senator Claire Hollis scolded him: “The experts are almost all against you on the three "
                    "products you called ‘miracles,’” she said.") == ["Claire Hollis"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Fuel prices fell. “Expectations are for more supply of condensate going forwards,” an oil trader said.",
         "an oil trader"),
        ("“After years of stability, the virus has jumped onto a fast track,” Nature magazine said.",
         "Nature magazine"),
    ],
)
def test_traders_and_magazines_can_speak(text: str, speaker: str) -> None:
    assert speakers(text) == [speaker]


def test_two_speakers_joined_by_and_each_keep_their_own_words() -> None:
    """ "A said X and B has said Y": the parser hangs B inside A's words; A's line stops before "and B"."""
    said = _all("Delta Pharma has said it expects a vaccine to be available by winter and Kessler International has "
                "said it is in full production of a vaccine.")
    assert [(who, words) for _, who, _, words in said] == [
        ("Delta Pharma", "it expects a vaccine to be available by winter"),
        ("Kessler International", "it is in full production of a vaccine"),
    ]


def test_page_furniture_run_into_a_sentence_is_no_speaker() -> None:
    """ "Last updated at 21:40 GMT … Minister Paul Darrow has said …": the stamp's "Last" is not who said it."""
    said = _all("13 June 2012 Last updated at 21:40 GMT Help French Foreign Minister Alain Fabre has said he will "
                "call on the UN Security Council to make the peace plan for Syria mandatory.")
    assert [who for _, who, _, _ in said] == ["Alain Fabre"]


def test_words_before_the_clauses_own_that_are_not_reported() -> None:
    """ "told reporters late on Monday that …": the time is of the telling; the line starts after "that"."""
    said = _all("Darrow told reporters late on Monday that Tarvia's prime minister had requested the return of the "
                "two jets.")
    assert said == [("paraphrase", "Darrow", "told reporters",
                     "Tarvia's prime minister had requested the return of the two jets")]


def test_a_title_alone_is_the_one_person_the_article_gives_it() -> None:
    """ "The prime minister told a news conference …" after "Prime Minister Paul Darrow": Darrow; "the
    spokesman" whose body the text does not give is nobody's."""
    said = _all("Malta refused to return the jets, Prime Minister Paul Darrow said. Malta rejected the request. "
                "The prime minister told a news conference he had approved aid missions from the island.")
    assert [(who, words) for _, who, _, words in said] == [
        ("Paul Darrow", "he had approved aid missions from the island")
    ]
    assert speakers("The envoy met the leaders on Monday. “The talks were constructive,” the spokesman said.") == [None]
    # a plural title is several people, not the first the article names
    said = _all("Senators Tom Reed and Ann Diaz wrote to the agency. The senators said the program was broken.")
    assert [who for _, who, _, _ in said] == ["The senators"]
    # another office is not the title: "the minister" after a prime minister and a minister for finance
    said = _all("Finance minister for Tarvia Alberto Ruiz and Prime Minister Paul Darrow met on Monday. "
                "The minister told reporters the budget would pass.")
    assert [who for _, who, _, _ in said] != ["Paul Darrow"], said
    # one prime minister named beside another's title is not taken for the other ("Darrow and Prime …")
    said = _all("Prime Minister Paul Darrow and Prime Minister Ian Kell met in Valletta. "
                "The prime minister told a news conference he had approved aid missions.")
    assert [who for _, who, _, _ in said] != ["Paul Darrow"], said


def test_quoted_as_saying_is_the_quoted_persons_saying() -> None:
    """ "“…,” RIA quoted Chemezov as saying": Chemezov said it, and the line reads as his saying, not as if he
    quoted someone."""
    said = _all("Agencies quoted Igor Bragin, head of the arms company, as saying that the losses were large. "
                "“The exporter's lost profits in the region amount to $4 billion,” state-run RIA quoted Bragin as "
                "saying. The reports did not mention any deals.")
    assert said[-1] == ("direct", "Igor Bragin", "saying", "The exporter's lost profits in the region amount to $4 "
                        "billion")


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        ("Western nations are considering a no-fly zone. Gates said a no-fly zone “also requires more airplanes "
         "than you can find on a single carrier.”",
         "Gates", "a no-fly zone “also requires more airplanes than you can find on a single carrier.”"),
        ("Mr Volkov told the assembly that the resolution concealed “blatant support for the armed rebels”.",
         "Volkov", "the resolution concealed “blatant support for the armed rebels”"),
        # two fragments of one reported clause are one line
        ("Carlos Mendoza told the radio that the violence comes from the “rise of second or third-level leaders” "
         "after their bosses were jailed or “new groups that are fighting over the territory.”",
         "Carlos Mendoza", "the violence comes from the “rise of second or third-level leaders” after their bosses"
         " were jailed or “new groups that are fighting over the territory.”"),
    ],
)
def test_a_fragment_quoted_inside_a_reported_clause_is_shown_with_its_subject(
    text: str, speaker: str, words: str
) -> None:
    """A quote that opens in lower case inside "X said <clause>" is no statement alone ("also requires more
    airplanes …"): the line is the clause, as a paraphrase with the quote marks kept."""
    assert [(kind, who, said) for kind, who, _, said in _all(text)] == [("paraphrase", speaker, words)]


def test_a_roundup_of_quotes_under_capitalised_names_gives_each_its_speaker() -> None:
    """ "Following are quotes …: NAME, ROLE, BODY “…”": each quote is the capitalised name's (title-cased),
    a role header names whose role it is, and a capitalised headline before a quote names nobody."""
    said = _all(
        "Secretary General Ban Ki-moon called for calm on Monday. Following are quotes on the unfolding situation "
        "in Tarvia: MARTIN HOLLOWAY, MIDDLE EAST ANALYST, CONTROL RISKS “These really seem to be last, desperate "
        "acts.” PETER CALLOW, NORTH AFRICA ANALYST “I think what is going to happen is going to be much more "
        "chaotic. They are going to fight.” * SPOKESMAN FOR U.N. SECRETARY GENERAL BAN KI-MOON “The "
        "secretary-general expressed deep concern at the escalating scale of violence,” the spokesman said."
    )
    assert [who for kind, who, _, _ in said if kind == "direct"] == [
        "Martin Holloway", "Peter Callow", "spokesman for U.N. Secretary General Ban Ki-moon"
    ]
    assert speakers("GADDAFI FIGHTS BACK, A STANDOFF ENSUES “We will fight to the end,” the son said.") == [None]
    # a name no census lists, after a title in capitals
    assert speakers("Following are quotes on the crisis: FOREIGN MINISTER SHADI HAMID “Where is the compromise "
                    "solution? It was not available in Egypt.”") == ["Shadi Hamid"]


def test_a_surname_no_census_knows_is_the_full_name_the_article_gives() -> None:
    """ "said Sampó" after "Carolina Sampó, a researcher": the line names her as the article does."""
    assert speakers("Carolina Sampó, a researcher at the University of La Plata, studies the gangs. “Argentina has"
                     " a very high rate of drug use but it is a small market,” said Sampó.") == ["Carolina Sampó"]


@pytest.mark.parametrize(
    "text",
    [
        "The former leader was beaten before he died, in what council officials say was crossfire.",
        "The former leader was beaten before he died, in what TNC officials say was crossfire.",
    ],
)
def test_a_relative_clause_before_its_speech_verb_is_no_paraphrase(text: str) -> None:
    """ "in what officials say was crossfire": the words before "say" are the writer's sentence, not a claim
    the line can show as "officials say that what officials say was crossfire"."""
    assert [kind for kind, _, _, _ in _all(text) if kind == "paraphrase"] == []


def test_a_report_speaks_for_whoever_published_it() -> None:
    """ "the ministry of the interior published a report revealing that …": the line names the ministry."""
    said = _all("In February, Tarvia’s ministry of the interior published a report revealing that 78 police officers "
                "were assaulted during the first five weeks of the year.")
    assert [(who, cue) for _, who, cue, _ in said] == [("Tarvia’s ministry of the interior", "revealing")]


def test_adding_after_a_report_goes_on_with_the_reporters_words() -> None:
    """ "X said Gen Mardin had made an escape, adding the move was insignificant": X adds it, not Mardin, and
    X's first line stops before ", adding"."""
    said = _all('The state website Tarvia Today said Gen Mardin had made an "escape", adding the move was '
                '"insignificant".')
    assert [(who, words) for _, who, _, words in said] == [
        ("Tarvia Today", 'Gen Mardin had made an "escape"'),
        ("Tarvia Today", 'the move was "insignificant"'),
    ]


def test_a_reported_clause_the_parser_cut_in_two_is_shown_whole() -> None:
    """ "adding that it was sticking to its assessment that leader Omar Haddad had not left the country": the
    parser makes "had not left" a second clause of "adding"; the line keeps what the assessment is."""
    said = _all("Tarvian rebels appeared to hold most of the capital, the ministry said on Tuesday, adding that it "
                "was sticking to its assessment that leader Omar Haddad had not left the country.")
    assert ("the ministry", "it was sticking to its assessment that leader Omar Haddad had not left the country") in [
        (who, words) for _, who, _, words in said
    ]


def test_a_surname_takes_the_full_name_from_a_line_read_as_a_heading() -> None:
    """A line break in "Carolina Sampó, coordinator for the Center for Transnational Organized\\nCrime Studies"
    makes its first half read as a heading; the full name it gives is still hers."""
    text = ("Argentina is a small market.\n\nCarolina Sampó, coordinator for the Center for Transnational Organized\n"
            "Crime Studies at the university, studies the gangs.\n\n“Argentina has a very high rate of drug use but "
            "it is a small market,” said Sampó.")
    assert speakers(text) == ["Carolina Sampó"]


def test_a_reported_clause_that_opens_with_a_quote_keeps_its_opening_mark() -> None:
    """ 'state TV said "dozens of fighters" surrendered': the line must not read 'dozens of fighters" surrendered'."""
    said = _all('Troops went from house to house. Tarvian state TV said "dozens of terrorists" surrendered or were '
                'killed in the operation.')
    assert ("Tarvian state TV", '"dozens of terrorists" surrendered or were killed in the operation') in [
        (who, words) for _, who, _, words in said
    ]


def test_a_capitalised_header_name_may_open_with_a_given_name_the_dictionary_lists() -> None:
    """ "FRANCO FRATTINI, FOREIGN MINISTER": Franco is in WordNet (the dictator) and not in the census, but
    before a surname that is no English word it is a given name; a headline still names nobody, nor do
    a given name's words run into one ("GORDON FIGHTS BACK")."""
    assert speakers("Following are quotes on the crisis: FRANCO FRATTINI, FOREIGN MINISTER, ITALY “We will not "
                    "recognise the council until it holds elections.”") == ["Franco Frattini"]
    assert speakers("GADDAFI FIGHTS BACK, A STANDOFF ENSUES “We will fight to the end,” the son said.") == [None]
    # an inflected word ("FIGHTS": the dictionary lists "fight") is a headline's, after a given name too
    assert speakers("Following are quotes on the crisis: GORDON FIGHTS BACK, A STANDOFF ENSUES “We will fight to "
                    "the end.”") == [None]


def test_a_listener_written_with_a_hyphen_is_kept_whole() -> None:
    """ "told co-host Peter Vance that …": the parser splits "co-host"; the line says whom she told, not
    'told co'."""
    said = _all("Speaking on the radio show, Maria Lenz told co-host Peter Vance that the budget was a disgrace.")
    assert [(kind, who, cue) for kind, who, cue, _ in said] == [
        ("paraphrase", "Maria Lenz", "told co-host Peter Vance")
    ]


def test_a_description_in_quote_marks_reads_with_what_it_describes() -> None:
    """ "Dorsey described the plan as “…”": the words are her description of the plan, so the line says
    of what ("Jane Dorsey described the plan as “…”"), not "Jane Dorsey described: “…”"."""
    doc, ctx = parse("Senator Jane Dorsey described the plan as “a betrayal of every farmer in the valley”. "
                     "The vote is due on Monday.")
    lines = [quote_line({"speaker": q.speaker, "quote": q.quote, "kind": q.kind, "cue": q.cue})
             for q in extract_quotes(doc, ctx)]
    assert lines == ["Jane Dorsey described the plan as “a betrayal of every farmer in the valley”"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title set before the name, then "The director said …", then "she added"
        (
            "Director Maria Lenz spoke at the festival on Friday. The director said she was tired of sequels. "
            "“I want to make something small,” she added.",
            [("paraphrase", "Maria Lenz"), ("direct", "Maria Lenz")],
        ),
        # a role set after the name, by apposition
        (
            "Tom Harper, the actor, arrived late on Friday. The actor said the film had been hard to make. "
            "“We shot it in the rain for six weeks,” he added.",
            [("paraphrase", "Tom Harper"), ("direct", "Tom Harper")],
        ),
        # two directors: the title is nobody in particular (its paraphrase is not shown), nor is "she"
        (
            "Director Maria Lenz opened the festival on Friday and director Tom Harper closed it on Sunday. "
            "The director said she was tired of sequels. “I want to make something small,” she added.",
            [("direct", None)],
        ),
    ],
)
def test_a_title_alone_and_the_pronoun_after_it_are_the_person_the_article_gave_it(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(kind, who) for kind, who, _, _ in _all(text)] == expected


def test_a_headline_run_into_the_reported_words_is_not_shown() -> None:
    """A headline with no stop before the story's next sentence ("… North Sea ports Another four trawlers
    …") makes the line two texts run together: not shown. With the stop, and with a title's capital
    after a function word ("as The Guardian reported"), the line stays."""
    assert _all("According to the Fisheries Agency, Cod stocks fall in North Sea ports Another four trawlers "
                "were tied up this week.") == []
    assert [who for _, who, _, _ in _all("According to the Fisheries Agency, cod stocks fell in North Sea ports. "
                                         "Another four trawlers were tied up this week.")] == ["Fisheries Agency"]
    assert [who for _, who, _, _ in _all("According to the Fisheries Agency, cod stocks fell, as The Guardian "
                                         "reported on Monday.")] == ["Fisheries Agency"]
    # a capital letter that is a name's part ("type A influenza") starts no sentence
    assert [who for _, who, _, _ in _all("According to the Fisheries Agency, the trawlers carried a type A "
                                         "influenza virus.")] == ["Fisheries Agency"]


def test_a_given_name_alone_is_the_one_full_name_it_opens() -> None:
    """ "Franco said" after "Franco Rossi has farmed …" (Franco: in the dictionary, not in the census) is
    Franco Rossi; after "General Francisco Franco" it is the general; a body's name stays as written."""
    assert speakers("Franco Rossi has farmed grapes near Verona for thirty years. “We lost half the grapes this "
                    "summer,” Franco said.") == ["Franco Rossi"]
    assert speakers("General Francisco Franco ruled the country. Franco Rossi wrote a book about him. “It was a "
                    "dark time,” Franco said in a 1960 speech.") == ["Francisco Franco"]
    assert speakers("Reuters Breakingviews ran the numbers. “The deal is too dear,” Reuters said.") == ["Reuters"]


# --- 6. who speaks on: a chain of "he said", names in the words, and the fullest name -------------------


def test_a_name_in_the_words_he_reports_is_not_who_he_is_nor_whose_next_quotes_they_are() -> None:
    """ "Fighters loyal to … Tarek Mansour held the fields …, he said" reports Mansour, it is not Mansour
    speaking: "he" is the analyst named before, and the quotes that go on after it stay his."""
    text = (
        "Some wells in the north could be slow to restart, according to Peter Lomax, head of research at the "
        "consultancy Delta Energy Advisers. Fighters loyal to the ousted ruler Tarek Mansour held the northern "
        "fields for most of the revolt and some sites could be dangerous, he said. “It may take months to clear "
        "the mines from the pumping stations there because Mansour held them until the end,” he said. “That's "
        "where the worst shocks could be.” “It will be a slow, step-by-step recovery, and that could take far "
        "longer than people expect.”"
    )
    directs = _directs(text)
    assert directs and {who for who, _ in directs} == {"Peter Lomax"}
    assert "worst shocks" in " ".join(words for _, words in directs)


_DEFECTOR = (
    "Omar Haddad does not look like a man who has just fled a government he calls “ruthless thugs”. Until last "
    "week he was the country's envoy to Jordan and is the most senior official to defect so far from the rule of "
    "President Karim Nasrallah. Seated in a hotel lobby in Doha, he lists one charge after another against the "
    "government he served for two decades. “Karim Nasrallah's government is like a trapped animal,” he tells me. "
    "“It will do anything to stay.” He accuses his old masters of staging bombings to smear the opposition. The "
    "Nasrallahs, he says, will never give up power by negotiation. He says the government, if pushed further, "
    "“will not hesitate to use nerve gas”, and that it may already have been “used in Idlib”. This is a grave "
    "charge from a defector, but Mr Haddad is not a chemist. And his words echo the claims made about weapons "
    "before other wars. I push him further. Is this just a guess, I ask him, or do you have any proof? “It's "
    "quite certain that such matters are never discussed because they are very grave,” he replies. “If they "
    "decide to use gas they will not discuss it.”"
)


def test_he_says_after_a_parenthetical_he_says_is_the_interviewee_not_the_family_he_names() -> None:
    """ "The Nasrallahs, he says, will never …" is his sentence, not the family's: the "He says …" after
    it is the defector's claim, never the president's."""
    said = [who for kind, who, _, words in _all(_DEFECTOR) if "nerve gas" in words and kind == "paraphrase"]
    assert "Omar Haddad" in said and "Karim Nasrallah" not in said


def test_he_replies_to_the_writers_question_is_the_man_asked() -> None:
    """ "Is this just a guess, I ask him …? “…,” he replies.": the man the writer asks answers, as
    with "he says" — the chain goes back through "him" and "his words" to Mr Haddad."""
    directs = dict((words[:20], who) for who, words in _directs(_DEFECTOR))
    assert directs["It's quite certain t"] == "Omar Haddad"


def test_a_speakers_name_never_runs_over_a_full_stop() -> None:
    """ "… her brother Daniel. Now Dale tells me …": the speaker is Dale (Dale Whitford, as the article
    names him), not "Daniel. Now Dale", and so is the "He says" after it."""
    text = (
        "While we wait at the consulate, I get a message from a man called Dale Whitford from Kansas. On the "
        "flight out I had met him and his adopted daughter Mia. They were on their way back to fetch her "
        "five-year-old brother Daniel. Now Dale tells me they and 30 more children are stuck inside the consulate. "
        "He says they have been there for two days, sleeping on the floor."
    )
    assert [who for kind, who, _, _ in _all(text) if kind == "paraphrase"] == ["Dale Whitford", "Dale Whitford"]


def test_a_surname_is_the_full_name_the_article_gives_with_a_first_name_no_list_knows() -> None:
    """ "Mr Pellow told him" after "Tavish Pellow, the district's coroner": the line names him as the
    article first did, even when the tagger did not take "Tavish Pellow" for a person."""
    text = (
        "Health officials confirmed on Monday there are now 4,210 cases in the country. Tavish Pellow, the "
        "district's coroner, confirmed the boy had been infected with the virus. Mr Pellow told him an "
        "examination was needed to find out how his son had died. “I think it's very important that the "
        "public have this information,” he said."
    )
    assert {who for _, who, _, _ in _all(text) if who != "Health officials" and who != "officials"} \
        == {"Tavish Pellow"}


def test_a_speech_verb_after_but_reports_its_own_clause_not_the_quote_before_it() -> None:
    """ "For now the strain was “fairly steady,” but Okafor warned that it could …": "warned" reports
    the clause after it; the line is never 'Okafor warned: “fairly steady”', and the warning is hers."""
    text = (
        "Rich and poor countries alike report the new strain is pushing aside the seasonal virus, she said. "
        "For now the strain was “fairly steady,” but Okafor warned that it could still turn into a deadlier "
        "form. Dr Ngozi Okafor, the agency's director, spoke in Geneva."
    )
    found = _all(text)
    assert not [q for q in found if q[0] == "direct" and q[3] == "fairly steady"]
    assert ("paraphrase", "Ngozi Okafor") in [(kind, who) for kind, who, _, _ in found]


def test_a_place_that_told_someone_inside_reported_words_is_not_he() -> None:
    """ "Mr Varga said the West had told Hungary …" then "…, he added" and "“…,” he said": "he" is the
    minister, never the West (a place) nor the president named in what he reports."""
    text = (
        "Foreign Minister Imre Varga spoke in Budapest. Mr Varga said the West had told Hungary to back a draft "
        "resolution on sanctions or it would “refuse to extend the mandate of the monitoring mission”. It was "
        "“not right” to say that pressure should only be put on the government of President Milan Dorić and "
        "not the rebels, he added. “We do not support Dorić,” he said."
    )
    assert [who for who, words in _directs(text) if words.startswith("We do not")] == ["Imre Varga"]


def test_a_person_reported_second_hand_is_not_who_speaks_on() -> None:
    """ "Mr Varga said the envoy Tom Hale had told Hungary … “refuse …”": the clause is Varga's words (Hale
    is in what he reports), and the "he added" and "he said" after it are Varga, not Hale."""
    doc, ctx = parse(
        "Foreign Minister Imre Varga spoke in Budapest. Mr Varga said the envoy Tom Hale had told Hungary to back "
        "a draft resolution on sanctions or Washington would “refuse to extend the mandate of the monitoring "
        "mission”. It was “not right” to say that pressure should only be put on the government and not the "
        "rebels, he added. “We do not support the rebels,” he said."
    )
    lines = [quote_line({"speaker": q.speaker, "quote": q.quote, "kind": q.kind, "cue": q.cue})
             for q in extract_quotes(doc, ctx)]
    assert lines[0].startswith("Imre Varga said that the envoy Tom Hale had told Hungary")
    assert lines[-1] == "Imre Varga: “We do not support the rebels”"


def test_a_quote_that_borrows_an_attribution_gets_the_speaker_it_gave() -> None:
    """ "“We never agreed with Kane …,” he said. “That's where the fight starts.”": "he" cannot be Kane
    (named in the words he says), so the second quote, under the same "he said", is not Kane's either."""
    text = ("Mayor Sam Ortiz met Governor Paul Kane on Monday. Kane left the meeting early. “We never agreed with "
            "Kane on the budget,” he said. “That's where the fight starts.”")
    assert "Paul Kane" not in speakers(text)


def test_a_short_quote_closing_a_reported_clause_stays_its_speaker_s_words_before_a_new_statement() -> None:
    """ "Torres said the bridges were “close to collapse,” and she warned that …": "she warned" reports a clause of
    its own and attributes nothing, but the quote still closes the clause Torres reports: her paraphrase, with the
    quote's words, is kept (not lost with the attribution)."""
    text = (
        "Heavy rain has fallen across northern Peru since January. "
        "Ana Torres, the mayor of Piura, said the bridges were “close to collapse,” and she warned that more rain "
        "was expected on Friday. "
        "Health Minister Carlos Ruiz said the hospitals were “under pressure,” but he added that no patient had "
        "been turned away."
    )
    found = [(kind, who, words) for kind, who, _, words in _all(text)]
    assert any(who == "Ana Torres" and "close to collapse" in words for _, who, words in found), found
    assert any(who == "Carlos Ruiz" and "under pressure" in words for _, who, words in found), found
