"""Attributions: the words that say who a sentence's figures come from.

A sentence is scanned for verbs of saying ("X said", "..., said X", "X put the death toll
at") and for "according to X" and its kin ("reported by X", "a figure given by X"). Each
becomes an :class:`Attribution` with the :class:`Speaker` its noun phrase names, as written:
pronouns and descriptions are resolved through the report by :mod:`.discourse`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from tollwatch.extract.pipeline import Context
from tollwatch.extract.sources import rules as R
from tollwatch.extract.sources import words as W
from tollwatch.extract.sources.catalogue import find_sources, role_kind
from tollwatch.extract.sources.phrases import (
    Speaker,
    appositive,
    lead_space,
    person_name,
    source_subject,
    speaker_after,
    speaker_before,
    speaker_from_phrase,
)

__all__ = ["Attribution", "pronoun_speaker", "quotes", "sentence_attributions"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Attribution:
    """Words that attribute what a sentence says to somebody."""

    mode: str  # pre ("X said ...", "..., X said") | post_inverted ("..., said X") | according | by
    speaker: Speaker
    start: int  # where the attribution's words stand in the report (speaker and verb)
    end: int
    verb_start: int
    verb_end: int
    sentence: int
    found_by: str | None = None  # the registered rule that tied it to a figure (claimant_for)


@lru_cache(maxsize=16)
def quotes(text: str) -> list[tuple[int, int]]:
    """Spans of quotations ("..." or “...”), including the quote marks."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"“[^”]{1,3000}”", text):
        spans.append((m.start(), m.end()))
    straight = [m.start() for m in re.finditer(r'"', text)]
    for a, b in zip(straight[0::2], straight[1::2], strict=False):
        if b - a <= 3000:
            spans.append((a, b + 1))
    spans.sort()
    return spans


def sentence_attributions(context: Context, index: int) -> list[Attribution]:
    sent = context.sentences[index]
    text = context.text
    lo, hi = sent.start, sent.end
    out: list[Attribution] = []
    for m in W.SAY_RE.finditer(text, lo, hi):
        vs, ve = m.start(), m.end()
        if m.group() in W.NOUN_LIKE and re.match(r"\s+(?:of|from|by)\b", text[ve:hi]):
            continue  # "reports of 6 killed", "claims from activists": nouns, not verbs
        if re.search(
            r"(?:^|\s)(?:a|an|the|its|their|these|those|initial|early)\s+$",
            text[max(lo, vs - 10) : vs],
            re.IGNORECASE,
        ):
            continue  # "a reported blast", "the estimated toll"
        before = text[max(lo, vs - 3) : vs]
        mode = "pre"
        span = None
        # ", said X" / "” said X": the speaker follows the verb.
        listener = m.group().startswith(("told", "tell"))  # "told Reuters": the listener
        if (re.search(r"[,”\"]\s*$", before) or vs == lo) and not listener:
            span = speaker_after(text, ve, hi)
            mode = "post_inverted"
        apposition = ""
        if span is None:
            span = speaker_before(text, lo, vs)
            mode = "pre"
        if span is None:
            # "Rami Abdulrahman, head of the monitor, said": the name before the apposition.
            app = re.search(r",\s*([^,\"“”]{2,120}),\s*$", text[lo:vs])
            if app:
                span = speaker_before(text, lo, lo + app.start())
                apposition = app.group(1)
                if person_name(apposition.strip()) == apposition.strip():
                    # "A doctor at the hospital, Omar Haddad, said": the name is the speaker.
                    a0 = lo + app.start(1)
                    role = text[lo : lo + app.start()]
                    span = (a0, a0 + len(apposition.rstrip()))
                    apposition = role
        relative = None
        if span is None and mode == "pre":
            # "... confirmed by the Observatory, which said 7 were killed": the relative
            # pronoun's antecedent speaks.
            relative = _RELATIVE_SUBJECT.search(text, lo, vs)
            if relative is not None:
                span = speaker_before(text, lo, relative.start())
        if span is None and mode == "pre":
            # "Doctors who treated the wounded said": no noun phrase right before the verb.
            span = source_subject(text, lo, vs)
        if span is None and mode == "pre" and not listener:
            # No comma in some copy ("... were killed said the Observatory").
            span = speaker_after(text, ve, hi)
            mode = "post_inverted"
        if span is None:
            continue
        phrase = text[span[0] : span[1]]
        speaker = pronoun_speaker(phrase) or speaker_from_phrase(
            phrase, apposition=apposition or appositive(text, span[1], hi)
        )
        clause = _RELATIVE_CLAUSE.search(text, max(lo, vs - 100), vs) if mode == "pre" else None
        if clause is not None and (span is None or span[0] > clause.start()):
            # "The Observatory which relies on a network of activists inside Syria said" (copy
            # without commas): the words before the verb are the relative clause's; its
            # antecedent speaks, when it names a source.
            head = speaker_before(text, lo, clause.start())
            found = speaker_from_phrase(text[head[0] : head[1]]) if head is not None else None
            if head is not None and found is not None and find_sources(text[head[0] : head[1]]):
                span, phrase, relative, speaker = head, text[head[0] : head[1]], clause, found
        if speaker is None and mode == "pre":
            # "Medics at a hospital in the city said": the words before the verb are the
            # place the speaker is at; the speaker is the clause's subject before it.
            head = source_subject(text, lo, vs)
            if head is not None:
                span, phrase = head, text[head[0] : head[1]]
                speaker = speaker_from_phrase(phrase)
        if speaker is None and mode == "pre" and not listener:
            # "killed in the suburbs of Damascus said the Observatory": no comma before "said".
            span = speaker_after(text, ve, hi)
            mode = "post_inverted"
            if span is not None:
                phrase = text[span[0] : span[1]]
                speaker = pronoun_speaker(phrase) or speaker_from_phrase(
                    phrase, apposition=appositive(text, span[1], hi)
                )
        if speaker is None and mode == "post_inverted" and not listener:
            # "The Observatory, a Britain-based monitor, said the raids ...": the comma before
            # the verb closes an apposition; the words after the verb are what was said.
            app = re.search(r",\s*([^,\"“”]{2,120}),\s*$", text[lo:vs])
            head = speaker_before(text, lo, lo + app.start()) if app else None
            if app and head is not None and head[0] == lo + lead_space(text, lo, hi):
                found = speaker_from_phrase(text[head[0] : head[1]], apposition=app.group(1))
                if found is not None and found.kind != "other":
                    span, phrase, speaker, mode = head, text[head[0] : head[1]], found, "pre"
        if speaker is None or span is None:
            continue
        if relative is not None and speaker.kind != "pronoun":
            speaker = replace(speaker, rule=_join(speaker.rule, R.RELATIVE))
        if mode == "pre" and not apposition:
            named = _bare_apposition(text, lo, span[0], phrase)
            if named is not None:
                span, speaker = (named[0], span[1]), named[1]
        out.append(
            Attribution(
                mode=mode,
                speaker=speaker,
                start=min(span[0], vs),
                end=max(span[1], ve),
                verb_start=vs,
                verb_end=ve,
                sentence=index,
            )
        )
    for m in W.ACCORDING_RE.finditer(text, lo, hi):
        rest = text[m.end() : hi]
        skip = len(rest) - len(rest.lstrip())
        prefix = W.SOURCE_PREFIX.match(rest.lstrip())
        start = m.end() + skip + (prefix.end() if prefix else 0)
        span = speaker_after(text, start, hi)
        if span is None:
            continue
        phrase = text[span[0] : span[1]]
        speaker = pronoun_speaker(phrase) or speaker_from_phrase(
            phrase, apposition=appositive(text, span[1], hi)
        )
        if speaker is None:
            continue
        mode = "according" if m.group().lower() in W.ACCORDING_SENTENCE else "by"
        out.append(
            Attribution(
                mode=mode,
                speaker=speaker,
                start=m.start(),
                end=span[1],
                verb_start=m.start(),
                verb_end=m.end(),
                sentence=index,
            )
        )
    out.sort(key=lambda a: a.verb_start)
    return out


