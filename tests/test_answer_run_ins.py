"""Captions, headlines and notices run into a sentence, or stood alone before it, are no line of an answer
(issue 21, kinds 3 and 4): where the parse glued a caption's last words to the sentence after it, where a caption
runs into a quotation, a 'Name: "quote"' headline, a caption with no full stop, a video's caption above the
player's notice, and two sentences one full stop apart after a figure's unit ("$60m. The")."""

from __future__ import annotations

from pathlib import Path

from bot.extract.pipeline import analyse
from bot.ingest.model import RawArticle
from tests.test_answer_lines import summary_of


def _lines(db, tmp_path: Path, body: str) -> list[str]:
    return summary_of(db, tmp_path, "Floods in northern Peru", body)


def test_a_caption_whose_last_figure_or_noun_the_parse_joined_to_the_next_subject_is_no_line(
    empty_db, tmp_path
) -> None:
    """'… now stands at 40,000 Maria Quispe was …': the parse read the name as the object of 'at'; '… 12 were
    students Peruvian police and soldiers were …': it read 'students' as a modifier of 'police'. Each sentence after
    the caption is shown on its own; the caption is not shown."""
    body = ("Rescue teams searched the collapsed market in Piura on Monday, officials said.\n\n"
            "The number of families left homeless by the floods now stands at 40,000 Maria Quispe was part of a "
            "volunteer team from Cusco and is also a part-time nurse.\n\n"
            "Of the 30 people hurt in the blast, 12 were students Peruvian police and soldiers were behind the raid "
            "on the campus in March, prosecutors have concluded.")
    lines = _lines(empty_db, tmp_path, body)
    assert not any("40,000" in line for line in lines), lines
    assert not any("12 were students" in line for line in lines), lines
    assert any(line.startswith("Maria Quispe was part of a volunteer team") for line in lines), lines
    assert any(line.startswith("Peruvian police and soldiers were behind the raid") for line in lines), lines


def test_a_caption_run_into_a_quotation_or_a_name_quote_headline_is_no_line(empty_db, tmp_path) -> None:
    """'Hospitals were overwhelmed by the floods "We have …," says Dr Ramos.' is a caption and a quote; 'Ana Ruiz:
    "We will rebuild every school" The mayor …' is a headline and the lead. The caption and headline are not
    shown; the lead is, whole."""
    body = ('Ana Ruiz: "We will rebuild every school" Lima\'s mayor, Ana Ruiz, has said the city will rebuild '
            "all 40 schools damaged by the floods before the next term begins.\n\n"
            'Hospitals in Piura were overwhelmed by the 1998 floods "We have very little information about this '
            'outbreak," says Dr Ramos.')
    lines = _lines(empty_db, tmp_path, body)
    assert any(line.startswith("Lima's mayor, Ana Ruiz, has said the city will rebuild") for line in lines), lines
    assert not any("overwhelmed by the 1998 floods" in line for line in lines), lines
    assert not any('"We will rebuild every school"' in line for line in lines), lines


def test_a_caption_without_a_full_stop_and_a_clip_caption_are_no_lines(empty_db, tmp_path) -> None:
    """A caption stood before the body with no full stop ('The 1998 floods were caused by a strong El Nino event')
    and the line above a player's notice run into the text ('This video has not been independently verified', as a
    plain-text archive keeps the page) are not shown; the story's sentences are."""
    body = ("The 1998 floods were caused by a strong El Nino event\n\n"
            "Farmers in the Piura valley have lost most of this year's rice harvest, the agriculture ministry said on "
            "Tuesday.\n\n"
            "Jorge Salas says there is little left of the market in Chosica. "
            "This video has not been independently verified "
            "The government has sent 200 soldiers to help clear the roads into the valley, officials said.")
    lines = _lines(empty_db, tmp_path, body)
    assert any(line.startswith("Farmers in the Piura valley have lost") for line in lines), lines
    assert any(line.startswith("The government has sent 200 soldiers") for line in lines), lines
    assert not any("El Nino event" in line for line in lines), lines
    assert not any("Jorge Salas says" in line for line in lines), lines


def test_a_full_stop_after_a_figure_s_unit_ends_a_line(empty_db, tmp_path) -> None:
    """'… bringing the aid to $60m. The minister later …' is two sentences, each a line of its own."""
    body = ("The government announced an extra $4.5m in help for families in Piura, saying this would bring its aid "
            "to the region to $60m. The housing minister later held talks with regional governors in Trujillo, "
            "before returning to Lima.")
    lines = _lines(empty_db, tmp_path, body)
    assert any(line.endswith("to the region to $60m.") for line in lines), lines
    assert any(line.startswith("The housing minister later held talks") for line in lines), lines


