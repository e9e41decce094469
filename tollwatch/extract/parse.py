"""Stage ``parse``: give a full spaCy parse to the sentences that can hold a figure, only those.

A full parse of every sentence is about three times too slow for the speed target, and most
sentences of a report carry no figure. A sentence is a *candidate* when it holds a number that
may count people (a ``count`` mention of the numbers stage) and a cue word of some figure
(killed, toll, wounded, fled, evacuated, homes, ...), cheap checks on the raw text. Only the
candidates are parsed, in one ``nlp.pipe`` batch; ``Sentence.doc`` holds each parse, whose
``token.idx + sentence.start`` is the offset in the report. A sentence written in capitals
(wire archives, telex) is parsed in its usual case (:mod:`tollwatch.extract.casing`), and the
parse laid over the report's own words: ``token.text`` is always the report's text.

Stages that need the parse of another sentence (a claimant named in the next sentence, a
blame sentence) call :func:`parse_sentences`, which parses on demand and keeps the result.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tollwatch.extract.casing import view
from tollwatch.extract.numbers.tokens import GLUED_TENS
from tollwatch.extract.pipeline import Context, Sentence, Stage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["CANDIDATE_MARKS", "FIGURE_CUES", "is_candidate", "parse_sentences", "STAGE"]

# Stems of the words that can make a number a figure (see the figures package for what each means).
# Matched case-insensitively at a word start on the raw sentence text.
FIGURE_CUES = re.compile(
    # a few function words may be glued on in text that lost its spaces ("hadevacuated")
    r"\b(?:(?:had|has|have|were|was|been|new|the|and|more|many)(?=[a-z]))?(?:kill|dead\b|death|die[ds]?\b|dying|toll|bod(?:y|ies)\b|lives\b|casualt|fatalit"
    r"|victim|martyr|massacre|slain|slay|assassinat|slaughter|perish|execut|behead|murder|neutrali|eliminat|liquidat|crucif|claim"
    r"|injur|wound|hurt|maim|recovering\b|missing|disappear|unaccounted"
    r"|kidnap|abduct|hostage|captive|detain|detention|arrest|prisoner|jail|imprison"
    r"|displac|fled\b|flee|refuge|idps?\b|homeless|uproot|exodus"
    # "3,000 families have left the eastern districts": leaving the place people live in
    r"|(?<=have\s)left\b|(?<=has\s)left\b|(?<=had\s)left\b|abandon"
    r"|evacuat|relocat|resettl|migrat|arriv|returns\b|shelter|returne|trapped|besieg|siege|threat|at\s+risk|stranded"
    r"|affect|homes\b|houses\b|destroy|damag|collaps|flooded|need\b|camps?\b|tents?\b"
    r"|centres?\b|centers?\b|sites?\b|bases?\b|host\s+famil"
    # a toll told again by a pronoun: "This was later revised to 82"
    r"|revis|updat|rose\b|risen\b|climbed\b)",
    re.IGNORECASE,
)


# Victims counted without a number (figures/persons.py): "Inspector Flores died in the
# explosion", "his driver and one of his bodyguards were killed", "the assassination of
# Hector Oqueli". A sentence with one of these is worth parsing even when it has no count.
PERSON_CUES = re.compile(
    r"\b(?:(?:was|were|been|being|got|is|are)\s+(?:\w+\s+){0,2}?"
    r"(?:killed|murdered|assassinated|slain|executed|wounded|injured|hurt|shot dead|beheaded"
    r"|martyred|kidnapped|abducted|dead\b)"
    # "the assassinated Carlos Pizarro", "Febe Velasquez' death"
    r"|\b(?:the|a)\s+(?:assassinated|murdered|slain)\s"
    r"|['’]s?\s+(?:death|murder|assassination|killing|slaying)\b"
    r"|died|to death|lost (?:his|her|their) li(?:fe|ves)"
    r"|among\s+the\s+(?:dead|injured|wounded)\b"
    r"|(?:killing|killed|murder(?:ed|ing)?|assassinat(?:ed|ing|ion)|wounding|injuring"
    r"|kidnapp(?:ed|ing)|abduct(?:ed|ing|ion))\s+(?:of\s+)?(?:a|an|the|his|her|their)\s"
    # "accused the army of murdering Ana Casanova", "gunmen murdered Judge Ana Villegas"
    r"|(?:kill|murder|assassinat|wound|injur|kidnapp)(?:ing|ed)\s+(?-i:[A-Z]))",
    re.IGNORECASE,
)
# "the killing of Alvarez", "THE ASSASSINATION OF HECTOR OQUELI": an act whose victim is named
PERSON_ACT_CUES = re.compile(
    r"\b(?i:killing|murder|assassination|death|execution|kidnapping|abduction)(?i:s?)\s+(?i:of)\s+"
    r"[A-Z]"
)

# Victims counted without a number (figures/vague.py): "others were injured", "wounding a
# number of civilians", "many injuries": a vague count a few words from a casualty word.
_VAGUE = r"(?:others|an?\s+(?:\w+\s+)?number\s+of|several|many|numerous|multiple|some|various)"
_HARM = r"(?:kill|injur|wound|hurt|death|dead)"
VAGUE_CUES = re.compile(
    rf"\b{_VAGUE}\b(?:\W+\w+){{0,5}}?\W+{_HARM}|\b{_HARM}\w*(?:\W+\w+){{0,4}}?\W+{_VAGUE}\b",
    re.IGNORECASE,
)


# context.cache key: {sentence index: is_candidate}, as the limits stage found them (a sentence
# and its numbers do not change after it, so the marks hold for the parse stage).
CANDIDATE_MARKS = "parse.candidate_marks"


# Every match of PERSON_CUES, PERSON_ACT_CUES and VAGUE_CUES holds one of these stems, in
# any case: a sentence without them is no candidate for them, and is not searched.
_NO_NUMBER_STEMS = (
    "kill murder assassinat slain slay execut wound injur hurt dead death died behead martyr"
    " kidnap abduct lost among"
).split()
# Characters that match an ASCII letter in an IGNORECASE expression but do not lower-case
# to it (dotless i, long s; dotted capital I lower-cases to two characters).
_ODD_CASE = "\u0130\u0131\u017f"


def _may_count_without_number(text: str) -> bool:
    """Can any of the cues of victims counted without a number match in ``text``?"""
    low = text.lower()
    return any(stem in low for stem in _NO_NUMBER_STEMS) or any(c in text for c in _ODD_CASE)


def is_candidate(sentence: Sentence, numbers: Iterable[object]) -> bool:
    """A sentence worth parsing: it has a count-like number and a figure cue word, or words
    that count victims without a number (:data:`PERSON_CUES`)."""
    has_count = any(
        getattr(n, "sentence", None) == sentence.index and getattr(n, "kind", "count") == "count"
        for n in numbers
    )
    if has_count and FIGURE_CUES.search(sentence.text) is not None:
        return True
    text = sentence.text
    if not _may_count_without_number(text):
        return False
    return (
        PERSON_CUES.search(text) is not None
        or PERSON_ACT_CUES.search(text) is not None
        or VAGUE_CUES.search(text) is not None
    )


def _disabled(nlp: Language) -> list[str]:
    """Pipes nobody downstream reads: the lemmatizer (the figures stage matches word forms;
    no other stage reads lemmas). Tagger, parser, attribute ruler (POS) and NER (places reads
    the entities) all run."""
    return [name for name in ("lemmatizer",) if name in nlp.pipe_names]


def parse_sentences(context: Context, sentences: Iterable[Sentence]) -> None:
    """Parse the given sentences that have no parse yet (in one batch); others are left alone."""
    if context.nlp is not None:
        _parse(context.nlp, sentences)


def _parse(nlp: Language, sentences: Iterable[Sentence]) -> None:
    todo = [s for s in sentences if s.doc is None]
    if not todo:
        return
    # A sentence written in capitals is read in its usual case (casing.view: same length,
    # so the parse is laid over the report's own words at the same offsets).
    cleaned = [_clean(nlp, view(s.text)) for s in todo]
    # A text the batch holds more than once (wire copy republished word for word) is parsed
    # once; each further sentence gets a copy of its parse (each sentence is parsed on its
    # own, so the copy is what its own parse would be).
    first: dict[str, int] = {}
    for text, _ in cleaned:
        first.setdefault(text, len(first))
    docs = list(nlp.pipe(list(first), disable=_disabled(nlp)))
    given: set[int] = set()
    for sent, (text, where) in zip(todo, cleaned, strict=True):
        k = first[text]
        doc = docs[k].copy() if k in given else docs[k]
        given.add(k)
        sent.doc = doc if text == sent.text else _lay_over(nlp, sent.text, doc, where)


# Text extracted from PDFs and web pages is full of whitespace runs, tabs, line breaks and
# no-break spaces, which spaCy makes tokens that derail the parser, and of words whose space
# was lost ("with14,593 households", "forcedmore than 1,000 people"). The parser reads a clean
# copy; its parse is then laid over the original text, token by token (see _lay_over).
_WHITESPACE_RUN = re.compile(r"\s{2,}|[\t\n\r\f\v\u00a0\u2009\u202f]")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=\d)")
_GLUED_NUMBER = re.compile(rf"\b(?:{GLUED_TENS.pattern})\b", re.IGNORECASE)
_LONG_WORD = re.compile(r"\b[a-z]{6,}\b")
# Words a lost space most often glues to its neighbour; a glued pair is split only when one
# half is one of these and the other a word the model knows ("hadevacuated" → "had evacuated").
_FUNCTION_WORDS = frozenset(
    """the a an and or but of to in on at by for from with into onto as is are was were be been
    being has have had may might will would can could should must do does did not no more most
    than that this these those their there then when which who whose where while after before
    also another other such some any all each both many much several few its his her our they
    them he she we it new over under about up down out off following during despite because
    towards toward across through between among against without within along around near""".split()
)


_LEXICONS: dict[int, frozenset[str]] = {}


def _lexicon(nlp: Language) -> frozenset[str]:
    """The words the model shipped with, frozen when first asked: the string store grows with
    every text parsed, and a glued word seen once must not become a word for the next report
    (same input, same output)."""
    key = id(nlp)
    if key not in _LEXICONS:
        strings: Iterable[str] = nlp.vocab.strings
        shipped = Path(nlp.path) / "vocab" / "strings.json" if nlp.path else None
        if shipped is not None and shipped.is_file():
            try:
                strings = json.loads(shipped.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                strings = nlp.vocab.strings
        _LEXICONS[key] = frozenset(
            w for w in strings if isinstance(w, str) and w.isalpha() and w.islower()
        )
    return _LEXICONS[key]


def _glue_split(nlp: Language, word: str) -> int | None:
    """Where to split a glued lower-case word, or None when it is a word in its own right."""
    strings = _lexicon(nlp)

    def known(w: str) -> bool:  # a word, or the plural of one
        return w in strings or (w.endswith("s") and w[:-1] in strings)

    if known(word):
        return None
    for cut in range(2, len(word) - 1):
        left, right = word[:cut], word[cut:]
        if (left in _FUNCTION_WORDS and len(right) >= 4 and known(right)) or (
            right in _FUNCTION_WORDS and len(left) >= 4 and known(left)
        ):
            return cut
    return None


def _clean(nlp: Language, text: str) -> tuple[str, list[int]]:
    """The text the parser reads, and for each of its characters the offset in ``text`` it
    comes from (-1 for a space put in)."""
    inserts: set[int] = {m.start() for m in _LETTER_DIGIT.finditer(text)}
    for m in _GLUED_NUMBER.finditer(text):  # "THIRTYTHREE SEAMEN": "THIRTY THREE"
        inserts.add(m.start(2))
    for m in _LONG_WORD.finditer(text):
        cut = _glue_split(nlp, m.group())
        if cut is not None:
            inserts.add(m.start() + cut)
    runs = {m.start(): m.end() for m in _WHITESPACE_RUN.finditer(text)}
    if not inserts and not runs:
        return text, list(range(len(text)))
    # The text between the places where a space goes in or a run of whitespace becomes one
    # space is copied as it is, a slice at a time (not a character at a time).
    out: list[str] = []
    where: list[int] = []
    i = 0
    for p in sorted(inserts | runs.keys()):
        if p < i or p >= len(text):
            continue  # inside a run of whitespace already replaced
        out.append(text[i:p])
        where.extend(range(i, p))
        i = p
        if p in inserts:
            out.append(" ")
            where.append(-1)
        if p in runs:
            out.append(" ")
            where.append(p)
            i = runs[p]
    out.append(text[i:])
    where.extend(range(i, len(text)))
    return "".join(out), where


def _lay_over(nlp: Language, original: str, parsed: Doc, where: list[int]) -> Doc:
    """A Doc over ``original`` carrying the annotation of ``parsed`` (the parse of its clean
    copy; ``where`` maps the copy's characters back). Whitespace between tokens that is not a
    single space becomes a space token, as spaCy makes it. Falls back to parsing ``original``
    when the two cannot be aligned."""
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    source: list[int | None] = []  # parsed token index, None for a whitespace token
    cursor = 0
    for tok in parsed:
        start = where[tok.idx]
        end = where[tok.idx + len(tok.text) - 1] + 1
        if start < cursor or end <= start:
            return nlp(original)
        gap = original[cursor:start]
        if words and gap == " ":
            spaces[-1] = True
        elif gap:
            if words and gap.startswith(" ") and gap[1:]:
                spaces[-1] = True
                gap = gap[1:]
            words.append(gap)
            spaces.append(False)
            source.append(None)
        words.append(original[start:end])
        spaces.append(False)
        source.append(tok.i)
        cursor = end
    tail = original[cursor:]
    if tail:
        words.append(tail)
        spaces.append(False)
        source.append(None)
    if "".join(w + (" " if sp else "") for w, sp in zip(words, spaces, strict=True)) != original:
        return nlp(original)
    back = {j: i for i, j in enumerate(source) if j is not None}
    heads: list[int] = []
    deps: list[str] = []
    tags: list[str] = []
    pos: list[str] = []
    ents: list[str] = []
    previous: int | None = None
    for i, j in enumerate(source):
        if j is None:  # whitespace: hang it on its neighbour, as spaCy does
            heads.append(previous if previous is not None else min(i + 1, len(source) - 1))
            deps.append("dep")
            tags.append("_SP")
            pos.append("SPACE")
            after = next((k for k in source[i + 1 :] if k is not None), None)
            inside = (
                ents and ents[-1] != "O" and after is not None and parsed[after].ent_iob_ == "I"
            )
            ents.append("I-" + ents[-1][2:] if inside else "O")
            continue
        src = parsed[j]
        heads.append(back[src.head.i])
        deps.append(src.dep_ or "dep")
        tags.append(src.tag_)
        pos.append(src.pos_ or "X")
        ents.append(f"{src.ent_iob_}-{src.ent_type_}" if src.ent_iob_ in ("B", "I") else "O")
        previous = i
    return Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        tags=tags,
        pos=pos,
        ents=ents,
    )


def _mark(context: Context) -> list[Sentence]:
    """Mark the candidate sentences of one report and return them."""
    by_sentence: dict[int, list[object]] = {}
    for n in context.numbers:
        by_sentence.setdefault(n.sentence, []).append(n)
    marks: dict[int, bool] = context.cache.get(CANDIDATE_MARKS, {})
    for sent in context.sentences:
        mark = marks.get(sent.index)
        if mark is None:
            mark = is_candidate(sent, by_sentence.get(sent.index, ()))
        sent.candidate = mark
    return [s for s in context.sentences if s.candidate]


def run(context: Context) -> None:
    """Mark the candidate sentences and parse them."""
    parse_sentences(context, _mark(context))


def run_batch(contexts: Sequence[Context]) -> None:
    """Mark the candidates of every report and parse them all in one batch: the parser is
    faster over many sentences at once than over each report's few."""
    by_model: dict[int, tuple[Language, list[Sentence]]] = {}
    for context in contexts:
        candidates = _mark(context)
        if context.nlp is not None:
            by_model.setdefault(id(context.nlp), (context.nlp, []))[1].extend(candidates)
    for nlp, sentences in by_model.values():
        _parse(nlp, sentences)


STAGE = Stage(
    name="parse",
    requires=("sentences", "numbers"),
    provides=("parsed",),
    run=run,
    run_batch=run_batch,
)
