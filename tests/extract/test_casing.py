"""The usual-case view of text written in capitals (extract/casing.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tollwatch.extract import extract_text
from tollwatch.extract.casing import is_shouted, truecase, view


def test_a_wire_line_in_capitals_reads_in_its_usual_case():
    text = "GUNMEN KILLED A POLICE CORPORAL AND TWO PEASANTS IN SANTA ANA ON MONDAY."
    assert view(text) == "Gunmen killed a police corporal and two peasants in Santa Ana on Monday."


def test_names_no_list_knows_are_title_cased_and_acronyms_kept():
    text = "THE FMLN SAID COMMANDER RUTILIO ZAMBRANO WAS CAPTURED NEAR THE BORDER."
    assert view(text) == "The FMLN said commander Rutilio Zambrano was captured near the border."


def test_each_sentence_starts_with_a_capital_and_i_stays_upper():
    text = 'TWO SOLDIERS DIED. I SAW THEM FALL, THE WITNESS SAID. "THEY WERE YOUNG."'
    assert view(text) == 'Two soldiers died. I saw them fall, the witness said. "They were young."'


def test_neighbours_settle_months_and_names():
    # a month after a day, before a year; a word that is no English word beside a name; a
    # word between two names
    text = "SINCE 3 MARCH, AND IN MAY 1989, THE ARMY HELD MARCELO PALOMINO QUISPE AND DANILO DIAZ."
    assert view(text) == (
        "Since 3 March, and in May 1989, the army held Marcelo Palomino Quispe and Danilo Diaz."
    )
    # the same words without such neighbours keep their usual case
    text = "THE TROOPS MAY MARCH AT DAWN; THE PALOMINO HORSE WAS SHOT."
    assert view(text) == "The troops may march at dawn; the palomino horse was shot."


def test_mixed_case_text_is_left_alone():
    text = "Shelling killed 4 people in Idlib on Monday, the UN and the SOHR said."
    assert view(text) is text
    assert not is_shouted(text)


def test_only_the_shouted_parts_of_a_mixed_report_change():
    text = "SEVEN DEAD IN MARKET BLAST IN TAIZ\nSeven people were killed in Taiz, medics said."
    assert view(text) == (
        "Seven dead in market blast in Taiz\nSeven people were killed in Taiz, medics said."
    )
    line = "Report. FOUR PEOPLE WERE KILLED IN THE ATTACK ON THE BUS. Then more."
    assert view(line) == "Report. Four people were killed in the attack on the bus. Then more."


def test_a_few_capitals_are_no_shouting():
    assert not is_shouted("UN OCHA")
    assert is_shouted("A CORPORAL AND A GUERRILLA WERE KILLED")


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_the_view_keeps_every_offset(text):
    shown = view(text)
    assert len(shown) == len(text)
    assert all(a == b or a.lower() == b.lower() for a, b in zip(shown, text, strict=True))
    assert len(truecase(text)) == len(text)


def test_a_report_in_capitals_is_parsed_in_its_usual_case_and_quoted_as_written():
    text = (
        "SAN SALVADOR, 12 MAR 90 (RADIO NACIONAL) -- [TEXT] SIX PEASANTS, TWO OF THEM "
        "CHILDREN, WERE KILLED TODAY WHEN ARMY TROOPS SHELLED THE VILLAGE OF EL ROSARIO."
    )
    record = extract_text(text)
    killed = [c for c in record.claims if c.figure == "killed"]
    assert [c.value for c in killed][:1] == [6]
    ev = killed[0].evidence
    assert text[ev.start : ev.end] == ev.text  # evidence indexes the text as written
    assert "PEASANTS" in ev.text
