"""A line of an answer is one sentence of the article that says something alone: not a caption or headline run
into it, not the headline again, not a reference to something said before, not a fragment, not what the page
prints after the article (issue 21, kinds 3 and 4). Each article here is short, so a summary shows every line
that may be shown: what is missing was refused, what is there was allowed."""

from __future__ import annotations

import json
from pathlib import Path

from bot.answer.engine import ask
from bot.extract.pipeline import analyse
from bot.ingest.clean import caption_run_ins
from bot.ingest.model import RawArticle
from bot.ingest.service import ingest


def summary_of(db, tmp_path: Path, title: str, body: str, question: str = "/peru summary") -> list[str]:
    """Store one Peru article (a plain-text body, as archives and feeds give it) and read its summary lines."""
    path = tmp_path / "one.jsonl"
    row = {"title": title, "url": "https://example.org/a", "date": "2024-03-05", "tags": "Peru", "source": "Wire",
           "content": body}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert ingest(db, [str(path)]).ok
    return [item["text"] for item in ask(db, question, limit=10).items]


def test_a_caption_or_headline_run_into_the_next_sentence_is_not_part_of_a_line(empty_db, tmp_path) -> None:
    """The page's breaks were lost: "… shut as a precaution Two new shelters opened …" is a caption and a
    sentence. The sentence is shown on its own; the caption is no line."""
    body = ("Heavy rain flooded the coastal city of Piura on Monday, cutting the road to Lima for hours. "
            "Schools in the valley were shut as a precaution Two new shelters opened in the town hall on Tuesday, "
            "officials said. Residents queue for drinking water at the market However, the mayor said supplies "
            "would last until the weekend.")
    lines = summary_of(empty_db, tmp_path, "Floods hit Piura", body)
    assert "Two new shelters opened in the town hall on Tuesday, officials said." in lines, lines
    # "However, the mayor said …" leans on the sentence before and is no line of its own either
    assert not any("precaution" in line or "queue for drinking water" in line for line in lines), lines


def test_a_caption_run_into_a_sentence_that_opens_on_a_name_or_a_figure_is_not_part_of_a_line(
    empty_db, tmp_path
) -> None:
    """No opener word marks these joins ("… school in Chosica Peruvian police have arrested …", "… by Sunday 3,000
    families are …"): the parse does, a complete clause followed by another whose subject starts the next word.
    The sentence is shown on its own and the caption is no line; a reported clause without "that" ("told
    reporters Peruvian troops had …") and a relative clause without "that" ("the rifles Ecuadorian smugglers had
    hidden") are one sentence each."""
    body = ("Rescue workers searched the rubble of the collapsed school in Chosica Peruvian police have arrested two "
            "builders over the collapse of the school, prosecutors said.\n\n"
            "Flood shelters in Piura were full by Sunday 3,000 families are sleeping in tents near the river, the "
            "mayor said.\n\n"
            "A spokesman told reporters Peruvian troops had closed the border with Ecuador on Monday.\n\n"
            "Police in Tumbes displayed the rifles Ecuadorian smugglers had hidden in a truck.")
    lines = summary_of(empty_db, tmp_path, "Floods and arrests in Peru", body)
    assert set(lines) == {
        "Peruvian police have arrested two builders over the collapse of the school, prosecutors said.",
        "3,000 families are sleeping in tents near the river, the mayor said.",
        "A spokesman told reporters Peruvian troops had closed the border with Ecuador on Monday.",
        "Police in Tumbes displayed the rifles Ecuadorian smugglers had hidden in a truck."}, lines


def test_names_and_titles_in_the_middle_of_a_sentence_are_no_join() -> None:
    """A capitalised word inside a sentence that is part of a name or a title does not split it."""
    for text in ("She starred in the film The Long Night last year.", "Cases of influenza A virus rose in May.",
                 "He watched Channel Four news at six.", "Stars help Hope For Haiti raise money tonight.",
                 "The vote of The Hague court went against him."):
        assert caption_run_ins(text) == [(text, False)], text


