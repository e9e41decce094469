"""The indexed attribute-ruler matching finds exactly what spaCy's Matcher finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.pipeline import AttributeRuler

from tollwatch.extract.fastrules import IndexedMatch, Unsupported, compile_patterns

REPO = Path(__file__).resolve().parents[2]

# Report-style sentences plus the odd cases the ruler's exceptions exist for.
SENTENCES = [
    "At least 21 civilians were killed on Wednesday, the Syrian Civil Defence said.",
    "There were 45 bodies in the rubble, but that is not the final toll.",
    "Rescuers said they didn't know whether it was a barrel bomb or a missile.",
    "I saw it myself, you know, and it's gonna get worse if they don't stop.",
    "Y'all have got ta leave, let's go now c'm on.",
    "He gets there and got hit.  Two   spaces\tand a tab.",
    "Which one? That which is done is done; do it, does it, did it, had it, have it.",
    "The toll, whereas earlier reports said 12, now stands at 30 as of Friday morning.",
]


def _texts() -> list[str]:
    texts = list(SENTENCES)
    for path in sorted((REPO / "examples").glob("*.txt")):
        texts.extend(p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip())
    return texts


def test_same_matches_as_spacys_matcher(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, IndexedMatch)  # load_nlp installed it
    before = [name for name in nlp.pipe_names if name not in ("attribute_ruler", "lemmatizer")]
    texts = _texts()
    assert len(texts) > 20
    with nlp.select_pipes(enable=[n for n in before if n != "ner"]):
        docs = list(nlp.pipe(texts))
    for doc in docs:
        assert ruler.match(doc) == AttributeRuler.match(ruler, doc), doc.text


def test_same_annotations_on_the_eval_reports(nlp, shared_eval: Path):
    ruler = nlp.get_pipe("attribute_ruler")
    with open(shared_eval / "idetect-dev.jsonl", encoding="utf-8") as f:
        texts = [json.loads(line)["text"][:3000] for line in f][:40]
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(nlp.pipe(texts))
    for doc in docs:
        fast = ruler.match(doc)
        assert fast == AttributeRuler.match(ruler, doc)
        assert fast  # every report has tags to map


@pytest.mark.parametrize(
    "pattern",
    [
        [{"TAG": "NN", "OP": "+"}],  # operators
        [{"SHAPE": "dd"}],  # an attribute it does not read
        [{"LOWER": {"FUZZY": "kiled"}}],  # a predicate it does not know
    ],
)
def test_patterns_it_does_not_understand_are_refused(pattern):
    with pytest.raises(Unsupported):
        compile_patterns([{"patterns": [pattern], "attrs": {}, "index": 0}], lambda i: i)
