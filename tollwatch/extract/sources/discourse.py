"""Claimants resolved through the report: pronouns, descriptions and the sources it names.

The attributions of every sentence (:mod:`.attributions`) are taken in text order, with a
history of the speakers so far and an index of the sources the report names anywhere
(:func:`report_sources`). A speaker that is not a name is resolved:

- "he said", "she added" → the last person who spoke;
- "it said", "they added", "the group said" → the body that was the topic of the sentence
  before, else the last body that spoke, else the last body named;
- a description ("the monitor", "a Britain-based monitoring group", "the Observatory") → the
  body of its kind the report names before it, else the one it names after it ("a monitor
  said ... The Syrian Observatory for Human Rights said");
- anything else keeps the words the report uses for it (an unknown source is its name as
  written).
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections import OrderedDict
from dataclasses import replace

from tollwatch.extract.pipeline import Context
from tollwatch.extract.sources import rules as R
from tollwatch.extract.sources import words as W
from tollwatch.extract.sources.attributions import (
    Attribution,
    sentence_attributions,
    with_speaker,
)
from tollwatch.extract.sources.catalogue import SourceMatch, find_sources
from tollwatch.extract.sources.phrases import Speaker, strip_det

__all__ = ["attributions", "describes", "report_sources", "resolve_speaker", "speaker_of_match"]


def speaker_of_match(match: SourceMatch, *, text: str | None = None) -> Speaker:
    """The speaker a source named in the text is: its canonical name, or for a generic
    description the words as written."""
    if match.generic:
        return Speaker(
            name=strip_det(match.text),
            kind=match.kind,
            generic=True,
            refers=match.source.refers,
            text=text or match.text,
        )
    return Speaker(name=match.source.name, kind=match.kind, text=text or match.text)


def report_sources(context: Context) -> list[SourceMatch]:
    """Every source the report names, in text order, with offsets in the report (cached)."""
    return _indexed_sources(context)[0]


def _indexed_sources(context: Context) -> tuple[list[SourceMatch], list[int]]:
    """The report's sources and their start offsets (for binary searches), once a report."""
    key = "sources.report_sources"
    cached = context.cache.get(key)
    if cached is not None:
        return cached
    out: list[SourceMatch] = []
    for sent in context.sentences:
        for o in find_sources(sent.text):
            out.append(
                SourceMatch(
                    start=sent.start + o.start,
                    end=sent.start + o.end,
                    text=o.text,
                    source=o.source,
                )
            )
    context.cache[key] = (out, [m.start for m in out])
    return context.cache[key]


def _named_before(
    context: Context, sentence: int, position: int, *, reach: int = 4
) -> list[SourceMatch]:
    """The sources named in the few sentences up to ``position``: what a pronoun or "the
    monitor" can stand for."""
    lo = context.sentences[max(0, sentence - reach)].start
    found, starts = _indexed_sources(context)
    return [
        m
        for m in found[bisect_left(starts, lo) : bisect_left(starts, position)]
        if not _byline(context, m)
    ]


# A news outlet's name right before a weekday or a date is the report's byline ("AFP Wednesday
# 13 Jul 2016", "Reuters, 10 July"): the narrator, not a source the report quotes.
_BYLINE_AFTER = re.compile(
    r"\s*[-–—|,]?\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\d{1,2}\s+(?:Jan|Feb|Mar|Apr"
    r"|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov"
    r"|Dec)[a-z]*\.?\s+\d{1,2}\b)"
)


def _byline(context: Context, m: SourceMatch) -> bool:
    return m.kind == "media" and _BYLINE_AFTER.match(context.text, m.end) is not None


def describes(context: Context, speaker: Speaker, start: int, end: int) -> Speaker | None:
    """The named body a description of a kind of source ("a monitor", "the Britain-based
    monitoring group", "the civil defence") stands for: the last body of its kind the
    report names before it, else the first it names after it ("a monitor said ... The
    Syrian Observatory for Human Rights said"); None when the report names none."""
    if not (speaker.generic and speaker.refers) or speaker.person:
        return None
    found, starts = _indexed_sources(context)
    for m in reversed(found[: bisect_left(starts, start)]):
        if not m.generic and m.kind == speaker.kind:
            return _as(speaker_of_match(m), speaker, R.DESCRIPTION)
    for m in found[bisect_left(starts, end) :]:
        if not m.generic and m.kind == speaker.kind:
            return _as(speaker_of_match(m), speaker, R.CATAPHORA)
    return None


def resolve_speaker(
    speaker: Speaker, history: list[Speaker], named_before: list[SourceMatch]
) -> Speaker | None:
    """Resolve a pronoun ("he", "it") or a definite description ("the monitor", "the
    Observatory") to the speaker or body named before it; None when nothing fits."""
    if speaker.kind == "pronoun":
        want = W.PRONOUNS.get(speaker.name, "any")
        # "the agency said" stands for an agency, not for the armed group named before
        noun = speaker.text.split()[-1].lower() if speaker.text else ""
        kinds = W.ANAPHORIC_KINDS.get(noun)
        for prev in reversed(history):
            if want == "person" and not prev.person:
                continue
            if want == "org" and prev.person:
                continue
            if kinds is not None and prev.kind not in kinds:
                continue
            return _as(prev, speaker, R.PRONOUN)
        if want != "person":
            for org in reversed(named_before):
                if not org.generic and (kinds is None or org.kind in kinds):
                    return _as(speaker_of_match(org), speaker, R.PRONOUN)
        return None
    if speaker.generic and not speaker.person:
        # "the monitor" after "the Syrian Observatory for Human Rights": the same body.
        for org in reversed(named_before):
            if not org.generic and org.kind == speaker.kind:
                return _as(speaker_of_match(org), speaker, R.DESCRIPTION)
    return speaker