def test_a_summary_line_does_not_repeat_the_headline(empty_db, tmp_path) -> None:
    """Wire copy opens with its headline again: the reader has it already, above the lines."""
    body = ("Police arrested 12 suspects in an extortion ring in Trujillo on Monday, prosecutors said. "
            "The ring charged bus drivers a daily fee to use the northern routes of the city. "
            "Drivers who refused had their buses set on fire, according to the prosecutors' filing.")
    lines = summary_of(empty_db, tmp_path, "Police arrest 12 suspects in Trujillo extortion ring", body)
    assert not any(line.startswith("Police arrested 12") for line in lines), lines
    assert any(line.startswith("The ring charged bus drivers") for line in lines), lines


def test_a_line_whose_subject_points_back_or_is_the_reporter_is_not_shown(empty_db, tmp_path) -> None:
    """"Its inhabitants …", "It adds that …": which one? "Outside the clinic, we counted …": who is we? An "It"
    that points at nothing ("It is unclear whether …") stands alone."""
    body = ("The fishing town of Paita lost its only clinic to the floods on Sunday, the health ministry said. "
            "Its inhabitants have scattered to relatives in Piura and Sullana. "
            "It adds that the regional hospital has sent two doctors to the coast. "
            "Outside the ruined clinic, we counted nine families sleeping in tents. "
            "It is unclear whether the clinic will reopen before the end of the rainy season.")
    lines = summary_of(empty_db, tmp_path, "Floods leave Paita without a clinic", body)
    assert not any(line.startswith(("Its inhabitants", "It adds")) or "we counted" in line for line in lines), lines
    assert any(line.startswith("It is unclear whether the clinic") for line in lines), lines


def test_fragments_labels_and_lists_are_not_lines(empty_db, tmp_path) -> None:
    """A label ("Chile:"), a line too short to state anything, a verbless caption and a list whose line breaks
    were lost ("Peru: 12 cases, two deaths Chile: four cases …") are no lines."""
    body = ("The health ministry confirmed 12 new cases of the fever in Comas and Carabayllo on Friday.\n\n"
            "Chile:\n\n"
            "Cases rose again.\n\n"
            "A nurse and her patients in the crowded ward of the Loayza hospital in central Lima.\n\n"
            "Peru: 12 cases, two deaths Chile: four cases Bolivia: one case, under observation.\n\n"
            "Ana Ruiz, 24 - found after two days Luis Paz, 21 - rescued after a day Rosa Quispe, 60 - saved.\n\n"
            "Nurses will visit schools in the three districts next week, the ministry said.")
    lines = summary_of(empty_db, tmp_path, "Dengue spreads in northern Lima", body)
    assert set(lines) == {"The health ministry confirmed 12 new cases of the fever in Comas and Carabayllo on Friday.",
                          "Nurses will visit schools in the three districts next week, the ministry said."}, lines


def test_what_the_page_prints_after_the_article_is_no_line(empty_db, tmp_path) -> None:
    """After a wire's sign-off ("(Reporting by …; Editing by …)") and once the comments open, the page goes on
    with product blurbs and readers' comments, run into the last paragraph of a plain-text archive."""
    body = ("Peru's central bank held its key rate at 5 percent on Thursday, citing slowing inflation. "
            "Analysts had expected the hold after two cuts this year. "
            "(Reporting by Ana Ruiz; Editing by Tom Bell) A trading platform for the modern markets era "
            "Banks are thieves and the rate should be zero, everybody knows it.\n\n"
            "The copper price should be much higher by now, in my opinion as a miner.")
    lines = summary_of(empty_db, tmp_path, "Peru holds rates", body)
    assert set(lines) == {"Peru's central bank held its key rate at 5 percent on Thursday, citing slowing inflation.",
                          "Analysts had expected the hold after two cuts this year."}, lines
    body = ("Peru's congress approved a new mining law on Wednesday after a week of debate. "
            "Miners in Pataz had protested against the bill for a month. "
            "We welcome comments that advance the story through relevant opinion, anecdotes, links and data. "
            "This law is a disgrace to the people of Pataz and the congress knows it.")
    lines = summary_of(empty_db, tmp_path, "Congress passes mining law", body, "/peru mining summary")
    assert not any("disgrace" in line or "welcome comments" in line for line in lines), lines
    assert any(line.startswith("Miners in Pataz had protested") for line in lines), lines
    body = ("Peru's health ministry confirmed the first flu death in Cusco on Tuesday, a man of 54. "
            "Schools in the city will stay open, the ministry said. At 3:31 pm on 02 Jun 2009, andesfan wrote: "
            "The ministry is hiding the real numbers from the people of Cusco. My cousin is a nurse there.")
    lines = summary_of(empty_db, tmp_path, "Cusco flu death", body, "/peru Cusco summary")
    assert not any("hiding" in line or "nurse" in line or "wrote" in line for line in lines), lines


