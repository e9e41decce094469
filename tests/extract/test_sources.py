"""The ``sources`` stage: who makes each figure claim.

The sentences are written for these tests in the style of wire reports. Most tests call
:func:`claimant_for` on the number's position (no parse needed); the last ones run the whole
pipeline so the claims come from real figures.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tollwatch.extract import extract_report, make_report
from tollwatch.extract.figures import FigureMention
from tollwatch.extract.numbers import NumberMention
from tollwatch.extract.pipeline import Context
from tollwatch.extract.sentences import run as split_sentences
from tollwatch.extract.sources import claimant_for, run, speaker_from_phrase
from tollwatch.model import CLAIMANT_KINDS, Span, normalise_text


def context_for(text: str) -> Context:
    ctx = Context(report=make_report(text))
    split_sentences(ctx)
    return ctx


def who(text: str, number: str, nth: int = 0) -> tuple[str, str] | None:
    """(claimant, kind) of the ``nth`` occurrence of ``number`` in ``text``, or None."""
    ctx = context_for(text)
    pos = -1
    for _ in range(nth + 1):
        pos = ctx.text.index(number, pos + 1)
    sentence = next(s.index for s in ctx.sentences if s.start <= pos < s.end)
    att = claimant_for(ctx, sentence=sentence, position=pos, end=pos + len(number))
    return (att.speaker.name, att.speaker.kind) if att else None


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        # according to X
        (
            "Fourteen civilians died in the raid on Kafr Zita, according to the Syrian Network "
            "for Human Rights.",
            "Fourteen",
            ("Syrian Network for Human Rights (SNHR)", "monitor"),
        ),
        (
            "Nine people were killed, according to a statement by the provincial health directorate.",
            "Nine",
            ("health directorate", "medical"),
        ),
        # X said (that) ...
        (
            "The Observatory said 31 fighters were killed in the battle for the airport.",
            "31",
            ("Syrian Observatory for Human Rights", "monitor"),
        ),
        (
            "Deir Ezzor governor Fadel Najjar said that 17 people had been wounded.",
            "17",
            ("Fadel Najjar", "local_official"),
        ),
        (
            "The provincial governor told state television that 11 people had died.",
            "11",
            ("provincial governor", "local_official"),
        ),
        (
            "Rebels said 40 soldiers were killed in the ambush near Morek.",
            "40",
            ("Rebels", "armed_group"),
        ),
        # ..., X said / ..., said X
        (
            "Fifteen people were killed in the explosion, the Interior Ministry said in a statement.",
            "Fifteen",
            ("Interior Ministry", "government"),
        ),
        (
            "At least 26 people died when the building collapsed, said Yasser Hamdan, a doctor at "
            "the field hospital.",
            "26",
            ("Yasser Hamdan", "medical"),
        ),
        # no comma, as some copy comes
        (
            "A car bomb killed 12 people in Jarablus on Monday a monitoring group said.",
            "12",
            ("monitoring group", "monitor"),
        ),
        # X put the death toll at / gave a toll of
        (
            "The White Helmets rescue group put the death toll at 52.",
            "52",
            ("Syrian Civil Defence (White Helmets)", "rescue"),
        ),
        (
            "The Kurdish Red Crescent gave a toll of 23 dead and 70 wounded.",
            "23",
            ("Kurdish Red Crescent", "ngo"),
        ),
        # a figure given by X
        (
            "The UN said 8,000 people had fled, fewer than the 12,000 reported by the Norwegian "
            "Refugee Council.",
            "12,000",
            ("Norwegian Refugee Council (NRC)", "ngo"),
        ),
        (
            "The UN said 8,000 people had fled, fewer than the 12,000 reported by the Norwegian "
            "Refugee Council.",
            "8,000",
            ("United Nations (UN)", "un_agency"),
        ),
        # apposition before the verb
        (
            "Mahmoud Othman, a spokesman for the Civil Defence, said 19 bodies had been recovered.",
            "19",
            ("Mahmoud Othman", "rescue"),
        ),
        (
            "A nurse at the clinic, Huda Saleh, said 7 of the wounded were children.",
            "7",
            ("Huda Saleh", "witness"),
        ),
        # state media, activists, medics
        (
            "Syrian state media said 5 people were killed by rebel shelling.",
            "5",
            ("Syrian state media", "state_media"),
        ),
        ("Activists reported 33 dead in the town.", "33", ("Activists", "activists")),
        ("Medics said 21 people were treated for breathing problems.", "21", ("Medics", "medical")),
    ],
)
def test_claimant_patterns(text: str, number: str, expected: tuple[str, str]):
    assert who(text, number) == expected


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Thirty people died in the blast in the centre of the town.", "Thirty"),
        # blaming is not saying the figure
        ("An air strike activists blamed on Russia killed 18 civilians on Friday.", "18"),
        # the killing verb "claimed" is not a claim of words
        ("The strike claimed 12 lives, including those of four children.", "12"),
        # a pronoun nobody was named for
        ("Eleven people were killed in the strike, it said.", "Eleven"),
    ],
)
def test_report_voice(text: str, number: str):
    assert who(text, number) is None


def test_quote_belongs_to_its_speaker():
    text = (
        'Rescue work went on through the night. "We pulled 11 bodies from the rubble," said '
        "Karim Nasser, a volunteer with the White Helmets."
    )
    assert who(text, "11") == ("Karim Nasser, Syrian Civil Defence (White Helmets)", "rescue")


def test_quote_speaker_named_before_the_quote():
    text = 'Hospital director Samer Haddad said: "We received 35 wounded in two hours."'
    assert who(text, "35") == ("Samer Haddad", "medical")


def test_quote_spanning_sentences_belongs_to_the_speaker_after_it():
    text = (
        '"The shelling did not stop. We counted 14 dead before noon," Leila Darwish, a '
        "resident of the town, told Reuters."
    )
    assert who(text, "14") == ("Leila Darwish", "witness")


def test_pronoun_resolves_to_the_speaker_before():
    text = (
        "The Syrian Observatory for Human Rights said the strikes hit a bakery. It added that "
        "nine children were among the dead."
    )
    assert who(text, "nine") == ("Syrian Observatory for Human Rights", "monitor")


def test_he_said_resolves_to_the_person_named_before():
    text = (
        "A doctor at the town's hospital, Omar Haddad, said most of the wounded were civilians. "
        '"We have received 19 bodies so far," he said.'
    )
    assert who(text, "19") == ("Omar Haddad", "medical")


def test_definite_description_resolves_to_the_named_body():
    text = (
        "The Violations Documentation Center counted the dead. The monitor said 61 were civilians."
    )
    assert who(text, "61") == ("Violations Documentation Center (VDC)", "monitor")


def test_the_nearest_attribution_governs():
    text = (
        "State media said 10 soldiers were killed, while the Syrian Observatory for Human Rights "
        "said 25 soldiers died."
    )
    assert who(text, "10") == ("State media", "state_media")
    assert who(text, "25") == ("Syrian Observatory for Human Rights", "monitor")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        (
            "the Britain-based Syrian Observatory for Human Rights",
            ("Syrian Observatory for Human Rights", "monitor"),
        ),
        ("UNICEF", ("UN Children's Fund (UNICEF)", "un_agency")),
        ("the World Health Organization", ("World Health Organization (WHO)", "un_agency")),
        ("a witness", ("witness", "witness")),
        ("SANA", ("Syrian Arab News Agency (SANA)", "state_media")),
        (
            "the Islamic State group's Amaq news agency",
            ("Amaq News Agency (Islamic State)", "armed_group"),
        ),
        ("the mayor of Manbij", ("mayor of Manbij", "local_official")),
        ("Moscow", ("Moscow", "government")),
    ],
)
def test_speaker_from_phrase(phrase: str, expected: tuple[str, str]):
    speaker = speaker_from_phrase(phrase)
    assert speaker is not None
    assert (speaker.name, speaker.kind) == expected


def test_run_makes_claims_in_text_order_with_parts(nlp):
    """The stage itself, on hand-made figures: ids in text order, part_of mapped to ids."""
    text = "Eight civilians, including two children, were killed, according to state media."
    ctx = context_for(text)

    def fig(word: str, part_of: int | None) -> FigureMention:
        s = ctx.text.index(word)
        span = Span(start=s, end=s + len(word), text=word)
        number = NumberMention(
            value={"Eight": 8, "two": 2}[word],
            low=None,
            high=None,
            qualifier="exact",
            span=span,
            number_span=span,
            sentence=0,
        )
        evidence = Span(start=0, end=len(ctx.text), text=ctx.text)
        return FigureMention(
            figure="killed",
            number=number,
            victims=("civilians",),
            unit="people",
            evidence=evidence,
            sentence=0,
            cue=span,
            part_of=part_of,
        )

    # Given out of text order on purpose: the part first, pointing at the whole (index 1).
    ctx.figures = [fig("two", 1), fig("Eight", None)]
    run(ctx)
    assert [(c.id, c.value, c.part_of) for c in ctx.claims] == [("c1", 8, None), ("c2", 2, "c1")]
    assert all(c.claimant == "state media" and c.claimant_kind == "state_media" for c in ctx.claims)
    assert all(c.incident is None for c in ctx.claims)
    assert all(ctx.text[c.evidence.start : c.evidence.end] == c.evidence.text for c in ctx.claims)


def test_run_without_figures_gives_no_claims():
    ctx = context_for("Talks resumed in Geneva on Monday.")
    run(ctx)
    assert ctx.claims == []


def test_pipeline_claims_carry_claimants(nlp):
    record = extract_report(
        make_report(
            "At least 12 people were killed when a car bomb exploded in Afrin on Sunday, the "
            "Syrian Observatory for Human Rights said. Kurdish officials put the death toll at 19.",
            published=date(2018, 6, 3),
        )
    )
    by_text = {c.count_text: c for c in record.claims}
    assert by_text["At least 12"].claimant == "Syrian Observatory for Human Rights"
    assert by_text["19"].claimant == "Kurdish officials"
    assert [c.id for c in record.claims] == [f"c{i + 1}" for i in range(len(record.claims))]


_WORDS = (
    "said says told Reuters according to the a Syrian Observatory for Human Rights state media "
    "activists he it she 12 at least , . : \" “ ” ' - put the death toll at gave a toll of "
    "Omar Haddad nurse governor of Idlib by given reported"
).split()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS) | st.text(max_size=5), max_size=50))
def test_any_text_gives_attributions_inside_the_text(words: list[str]):
    from tollwatch.extract.sources import attributions

    # text that normalises to nothing (control characters alone) is no report: "x" instead
    text = normalise_text(" ".join(words)) or "x"
    ctx = context_for(text)
    for atts in attributions(ctx).values():
        for a in atts:
            assert 0 <= a.start <= a.end <= len(ctx.text)
            assert a.speaker.name
            assert a.speaker.kind in CLAIMANT_KINDS
    for i, sent in enumerate(ctx.sentences):
        pos = sent.start
        att = claimant_for(ctx, sentence=i, position=pos)
        assert att is None or att.speaker.kind in CLAIMANT_KINDS


def test_british_based_monitor_is_the_observatory_named_before():
    text = (
        "The Syrian Observatory for Human Rights reported heavy raids overnight. The "
        "British-based monitor said 27 people were killed."
    )
    assert who(text, "27") == ("Syrian Observatory for Human Rights", "monitor")


def test_a_monitor_alone_keeps_its_words():
    assert who("Nine people died in the strikes, a monitor said.", "Nine") == ("monitor", "monitor")


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        # a place before "said" is not the speaker; the speaker comes after it
        (
            "Eleven people died in the suburbs of Hama said the Syrian Observatory for Human Rights.",
            "Eleven",
            ("Syrian Observatory for Human Rights", "monitor"),
        ),
        # the speaker is the noun before the place
        (
            "Activists in rural Homs said that 13 people were killed.",
            "13",
            ("Activists in rural Homs", "activists"),
        ),
        # a month or weekday before the speaker is not part of its name
        (
            "The strike killed 15 people on Friday the monitoring group said.",
            "15",
            ("monitoring group", "monitor"),
        ),
        (
            "According to an April report by Physicians for Human Rights, 41 medics were killed.",
            "41",
            ("Physicians for Human Rights", "medical"),
        ),
        # a capitalised word of a name ("Without") does not cut it
        (
            "Reporters Without Borders counted 9 journalists killed last year.",
            "9",
            ("Reporters Without Borders (RSF)", "ngo"),
        ),
        # "the group said" is the body named before
        (
            "The Violations Documentation Center published its monthly tally. The group said "
            "212 civilians died in May.",
            "212",
            ("Violations Documentation Center (VDC)", "monitor"),
        ),
    ],
)
def test_claimant_edge_patterns(text: str, number: str, expected: tuple[str, str]):
    assert who(text, number) == expected


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Initial reports of 6 killed came from the town.", "6"),  # "reports of": a noun
        ("A reported blast killed at least 8 people.", "8"),  # "reported" as an adjective
        ("An estimated 170,000 people have been killed.", "170,000"),
        ("Daily reports of attacks left 30 people dead.", "30"),
        ("Some 20 people died in Idlib province, said.", "20"),
    ],
)
def test_not_a_speaker(text: str, number: str):
    assert who(text, number) is None


def test_it_said_goes_on_with_the_subject_of_the_sentence_before():
    # The sentence before names a source as its subject but quotes nobody: "It" is that
    # source, not the last speaker further back.
    text = (
        "The White Helmets said 20 people were pulled from the rubble. Iranian state television "
        "gave no account of the raid. It said insurgent mortar fire killed four people in a "
        "government-held suburb on Thursday."
    )
    assert who(text, "four") == ("Iranian state television", "state_media")


def test_it_said_after_a_quoting_sentence_keeps_the_speaker():
    text = (
        "Activists gave no figure. The Syrian Observatory for Human Rights said the raid hit a "
        "school. It said seven pupils were among the dead."
    )
    assert who(text, "seven") == ("Syrian Observatory for Human Rights", "monitor")


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        # the words before "said" are where the speaker is; the subject is the speaker
        (
            "Doctors at a clinic in the town said 23 people had been treated for burns.",
            "23",
            ("Doctors", "medical"),
        ),
        (
            "Residents in the village said five farmers were killed by a landmine.",
            "five",
            ("Residents", "witness"),
        ),
        # the giver of an estimate, however long the estimate's words
        (
            "Provincial officials put the number of people who fled since the assault began on "
            "June 3 at more than 40,000.",
            "40,000",
            ("Provincial officials", "government"),
        ),
        (
            "A spokesman for the rebel alliance put the toll lower, at nine dead.",
            "nine",
            ("spokesman for the rebel alliance", "armed_group"),
        ),
    ],
)
def test_speaker_before_a_place_or_an_estimate(text: str, number: str, expected: tuple[str, str]):
    assert who(text, number) == expected


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        # a named body, an apposition, then "said" and what was said
        (
            "The Syrian Network for Human Rights, a monitoring group based abroad, said the jets "
            "struck twice and that 17 people were wounded.",
            "17",
            ("Syrian Network for Human Rights (SNHR)", "monitor"),
        ),
        # a health office is a medical source
        (
            "The health office of Hama province later gave a toll of 21 dead.",
            "21",
            ("health office of Hama province", "medical"),
        ),
    ],
)
def test_apposition_and_health_office(text: str, number: str, expected: tuple[str, str]):
    assert who(text, number) == expected


def test_speaker_before_a_relative_clause():
    text = "Doctors who treated the wounded said 16 people had died overnight."
    assert who(text, "16") == ("Doctors", "medical")


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # parts from two sources: the sum is the report's own
        (
            "The blast killed 18 people, a war monitor said. Two more died in hospital "
            "overnight, medics said.",
            None,
        ),
        # every part from one source: the sum is that source's
        (
            "The monitor said 9 fighters were killed in the ambush. Another four died when "
            "their convoy was shelled, the monitor said.",
            "monitor",
        ),
    ],
)
def test_an_added_total_has_a_claimant_only_when_its_parts_share_one(
    nlp, text: str, claimant: str | None
):
    record = extract_report(make_report(text), model=None)
    totals = [c for c in record.claims if any(p.part_of == c.id for p in record.claims)]
    assert len(totals) == 1
    assert totals[0].claimant == claimant


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Abu Karim, a rebel commander, told reporters that 11 fighters were killed.", "Abu Karim"),
        ("Umm Khaled said 6 of her neighbours died in the strike.", "Umm Khaled"),
        # a place's own "Abu" stays the place's
        ("Residents of Abu Kamal said 6 people died in the strike.", "Residents of Abu Kamal"),
    ],
)
def test_a_name_opening_with_abu_or_umm_keeps_it(text: str, name: str):
    number = next(w for w in text.split() if w.isdigit())
    assert who(text, number)[0] == name


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        # a source speaking from a body: the body is in the claimant's name
        (
            "A source at Homs police command told the agency that a mortar shell killed "
            "three people in the old city.",
            "three",
            "police command",
        ),
        (
            "A source at Hama Governorate said on Tuesday that four civilians were wounded "
            "when rockets hit the market.",
            "four",
            "source at Hama Governorate",
        ),
        # "the source" goes back to the source named before, not to an armed group between
        (
            "A source at Hama Governorate told the agency that IS militants fired the "
            "shells. The attacks according to the source killed two persons.",
            "two",
            "source at Hama Governorate",
        ),
        # sources the report does not place keep their words
        (
            "Meanwhile civil sources told the agency that six persons were wounded in "
            "the shelling of the two villages.",
            "six",
            "civil sources",
        ),
        (
            "Informed sources said 14 fighters were killed in the ambush.",
            "14",
            "Informed sources",
        ),
    ],
)
def test_sources_speaking_from_a_body_or_unplaced(text: str, number: str, expected: str):
    got = who(text, number)
    assert got is not None and got[0] == expected, got


def test_a_quotation_is_not_given_to_a_long_subject_after_it():
    # the next sentence's subject has a clause of its own before its verb: it does not speak
    # the quotation that ends right before it
    text = (
        'Samir Haddad, a surgeon at the hospital, told reporters: "We have received dozens '
        'of wounded. Eleven of them died overnight." The Observatory which relies on a '
        "network of medics and activists said later that 40 people had been killed."
    )
    got = who(text, "Eleven")
    assert got is not None and got[0].endswith("Samir Haddad"), got
    assert who(text, "40") == ("Syrian Observatory for Human Rights", "monitor")


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        # a person of a body is "Person, Body", with or without the commas around the role
        (
            "Mahmoud Salem director of the Britain-based Syrian Observatory for Human Rights",
            "Mahmoud Salem, Syrian Observatory for Human Rights",
        ),
        (
            "Mahmoud Salem, director of the Syrian Observatory for Human Rights",
            "Mahmoud Salem, Syrian Observatory for Human Rights",
        ),
        (
            "Khaled Omar of the Syrian Civil Defence",
            "Khaled Omar, Syrian Civil Defence (White Helmets)",
        ),
        # role words alone stay the role
        ("a spokesman for the White Helmets", "spokesman, Syrian Civil Defence (White Helmets)"),
    ],
)
def test_a_person_of_a_named_body(phrase: str, name: str):
    from tollwatch.extract.sources import speaker_from_phrase

    speaker = speaker_from_phrase(phrase)
    assert speaker is not None and speaker.name == name