# ", which said", ", who told": a relative pronoun right before the verb of saying.
_RELATIVE_SUBJECT = re.compile(
    r",\s*(?:which|who)\s+(?:also\s+|later\s+|has\s+|had\s+|earlier\s+)?$", re.IGNORECASE
)
# "which relies on a network of sources inside Syria": a relative clause, no comma, before
# the verb of saying (its antecedent, before it, speaks).
_RELATIVE_CLAUSE = re.compile(r"(?<![\w-])(?:which|who)\s+(?:[\w'’-]+\s+){1,14}$", re.IGNORECASE)
# A role description opening with an article ("the New Arab's correspondent in the city").
_ROLE_OPENING = re.compile(r"(?:the|a|an)\s", re.IGNORECASE)


def _bare_apposition(text: str, lo: int, start: int, phrase: str) -> tuple[int, Speaker] | None:
    """Copy that drops commas: "Omar Haddad the Gazette's correspondent in the city said".
    When the speaker phrase is a role description right after a person's name, the person
    is the speaker (with the role's body): (where the name starts, the speaker)."""
    if not _ROLE_OPENING.match(phrase) or person_name(phrase) is not None:
        return None
    if not role_kind(phrase):
        return None
    left = text[lo:start].rstrip()
    name = person_name(left) if left and left[-1:].isalnum() else None
    if not name or len(name.split()) < 2 or not left.endswith(name):
        return None
    found = speaker_from_phrase(name, apposition=phrase)
    if found is None or not found.person:
        return None
    return lo + len(left) - len(name), replace(found, rule=_join(found.rule, R.BARE_APPOSITION))


def _join(a: str | None, b: str) -> str:
    return "+".join(x for x in (a, b) if x)


def pronoun_speaker(phrase: str) -> Speaker | None:
    low = phrase.lower()
    if low in W.PRONOUNS:
        return Speaker(name=low, kind="pronoun", person=W.PRONOUNS[low] == "person", text=phrase)
    return None


def with_speaker(att: Attribution, speaker: Speaker) -> Attribution:
    """The attribution with its speaker resolved."""
    return replace(att, speaker=speaker)