def test_readers_comments_that_shout_in_capitals_end_the_article(empty_db, tmp_path) -> None:
    """A blog's comments printed straight after it, with no 'wrote:' stamp left: a sentence in ordinary case shouting
    words in capitals ('… is only a HOLDING PATTERN in its plan …') opens them, and neither it nor what follows is
    a line. Capitals in a quotation the story reports ('… the text said: "Tonight SOLAR STORMS will …') stay."""
    body = ("Farmers in the Piura valley have lost most of this year's rice harvest, the agriculture ministry said on "
            "Tuesday.\n\n"
            'A hoax text message seen by thousands in Lima on Sunday said: "Tonight SOLAR STORMS will hit the coast," '
            "and police asked residents to ignore it.\n\n"
            "Government has made clear the aid promised Monday is only a HOLDING PATTERN in its plan for the region. "
            "Engineers have warned for years that the river banks in the valley would give way after heavy rain.")
    lines = _lines(empty_db, tmp_path, body)
    assert any(line.startswith("Farmers in the Piura valley have lost") for line in lines), lines
    assert any("SOLAR STORMS" in line for line in lines), lines
    assert not any("HOLDING PATTERN" in line or "Engineers have warned" in line for line in lines), lines



def test_a_wire_s_headline_bullets_and_byline_run_into_the_dateline_are_no_line() -> None:
    """A wire page whose breaks were lost: headline, a summary bullet and the byline run into the dateline and the
    lead ('… By Ana Ruiz and Luis Soto LIMA, March 5 (Reuters) - Most copper mines …'). The lead is a line of its
    own; no line that may be shown holds the byline or the dateline."""
    body = ("Peru copper output seen recovering after floods * Mines in the north resume work By Ana Ruiz and Luis "
            "Soto LIMA, March 5 (Reuters) - Most copper mines in northern Peru escaped serious flood damage and output "
            "should recover within weeks, the mining ministry said on Tuesday.")
    analysis = next(analyse([RawArticle(title="Copper output to recover", text=body, published="2024-03-05")]))
    shown = [s.text for s in analysis.sentences if s.kind == "body" and s.alone]
    assert any(line.startswith("Most copper mines in northern Peru escaped") for line in shown), shown
    assert not any("By Ana Ruiz" in line or "(Reuters)" in line for line in shown), shown


def test_a_glossary_entry_in_brackets_is_not_part_of_a_line(empty_db, tmp_path) -> None:
    """A schools page explains a word in brackets after it ('(flood defences: Walls or barriers which keep river water
    out of houses.)'): the definition is for pupils, the line is the story's sentence without it."""
    body = ("Because few homes in Piura had flood defences (flood defences: Walls or barriers which keep river water "
            "out of houses.), the damage in the city was severe, officials said on Monday.")
    lines = _lines(empty_db, tmp_path, body)
    line = "Because few homes in Piura had flood defences, the damage in the city was severe, officials said on Monday."
    assert line in lines, lines



def test_a_caption_split_off_a_sentence_dates_no_event() -> None:
    """The caption 'Hospitals in Piura were overwhelmed during the floods of 1998', run into a quote and split off
    it, dates no event a timeline could show (it did on the flu desk: a 1918 caption as the line for 1918); the
    story's dated sentence does."""
    body = ('Hospitals in Piura were overwhelmed during the floods of 1998 "We have very little information about '
            'this outbreak," says Dr Ramos.\n\n'
            "The health ministry sent 40 doctors to Piura on 2 March 2024 to help the city's hospitals, officials "
            "said.")
    analysis = next(analyse([RawArticle(title="Floods in northern Peru", text=body, published="2024-03-05")]))
    dated = [analysis.sentences[e.sent].text for e in analysis.events]
    assert any("40 doctors" in text for text in dated), dated
    assert not any("overwhelmed during the floods" in text for text in dated), dated


def test_two_acronyms_in_a_row_do_not_end_the_article(empty_db, tmp_path) -> None:
    """Two organisations' acronyms side by side in a sentence of the story ('the NATO ISAF mission', 'the
    NATO AWACS fleet') are names, not a reader shouting: the sentence and the paragraphs after it stay lines."""
    body = ("Pilots of the NATO AWACS fleet flew relief supplies into Piura on Monday, officials said."
            "\n\nEngineers have warned for years that the river banks in the valley would give way after heavy rain.")
    lines = _lines(empty_db, tmp_path, body)
    assert any(line.startswith("Pilots of the NATO AWACS fleet flew") for line in lines), lines
    assert any(line.startswith("Engineers have warned for years") for line in lines), lines


def test_the_story_s_line_before_a_player_s_notice_is_shown(empty_db, tmp_path) -> None:
    """A player's notice ('Media playback is unsupported on your device', 'Sorry, this media is not available in your
    territory') opens the media block, above its caption: the sentence before it, in a paragraph whose breaks were
    lost, is the story's and is shown."""
    body = ("The mayor of Piura said on Monday that 40 homes had been destroyed in the city. "
            "Media playback is unsupported on your device\n\n"
            "Rescue teams reached the town of Catacaos on Tuesday with boats, the regional government said. "
            "Sorry, this media is not available in your territory.")
    lines = _lines(empty_db, tmp_path, body)
    assert any(line.startswith("The mayor of Piura said on Monday") for line in lines), lines
    assert any(line.startswith("Rescue teams reached the town of Catacaos") for line in lines), lines