def _as(found: Speaker, words: Speaker, rule: str) -> Speaker:
    """``found`` as the speaker the words ``words`` stand for, keeping those words."""
    return replace(found, text=words.text or found.text, rule=rule)


# Attributions depend only on the report text and its sentences; several stages ask for them.
_CACHE_LOCK = threading.Lock()
_ATTRIBUTIONS: OrderedDict[tuple[str, str, int], dict[int, list[Attribution]]] = OrderedDict()


def attributions(context: Context) -> dict[int, list[Attribution]]:
    """The attributions of every sentence, with pronouns and descriptions resolved.

    Keyed by sentence index; sentences without attributions are absent. The resolution runs
    in text order, so "It added" after "The Syrian Observatory said" names the Observatory.
    The result is shared (cached per report text): do not change it.
    """
    key = (context.report.id, context.text, len(context.sentences))
    # The report's own cache first: a batch of reports passes each stage in turn (run_many),
    # more reports than the shared cache below holds, which then missed for every report.
    mine = context.cache.get(_CONTEXT_KEY)
    if mine is not None and mine[0] == key:
        return mine[1]
    out = _shared_attributions(context, key)
    context.cache[_CONTEXT_KEY] = (key, out)
    return out


_CONTEXT_KEY = "sources.attributions"


def _shared_attributions(
    context: Context, key: tuple[str, str, int]
) -> dict[int, list[Attribution]]:
    with _CACHE_LOCK:
        cached = _ATTRIBUTIONS.get(key)
        if cached is not None:
            _ATTRIBUTIONS.move_to_end(key)
            return cached
    out = _attributions(context)
    with _CACHE_LOCK:
        _ATTRIBUTIONS[key] = out
        while len(_ATTRIBUTIONS) > 8:
            _ATTRIBUTIONS.popitem(last=False)
    return out


def _attributions(context: Context) -> dict[int, list[Attribution]]:
    text = context.text
    history: list[Speaker] = []
    out: dict[int, list[Attribution]] = {}
    for sent in context.sentences:
        found = sentence_attributions(context, sent.index)
        resolved: list[Attribution] = []
        for att in found:
            # Definite descriptions only ("the monitor"), not "a monitor" or "activists".
            phrase = (
                text[att.start : att.verb_start]
                if att.mode == "pre"
                else text[att.verb_end : att.end]
            )
            definite = re.match(r"\s*(?:the|this|that)\s", phrase, re.IGNORECASE) is not None
            speaker = att.speaker
            described = describes(context, speaker, att.start, att.end)
            needs = speaker.kind == "pronoun" or (definite and speaker.generic)
            if described is not None:
                speaker = described
            elif needs:
                before = _named_before(context, sent.index, att.start)
                new = _previous_subject(context, sent.index, att, out) or resolve_speaker(
                    speaker, history, before
                )
                if new is None:
                    if speaker.kind == "pronoun":
                        words = strip_det(speaker.text or "")
                        if words.lower() not in W.ANAPHORIC_KINDS:
                            continue  # "it said" with nothing to stand for
                        # "the agency said" with no agency named: the words as written.
                        new = replace(
                            speaker,
                            name=words.lower(),
                            kind="other",
                            generic=True,
                            rule=R.UNRESOLVED,
                        )
                    else:
                        new = speaker
                speaker = new
            resolved.append(with_speaker(att, speaker))
            history.append(speaker)
        if resolved:
            out[sent.index] = resolved
    return out


def _previous_subject(
    context: Context, sentence: int, att: Attribution, found: dict[int, list[Attribution]]
) -> Speaker | None:
    """A sentence-initial "It said" / "They said" refers to the subject of the sentence just
    before, when that sentence names a source as its subject but quotes nobody ("State
    television made no mention of the raids. It said rebel shelling killed three"): the
    pronoun goes on with the topic, not with the last speaker further back."""
    if sentence == 0 or att.speaker.kind != "pronoun" or att.speaker.person:
        return None
    if att.speaker.name not in {"it", "they"}:
        return None
    sent = context.sentences[sentence]
    if att.start - sent.start > 2:  # the pronoun opens the sentence
        return None
    prev = context.sentences[sentence - 1]
    if sentence - 1 in found:
        return None  # the sentence before quotes someone: the usual history applies
    lead = re.match(r"\s*(?:the\s+)?", prev.text, re.IGNORECASE)
    for org in find_sources(prev.text):
        if org.start == (lead.end() if lead else 0):
            return _as(speaker_of_match(org), att.speaker, R.TOPIC)
    return None