def test_pull_quotes_and_pro_con_boxes_are_no_lines(empty_db, tmp_path) -> None:
    """A pull quote repeats the text ("Start Quote … End Quote", inside a paragraph when the breaks were lost);
    a PRO/CON box's entries are the page's arguments, not the article's statements."""
    body = ("Dock workers in Callao ended a week-long strike on Monday after a pay deal with the port operator. "
            "Start Quote We will not give up the port End Quote The union said the deal raised wages by 8 percent."
            "\n\nPRO: The deal brings 2,000 jobs to the port of Callao.\n\n"
            "CON: The deal hands the port of Callao to a foreign firm for thirty years.")
    lines = summary_of(empty_db, tmp_path, "Callao strike ends", body)
    assert set(lines) == {
        "Dock workers in Callao ended a week-long strike on Monday after a pay deal with the port operator.",
        "The union said the deal raised wages by 8 percent."}, lines


def test_a_sentence_end_the_parser_missed_still_ends_a_line() -> None:
    """The parser reads "… in Aleppo. UN envoys …" as one sentence now and then: a full stop after a word and a
    capitalised word after it end a sentence, unless the full stop closes an abbreviation ("Mr.", "p.m.")."""
    from spacy.tokens import Doc

    from bot.extract.pipeline import split_sentences
    from bot.nlp import get_nlp

    words = ["Shelling", "hit", "Callao", ".", "UN", "envoys", "met", "Mr.", "Ruiz", "at", "7", "p.m.", "Monday", "."]
    spaces = [w not in ("Callao", "Monday") for w in words[:-1]] + [False]  # "Callao." and "Monday."
    doc = Doc(get_nlp().vocab, words=words, spaces=spaces, sent_starts=[True] + [False] * (len(words) - 1))
    texts = [s.text for s in split_sentences(doc, [(0, "body")])]
    assert texts == ["Shelling hit Callao.", "UN envoys met Mr. Ruiz at 7 p.m. Monday."], texts


def test_a_subject_that_points_at_something_said_before_is_not_shown(empty_db, tmp_path) -> None:
    """"However, over the last year, they have …" (who?), "On Tuesday this violence spread …", "Within hours, the
    move angered …" (which?) lean on the sentence before; "It is unclear whether …", "Those who …" and a "this"
    whose thing the sentence names first do not."""
    body = ("Truck drivers blocked the Panamericana highway near Ica on Monday over rising fuel prices. "
            "However, over the last year, they have won two rounds of talks with the transport ministry. "
            "On Tuesday this violence spread to the roads of the south. "
            "Within hours, the move angered farmers in the valleys of Ica. "
            "It is unclear whether the blockade will last until Friday. "
            "Those who reached Lima by bus said the queues at the checkpoints lasted all night. "
            "While diesel rose by a fifth in Peru this year, this is still less than in Chile, the central bank said.")
    lines = summary_of(empty_db, tmp_path, "Truckers block highway near Ica", body)
    for bad in ("they have won", "this violence", "the move"):
        assert not any(bad in line for line in lines), (bad, lines)
    for good in ("It is unclear whether the blockade", "Those who reached Lima", "While diesel rose"):
        assert any(line.startswith(good) for line in lines), (good, lines)


def test_an_articles_own_summary_holds_only_lines_that_stand_alone(empty_db, tmp_path) -> None:
    """The three sentences stored as the article's summary are what `latest` and digests show under its headline:
    "Its inhabitants …" or a caption run into a sentence is no line there either."""
    body = ("Floods destroyed the only bridge of the Andean town of Huanta on Sunday, the regional government said. "
            "Its inhabitants have walked two hours to the next road since then. "
            "Schools in the valley were shut as a precaution Two new shelters opened in the town hall on Monday. "
            "Engineers from Lima expect a temporary bridge to be ready within a month, officials said.")
    summary_of(empty_db, tmp_path, "Floods cut off Huanta in Peru", body)
    latest = ask(empty_db, "/peru latest", limit=5).items[0]["summary"]
    assert latest and not any(line.startswith("Its inhabitants") or "precaution" in line for line in latest), latest


