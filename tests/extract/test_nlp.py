"""Loading spaCy, and the norms tollwatch gives acronyms that are also English words."""

from __future__ import annotations

import pytest

from tollwatch.extract.nlp import ACRONYMS_COMPONENT, load_nlp


def test_the_acronym_component_runs_first(nlp):
    assert nlp.pipe_names[0] == ACRONYMS_COMPONENT
    assert load_nlp() is nlp  # loaded once per process, the component added once
    assert nlp.pipe_names.count(ACRONYMS_COMPONENT) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Air strikes killed 30 IS jihadists on Monday.",
        "At least 120 IS militants were killed in the battle.",
        "The attack was claimed by IS, the monitor said.",
    ],
)
def test_is_the_group_is_not_the_verb(nlp, text: str):
    tok = next(t for t in nlp(text) if t.text == "IS")
    assert tok.norm_ == "isis"
    assert tok.tag_ != "VBZ"


def test_is_in_a_line_of_capitals_stays_the_verb(nlp):
    tok = next(t for t in nlp("WHAT IS LEFT OF THE CITY") if t.text == "IS")
    assert tok.norm_ == "is"


def test_the_verb_is_keeps_its_norm(nlp):
    tok = next(t for t in nlp("The toll is rising, the monitor said.") if t.text == "is")
    assert tok.norm_ == "is"
