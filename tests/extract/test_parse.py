"""The parse stage: only candidate sentences get a full parse, with report offsets."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tollwatch.extract import make_report, numbers, parse, sentences
from tollwatch.extract.pipeline import Context

TEXT = (
    "The offensive began at dawn.\n"
    "At least 21 civilians were killed in the shelling, medics said.\n"
    "The minister visited 3 provinces in 2016.\n"
    "Thousands have fled the town."
)


def prepared(nlp, text: str = TEXT) -> Context:
    ctx = Context(report=make_report(text), nlp=nlp)
    sentences.run(ctx)
    numbers.run(ctx)
    return ctx


def test_only_candidates_are_parsed(nlp):
    ctx = prepared(nlp)
    parse.run(ctx)
    assert [s.candidate for s in ctx.sentences] == [False, True, False, True]
    assert [s.doc is not None for s in ctx.sentences] == [False, True, False, True]


def test_token_offsets_are_report_offsets(nlp):
    ctx = prepared(nlp)
    parse.run(ctx)
    for sent in ctx.sentences:
        if sent.doc is None:
            continue
        for token in sent.doc:
            start = sent.start + token.idx
            assert ctx.text[start : start + len(token.text)] == token.text


def test_parse_sentences_on_demand_keeps_earlier_parses(nlp):
    ctx = prepared(nlp)
    parse.run(ctx)
    before = ctx.sentences[1].doc
    parse.parse_sentences(ctx, ctx.sentences)
    assert all(s.doc is not None for s in ctx.sentences)
    assert ctx.sentences[1].doc is before
    assert not ctx.sentences[0].candidate  # parsing on demand does not make a candidate


def test_named_entities_stay_available(nlp):
    ctx = prepared(
        nlp, "The Syrian Observatory for Human Rights said 12 people were killed in Idlib."
    )
    parse.run(ctx)
    doc = ctx.sentences[0].doc
    assert doc is not None and len(doc.ents) > 0
    assert doc.has_annotation("DEP") and doc.has_annotation("TAG")


def test_without_a_model_nothing_is_parsed():
    ctx = prepared(None)
    parse.run(ctx)
    assert ctx.sentences[1].candidate and ctx.sentences[1].doc is None


def test_is_candidate_needs_a_count_and_a_cue(nlp):
    ctx = prepared(nlp)
    by_sentence = {i: [n for n in ctx.numbers if n.sentence == i] for i in range(4)}
    assert parse.is_candidate(ctx.sentences[1], by_sentence[1])
    assert not parse.is_candidate(ctx.sentences[2], by_sentence[2])  # no figure word
    assert not parse.is_candidate(ctx.sentences[0], by_sentence[0])  # no number


def test_whitespace_runs_and_glued_words_keep_report_offsets(nlp):
    text = (
        "About  800  internally  displaced  people\twere stuck, with14,593 families and "
        "floods forcedmore than 1,000 people to stay in a shelter."
    )
    ctx = prepared(nlp, text)
    parse.run(ctx)
    doc = ctx.sentences[0].doc
    assert doc is not None and doc.text == ctx.sentences[0].text
    words = [t.text for t in doc]
    assert "14,593" in words and "forced" in words and "more" in words  # split for the parser
    for token in doc:
        start = ctx.sentences[0].start + token.idx
        assert ctx.text[start : start + len(token.text)] == token.text
    by_text = {t.text: t for t in doc}
    assert by_text["800"].head.text == "people"  # the runs of spaces did not derail the parse


def test_glue_split_leaves_real_words_alone(nlp):
    assert parse._glue_split(nlp, "displaced") is None
    assert parse._glue_split(nlp, "neighbourhoods") is None
    assert parse._glue_split(nlp, "hadevacuated") == 3


@given(
    st.lists(
        st.sampled_from(
            [
                "At least",
                "21",
                "civilians",
                "were",
                "killed",
                "  ",
                "\t",
                "\n",
                "\u00a0",
                "with14,593",
                "forcedmore",
                "hadevacuated",
                "fled",
                ",",
                ".",
                "(",
                ")",
                "-",
                "families",
                "A320",
            ]
        ),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from(["", " ", "  "]),
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_parse_keeps_the_text_whatever_its_whitespace(nlp, parts: list[str], joiner: str):
    text = joiner.join(parts)
    if not text.strip():
        return
    ctx = prepared(nlp, text)
    parse.parse_sentences(ctx, ctx.sentences)
    for sent in ctx.sentences:
        assert sent.doc is not None and sent.doc.text == sent.text
        assert sent.doc.has_annotation("DEP")


def test_glue_split_does_not_depend_on_what_was_parsed_before(nlp):
    nlp.make_doc("Residents hadevacuated before dawn.")  # puts the glued word in the string store
    assert parse._glue_split(nlp, "hadevacuated") == 3


# Sentences of my own for each kind of cue of victims counted without a number.
NO_NUMBER_CUES = [
    "Inspector Flores died in the explosion.",
    "His driver and one of his bodyguards were killed.",
    "The assassinated mayor was buried on Sunday.",
    "Relatives mourned the judge's murder.",
    "The killing of Alvarez was condemned.",
    "Gunmen murdered Judge Villegas at her home.",
    "Others were injured when the roof fell.",
    "Shelling wounded a number of residents.",
    "Two of the children were among the dead.",
    "The farmer lost his life in the blast.",
    "A doctor was beaten to death by the crowd.",
    "THE ASSASSINATION OF HECTOR OQUELI WAS DENOUNCED.",
    "The guard was \u0131njured and two others were \u017flain.",  # dotless i, long s
]


def _cue_matches(text: str) -> bool:
    return any(
        rx.search(text) is not None
        for rx in (parse.PERSON_CUES, parse.PERSON_ACT_CUES, parse.VAGUE_CUES)
    )


def test_cheap_gate_never_hides_a_cue():
    for text in NO_NUMBER_CUES:
        assert _cue_matches(text), text
        assert parse._may_count_without_number(text), text
    assert not parse._may_count_without_number("The minister visited the camp on Monday.")


def test_cheap_gate_never_hides_a_cue_in_the_eval_reports(shared_eval):
    import json

    for name in ("fakes-dev.jsonl", "muc-dev.jsonl", "airwars-dev.jsonl"):
        with open(shared_eval / name, encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                for piece in text.split(". "):
                    if _cue_matches(piece):
                        assert parse._may_count_without_number(piece)