def test_an_object_that_points_at_something_said_before_is_not_shown(empty_db, tmp_path) -> None:
    """"The mayor announced the move, which …" and "Farmers rejected this proposal" lean on the sentence before as
    much as a subject does (which move, which proposal?); "the plan to build …" and "the water plan" say which."""
    body = ("The regional government of Ica will ration water to farms from March, officials said on Monday. "
            "The mayor of Ica announced the move, which will cut supplies to 300 farms, at a meeting on Tuesday. "
            "Farmers in the valley rejected this proposal at a meeting with the governor. "
            "Engineers presented the plan to build a reservoir above the town of Los Aquijes. "
            "The central government approved the regional water plan for the valley in January.")
    lines = summary_of(empty_db, tmp_path, "Ica rations water", body)
    assert not any("announced the move" in line or "this proposal" in line for line in lines), lines
    for good in ("Engineers presented the plan to build", "The central government approved the regional water plan"):
        assert any(line.startswith(good) for line in lines), (good, lines)


def test_a_line_that_is_one_whole_quotation_is_not_shown(empty_db, tmp_path) -> None:
    """A sentence that is all quotation, its speaker named in the sentence before, is nobody's words on its own
    ("“We are still seeing new cases every day.”"); a quote with its speaker in the line is shown."""
    body = ("Peru's health minister said dengue cases in Piura had doubled in a month. "
            "\"In the north, we are still seeing hundreds of new cases every day in the clinics.\" "
            "\"The hospitals of Piura have run out of beds,\" the regional health director told reporters.")
    lines = summary_of(empty_db, tmp_path, "Dengue doubles in Piura", body)
    assert not any(line.startswith('"In the north') for line in lines), lines
    assert any(line.startswith('"The hospitals of Piura') for line in lines), lines


def test_a_web_server_error_printed_into_the_page_is_no_part_of_a_line(empty_db, tmp_path) -> None:
    """A page whose include failed prints "(an error occurred while processing this directive)" where the box
    was; a plain-text archive runs it into the next sentence, which is shown without it."""
    body = ("Peru's congress voted on Thursday to extend the state of emergency in Lima by sixty days. "
            "(an error occurred while processing this directive) The police chief said patrols in the city would "
            "double from Monday.")
    lines = summary_of(empty_db, tmp_path, "Emergency extended in Lima", body)
    assert "The police chief said patrols in the city would double from Monday." in lines, lines
    assert not any("error occurred" in line for line in lines), lines


def test_openers_that_lean_on_the_sentence_before_orders_and_questions_are_not_shown(empty_db, tmp_path) -> None:
    """"For example, …", "Then in May …", "Much of it …", "If it fails …", "While these figures …" lean on what came
    before; "Look at …" is a piece of a quote or the page talking; "What is delaying …?" asks and states nothing.
    "While it is unclear whether …", "Once it became clear that …", "Then-president …" and "Meanwhile, …" stand
    alone."""
    body = ("Peru's health ministry began vaccinating children against dengue in Piura on Monday. "
            "For example, nurses will visit every school in the city twice before the rains. "
            "Then in May the ministry will open new clinics in the valleys of the north. "
            "Much of it will be paid for by a loan from the World Bank, the ministry said. "
            "If it fails in the north, the programme will not be extended to the jungle towns. "
            "While these figures look high, the cases in Piura have fallen since the start of the year. "
            "Look at the queues outside the clinics of Castilla and Sullana. "
            "While it is unclear whether the vaccine will arrive in time, the regional director said it was ordered. "
            "Then-president Alan Garcia opened the first dengue clinic of Piura in 2009. "
            "Meanwhile, doctors in Tumbes reported 40 new cases of dengue on Tuesday. "
            "Once it became clear that the rains would come early, Peru's health ministry moved the campaign forward. "
            "What is delaying the vaccines for the jungle towns of Loreto?")
    lines = summary_of(empty_db, tmp_path, "Dengue vaccines for Piura", body)
    for bad in ("For example", "Then in May", "Much of it", "If it fails", "While these figures", "Look at",
                "What is delaying"):
        assert not any(line.startswith(bad) for line in lines), (bad, lines)
    for good in ("While it is unclear whether", "Then-president Alan Garcia", "Meanwhile, doctors in Tumbes",
                 "Once it became clear"):
        assert any(line.startswith(good) for line in lines), (good, lines)


def test_a_line_that_turns_against_or_follows_from_the_sentence_before_is_not_shown(empty_db, tmp_path) -> None:
    """"However, …", "Still, …" and "As a result, …" answer a sentence the reader is not shown; "So far, …" and
    "Meanwhile, …" bring news of their own."""
    body = ("Peru's health ministry began vaccinating children against dengue in Piura on Monday. "
            "However, nurses in Sullana say the campaign has already run out of syringes. "
            "Still, the regional director expects the second round of doses to start on time in April. "
            "As a result, the clinics of Castilla turned away families on Wednesday. "
            "So far, 12,000 children in Piura have received a first dose of the vaccine. "
            "Meanwhile, doctors in Tumbes reported 40 new cases of dengue on Tuesday.")
    lines = summary_of(empty_db, tmp_path, "Dengue vaccines for Piura", body)
    for bad in ("However, nurses", "Still, the regional", "As a result"):
        assert not any(line.startswith(bad) for line in lines), (bad, lines)
    for good in ("So far, 12,000 children", "Meanwhile, doctors in Tumbes"):
        assert any(line.startswith(good) for line in lines), (good, lines)


def test_an_opening_clause_or_a_clause_a_verb_reports_is_no_caption(empty_db, tmp_path) -> None:
    """"When the storm hit Piura farmers lost …" opens on a subordinate clause ("When" is no "mark" in the parse),
    and "said he hoped Ecuadorians would …" reports a clause without "that" (the parse reads "hoped" as "hop"):
    neither is a caption run into a sentence, and each is shown whole."""
    body = ("When the storm hit Piura farmers lost half of their crops in the valley, officials said.\n\n"
            "The governor of Tumbes said he hoped Ecuadorians would return to the border markets next year.")
    lines = summary_of(empty_db, tmp_path, "Storm damage in northern Peru", body)
    assert "When the storm hit Piura farmers lost half of their crops in the valley, officials said." in lines, lines
    assert ("The governor of Tumbes said he hoped Ecuadorians would return to the border markets next year."
            in lines), lines


def test_a_line_that_goes_on_from_the_sentence_before_is_not_shown(empty_db, tmp_path) -> None:
    """"And Lima is not Peru." and "Or the rains may come early." go on from the sentence before; "Andean towns …"
    and "But farmers in the valley lost …" (a turn, not a continuation) stand alone."""
    body = ("Floods in Piura have cut the Panamericana highway for a week, the transport ministry said. "
            "And Lima is not Peru, the mayor of Piura told the regional assembly on Monday. "
            "Or the rains may come again before the bridges are repaired, engineers in Piura warned. "
            "Andean towns in the region of Cajamarca were spared the worst of the floods. "
            "But farmers in the valley of Piura lost their first harvest to the early rains this year.")
    lines = summary_of(empty_db, tmp_path, "Floods cut Peru's highway", body)
    assert not any(line.startswith(("And Lima", "Or the rains")) for line in lines), lines
    for good in ("Andean towns in the region", "But farmers in the valley"):
        assert any(line.startswith(good) for line in lines), (good, lines)


def test_factbox_entries_capitals_labels_lost_letters_and_player_notices_are_not_lines(empty_db, tmp_path) -> None:
    """A factbox's "Label - figure" entries, a quote list's label in capitals, text that lost its accented letters
    and a media player's notice are not sentences of the story; the story's own sentence is shown."""
    body = ("Rescue teams reached the flooded town of Catacaos on Tuesday, the regional government said.\n\n"
            "Ecuador - $20m (15m euros) Chile - $5m pledged for the flooded towns of the north.\n\n"
            "* PERUVIAN HEALTH MINISTER ANA RUIZ \"The hospitals of Piura will stay open all night,\" the ministry"
            " said in a statement.\n\n"
            "Virus c m heo xu t ph t t Piura v o th ng T, v k t, h ng ng n ca b nh # #\n\n"
            "Sorry, this media is not available in your territory.")
    lines = summary_of(empty_db, tmp_path, "Rescue teams reach Catacaos", body)
    assert lines == ["Rescue teams reached the flooded town of Catacaos on Tuesday, the regional government said."], \
        lines


def test_an_articles_own_summary_holds_no_entry_of_a_timeline(empty_db, tmp_path) -> None:
    """"March 3 - Floods cut the highway …" is an entry of a chronology the article prints: the timeline may show
    it, but the summary a digest prints under the headline holds the story's own sentences."""
    body = ("Peru declared a state of emergency in ten northern provinces on Friday after weeks of floods.\n\n"
            "March 3 - Floods cut the Panamericana highway near Piura for the first time this year.\n\n"
            "March 9 - The river Piura bursts its banks and floods the centre of Catacaos.\n\n"
            "March 14 - The government sends 2,000 soldiers to rebuild the bridges of the region.\n\n"
            "Engineers expect the highway to reopen within a month, the transport ministry said.")
    summary_of(empty_db, tmp_path, "Peru declares flood emergency", body)
    latest = ask(empty_db, "/peru latest", limit=5).items[0]["summary"]
    assert latest and not any(line.startswith("March") for line in latest), latest


def test_a_date_in_a_sentence_after_a_run_in_caption_dates_that_sentence(empty_db, tmp_path) -> None:
    """The caption "Farmers in Piura are counting their losses now" is split off a sentence the parser read as one;
    its "now" says nothing of when the next sentence's event was, so "in March 2017" still dates that one."""
    body = ("Farmers in Piura are counting their losses now Heavy rains destroyed the only bridge of the town in"
            " March 2017.")
    summary_of(empty_db, tmp_path, "Floods in Piura", body)
    lines = [item["text"] for item in ask(empty_db, "/peru timeline", limit=10).items]
    assert any(line.startswith("Heavy rains destroyed the only bridge") for line in lines), lines


def test_a_subject_with_the_that_the_story_never_named_is_not_shown(empty_db, tmp_path) -> None:
    """"The ship is being sent …" after "A navy hospital ship left Callao …": alone, the line never says which ship.
    A "the" noun the headline names ("the floods"), one the line says which of ("the port of Paita") and a speaker
    ("the union said …") are shown."""
    body = ("Floods in northern Peru have left 20,000 people homeless, the regional government said on Monday. "
            "A navy hospital ship left Callao for the north on Monday with 40 doctors on board. "
            "The ship is being sent at the request of the regional government and will stay for a month. "
            "The floods destroyed 3,000 homes in the valleys around Piura last week. "
            "The port of Paita reopened to fishing boats on Tuesday after three days. "
            "The union said the dockers of Paita would unload the aid for free.")
    lines = summary_of(empty_db, tmp_path, "Floods leave thousands homeless in Peru", body)
    assert not any(line.startswith("The ship is being sent") for line in lines), lines
    for good in ("The floods destroyed", "The port of Paita", "The union said"):
        assert any(line.startswith(good) for line in lines), (good, lines)


def test_that_before_a_noun_points_back_as_this_does(empty_db, tmp_path) -> None:
    """"But since that list leaves out …" and "That decision angered …" point at a list and a decision the line does
    not show, as "this list" would; "Since that time …" is a time, and "officials said that …" reports."""
    body = ("Peru's government published the names of 40 towns that will receive flood aid on Monday. "
            "But since that list leaves out the mining towns of the Andes, the regional government will draw up one. "
            "That decision angered the mayors of the mining towns of Cajamarca. "
            "Since that time the rivers of the north have fallen by half, officials said. "
            "Officials in Lima said that the first trucks of aid would leave on Friday.")
    lines = summary_of(empty_db, tmp_path, "Flood aid for 40 Peruvian towns", body)
    assert not any(line.startswith(("But since that list", "That decision")) for line in lines), lines
    for good in ("Since that time the rivers", "Officials in Lima said that"):
        assert any(line.startswith(good) for line in lines), (good, lines)


def test_a_quote_whose_speaker_is_only_he_or_she_is_not_shown(empty_db, tmp_path) -> None:
    """"“…,” he says." needs the sentence before to say who speaks, and a quote is somebody's words: the line is not
    shown, whether or not a name inside the quotation ("Mayor Ana Torres …") or one in the sentences before could be
    put in brackets (Torres is who the last quote talked about, not who speaks). A quote that names its speaker
    stays."""
    body = ("Heavy rain flooded the coastal city of Piura on Monday, cutting the road to Lima for hours. "
            "Officials in the valley said the river had burst its banks in three places overnight. "
            "\"Mayor Ana Torres has been warning about these banks for years, and nobody in Lima listened to her,\" "
            "he says. "
            "\"The water reached the second floor of the clinic before anybody came to help us,\" she said. "
            "\"Every bridge on the river will be rebuilt before the next rainy season,\" Mayor Ana Torres said on "
            "Tuesday.")
    lines = summary_of(empty_db, tmp_path, "Floods hit Piura", body)
    assert not any("nobody in Lima listened" in line or "second floor of the clinic" in line for line in lines), lines
    assert any(line.startswith("\"Every bridge on the river") for line in lines), lines


def test_market_codes_and_lead_ins_to_a_clip_are_not_lines(empty_db, tmp_path) -> None:
    """A wire's market data code left in the copy ("PE10YT = TWEB", "<LCOc1>") and a line that introduces the
    report or clip the page plays ("… as the BBC's Dan Collyns reports from Piura …", "Watch: …", "In this video,
    …") are not shown; a sentence that only says what an outlet reported stays."""
    body = ("Heavy rain flooded the coastal city of Piura on Monday, cutting the road to Lima for hours. "
            "Peruvian 10-year yields PE10YT = TWEB rose to a two-year high of 7.1 percent after the floods. "
            "Copper futures <HGc1> fell 2 percent as mines near Piura halted shipments. "
            "The government says aid is reaching the valley, but as the BBC's Dan Collyns reports from Piura many "
            "families are still waiting. "
            "Watch: Residents of Piura wade through flooded streets to reach the market on Tuesday. "
            "In this video, rescue workers carry an elderly woman out of her flooded house in Piura. "
            "The newspaper El Comercio reported that three bridges on the river had collapsed.")
    lines = summary_of(empty_db, tmp_path, "Floods hit Piura", body)
    assert "The newspaper El Comercio reported that three bridges on the river had collapsed." in lines, lines
    for gone in ("TWEB", "HGc1", "Dan Collyns", "Watch:", "In this video"):
        assert not any(gone in line for line in lines), (gone, lines)


def test_a_readers_signature_run_into_the_text_and_a_debate_pages_comments_are_not_lines(empty_db, tmp_path) -> None:
    """A page of readers' accounts prints each one after its writer's name and town, and a plain-text archive runs
    them together ("… Lucia Quispe and Jorge Paredes, Piura Dozens of concerts have been …"): that line is a reader's
    words after a signature, not a sentence of the page. A name and who the person is ("Ana Torres, Piura's mayor,
    said …", "Carlos Mendoza, Piura Police Chief, said …") stays. On a debate page, the comments open at the first
    stamp ("Added: Tuesday, 19 January, 2010, 18:32 GMT"), and nothing after it is the page's."""
    body = ("Heavy rain flooded the coastal city of Piura on Monday, cutting the road to Lima for hours. "
            "Lucia Quispe and Jorge Paredes, Piura Dozens of concerts have been canceled at the city stadium, which "
            "has been closed. "
            "Ana Torres, Piura's mayor, said on Tuesday that the market would open again next week. "
            "Carlos Mendoza, Piura Police Chief, said the road to Lima would open again on Friday.")
    lines = summary_of(empty_db, tmp_path, "Floods hit Piura", body)
    assert not any("Jorge Paredes" in line or "concerts" in line for line in lines), lines
    assert "Ana Torres, Piura's mayor, said on Tuesday that the market would open again next week." in lines, lines
    assert "Carlos Mendoza, Piura Police Chief, said the road to Lima would open again on Friday." in lines, lines
    body = ("Peru's congress approved a new mining law on Wednesday after a week of debate in Lima. "
            "Miners in Pataz had protested against the bill for a month before the vote. "
            "Added: Tuesday, 19 January, 2010, 18:32 GMT 18:32 UK The best thing the miners of Pataz can do now is "
            "to keep the pressure on congress until the law is changed.")
    lines = summary_of(empty_db, tmp_path, "Congress passes mining law", body, "/peru mining summary")
    assert not any("pressure on congress" in line or "Added" in line for line in lines), lines
    assert any(line.startswith("Miners in Pataz had protested") for line in lines), lines



def alone_flags(title: str, body: str) -> dict[str, bool]:
    """Each body sentence of one article, by its opening words, and whether an answer may show it alone."""
    analysis = next(analyse([RawArticle(title, body, published="2024-03-05")]))
    return {s.text: s.alone for s in analysis.sentences if s.kind == "body"}


def test_a_subject_after_an_opening_phrase_and_an_aside_object_still_point_back() -> None:
    """An opening phrase with no verb names no referent for the subject after it ("After months of drought, this new
    plan …", "Together with the fishing unions, they marched …": which plan, who?); "the move, which …, at a meeting"
    says which move no more than "the move" does; "A major step involves pumps." and "Monday's quake was 6.1." say
    nothing alone. "It appears the talks …", and a "this" after a clause that names it, are shown ("It seems like it
    spreads …" is about "it")."""
    body = ("Farmers in the Ica valley blocked the Panamericana highway on Monday over water rationing. "
            "After months of drought, this new plan was welcomed by the growers of asparagus in the south. "
            "Together with the fishing unions of Pisco, they marched to the regional government offices on Tuesday. "
            "Ana Quispe announced the move, which should help some 300 farms, at a charity dinner for the valley in "
            "Lima on Saturday. "
            "A major step involves pumps. "
            "Monday's quake was 6.1. "
            "It appears the talks between the growers and the water authority will resume on Friday in Lima. "
            "It seems like it spreads faster in a dry year. "
            "While the reservoirs fell by half in Ica this year, this is still more water than in 2016, "
            "officials said.")
    alone = alone_flags("Ica farmers block highway over water", body)
    bad_lines = ("After months", "Together with", "Ana Quispe announced", "A major step", "Monday's quake",
                 "It seems like")
    for bad in bad_lines:
        assert [flag for text, flag in alone.items() if text.startswith(bad)] == [False], (bad, alone)
    for good in ("It appears the talks", "While the reservoirs fell"):
        assert [flag for text, flag in alone.items() if text.startswith(good)] == [True], (good, alone)


def test_a_new_thing_reported_made_or_reached_is_shown() -> None:
    """"A deal was reached …", "A new plan was unveiled …": an indefinite subject of a passive is a thing the sentence
    reports being made, announced or reached, introduced here, not one said before ("A major step involves pumps."
    still points back to the steps the text went on about)."""
    body = ("Heavy rain has fallen across northern Peru since January, flooding towns along the coast. "
            "A deal was reached on Friday between the government and striking fishermen in Paita after two weeks of "
            "talks. "
            "A new plan was unveiled on Monday by the housing ministry to rebuild 5,000 homes in Tumbes. "
            "A decision was taken on Tuesday to evacuate 3,000 families from the river valley. "
            "A major step involves pumps.")
    alone = alone_flags("Floods in northern Peru", body)
    for good in ("A deal was reached", "A new plan was unveiled", "A decision was taken"):
        assert [flag for text, flag in alone.items() if text.startswith(good)] == [True], (good, alone)
    assert [flag for text, flag in alone.items() if text.startswith("A major step")] == [False], alone


def test_an_object_that_is_only_a_pronoun_with_nothing_before_it_to_stand_for_is_not_shown() -> None:
    """"The health ministry is calling it the Andean fever" and "Riot police dispersed them with tear gas": what "it"
    and "them" are is in the sentences before (a subject is never its own verb's object). A pronoun with something
    before it to stand for ("Police seized 40 rifles and burned them", "Relatives of the miners carried them"), "made
    it impossible" and a speaker's "them" inside a quotation are shown."""
    body = ("A new fever has infected 200 people in the Andean town of Huaraz since January, doctors said on Monday. "
            "The health ministry is calling it the Andean fever in its daily bulletins to hospitals. "
            "Hundreds of relatives gathered outside the main hospital of Huaraz on Tuesday to demand news. "
            "Riot police dispersed them with tear gas on Tuesday night, witnesses said. "
            "Police seized 40 rifles in the valley and burned them in Lima on Friday. "
            "Relatives of the miners carried them through the main square of Huaraz after the rescue. "
            "Heavy snow made it impossible for the aid trucks to reach the town until Thursday. "
            "“The army cannot reach them because the roads are closed,” said Ana Quispe, the regional health director.")
    alone = alone_flags("Fever spreads in Huaraz", body)
    for bad in ("The health ministry is calling it", "Riot police dispersed them"):
        assert [flag for text, flag in alone.items() if text.startswith(bad)] == [False], (bad, alone)
    for good in ("Police seized 40 rifles", "Relatives of the miners", "Heavy snow made it", "“The army cannot"):
        assert [flag for text, flag in alone.items() if text.startswith(good)] == [True], (good, alone)
