"""Stage ``sources``: who makes each figure claim.

Turns ``context.figures`` into ``context.claims`` (:class:`~tollwatch.model.Claim`, ids
``c1``.. in text order) and names each claim's *claimant*: the person or body the report says
the figure comes from, or ``None`` for the report's own voice.

How a claimant is found (cheap patterns over the raw text, so unparsed sentences work too):

1. a figure inside a quotation belongs to the quotation's speaker, named next to the quote
   (``"...", he said``, ``said X``, ``X said: "..."``), possibly in the next sentence;
2. a source right after the figure: ``a figure of 20,000 given by X``;
3. an attribution in the figure's sentence: ``X said (that) ...`` before the figure, then
   ``according to X`` anywhere in the sentence, then ``..., X said`` / ``..., said X`` after
   it; ``X put the death toll at``, ``X gave a toll of``, ``X told Reuters``, ``X reported``;
4. pronouns and definite descriptions (``he said``, ``It added``, ``the monitor said``) are
   resolved to the speaker or organisation named before them.

The claimant's name is kept as written ("Syrian Civil Defence", "state media", "Brita Hagi
Hasan"); its ``claimant_kind`` comes from the organisations lexicon (``lexicons``) or the
role words around the name ("a nurse" → witness, "the governor" → local_official).
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from tollwatch.extract import lexicons
from tollwatch.extract.pipeline import Context, Stage
from tollwatch.model import Claim

__all__ = [
    "Attribution",
    "Speaker",
    "attributions",
    "claimant_for",
    "resolve_speaker",
    "run",
    "STAGE",
]


@dataclass(frozen=True, kw_only=True, slots=True)
class Speaker:
    """A claimant as named: the name as written and its kind."""

    name: str
    kind: str
    person: bool = False
    generic: bool = False  # "a monitor", "activists": a kind of source, not one named body


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


# Verbs of saying, and the phrases that give a figure ("put the death toll at").
_SAY = (
    r"said|says|say|told|tells|tell|reported|reports|report|announced|announces|stated|states"
    r"|estimated|estimates|added|adds|confirmed|confirms|counted|counts|documented|documents"
    r"|recorded|records|tallied|cited|wrote|writes|tweeted|noted|warned|explained|insisted"
    r"|revealed|indicated|claimed that|claims that|believes|thinks"
    # "put the number of people displaced since the offensive began on May 2 at", "put the
    # toll lower, at 11": what the count is of, and how it compares, stand before the "at".
    r"|puts? the (?:overall |total |final |latest |civilian |preliminary )?(?:death |casualty |dead )?(?:toll|number|figure|count)(?: of [^.;:,]{1,80}?)?(?:,? (?:much |far |even |slightly )?(?:lower|higher))?,? at"
    r"|gave (?:a|the|its) (?:death |casualty |new |latest |preliminary |higher |lower )*(?:toll|figure|count|number) of"
    r"|raised (?:the|its) (?:death )?toll to"
)
_SAY_RE = re.compile(rf"(?<![\w-])(?:{_SAY})(?![\w-])(?! responsibility)")
_ACCORDING_RE = re.compile(
    r"(?<![\w-])(?:according to|citing|quoting|cited by|quoted by|reported by|documented by"
    r"|recorded by|confirmed by|compiled by|released by|issued by|published by|provided by"
    r"|given by|announced by|estimated by|counted by|tallied by)(?![\w-])",
    re.IGNORECASE,
)
# What may stand between "according to" and the source ("according to a statement by X").
_SOURCE_PREFIX = re.compile(
    r"^(?:(?:a|the|an|its|their)\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:statement|report|tally|count|toll|figures?|data|estimates?|numbers?|sources?|information|list|documentation|records?)"
    r"\s+(?:by|from|of|issued by|released by)\s+",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[\w][\w'’.\-]*[\w]|[\w]|[^\w\s]")
_PRONOUNS = {
    "he": "person",
    "she": "person",
    "it": "org",
    "they": "any",
    "we": "any",
    "i": "person",
}
_DETERMINERS = {"a", "an", "the", "its", "their", "his", "her", "our", "this", "these", "those"}
_CONNECTORS = {"of", "for", "the", "al", "el", "de", "bin", "ibn", "abu", "and", "du", "la"}
_STOP = set(
    """that which who whom whose and or but while as when after before because since if where
    on in at by from with to into than then also not nor so yet though although unless until
    during over under about against between among through across near amid despite without
    within upon per via there here what how why is was were are be been being has have had
    do does did will would could should may might must can shall killed wounded injured died
    dead hit struck left more most less least many much some any all both each other another
    such only just even still already yesterday today tonight morning evening night week month
    year monday tuesday wednesday thursday friday saturday sunday earlier later previously
    separately further meanwhile however adding saying""".split()
)
_MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_PLACE_WORDS = {
    "province",
    "provinces",
    "countryside",
    "governorate",
    "city",
    "town",
    "village",
    "district",
    "area",
    "region",
    "rural",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "suburbs",
    "outskirts",
    "camp",
    "neighbourhood",
    "neighborhood",
    "the",
}
_LOCATIVE = {
    "in",
    "at",
    "near",
    "from",
    "across",
    "around",
    "outside",
    "inside",
    "of",
    "to",
    "into",
    "toward",
    "towards",
    "between",
}
# Lower-case words that end like verbs but belong in a name ("British-based monitor").
_NAME_WORDS = {
    "based",
    "led",
    "backed",
    "armed",
    "allied",
    "united",
    "affiliated",
    "linked",
    "monitoring",
    "ruling",
    "leading",
    "run",
    "red",
    "aligned",
    "funded",
}
_SKIP_BEFORE_VERB = {
    "also",
    "later",
    "previously",
    "earlier",
    "separately",
    "further",
    "had",
    "has",
    "have",
    "has also",
    "then",
    "had also",
    "initially",
    "first",
    "originally",
    "subsequently",
    "again",
    "would",
    "will",
}
_ROLE_HEADS = {
    "head",
    "director",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "president",
    "member",
    "commander",
    "official",
    "governor",
    "mayor",
    "minister",
    "founder",
    "chairman",
    "coordinator",
    "representative",
    "nurse",
    "doctor",
    "activist",
    "resident",
    "witness",
    "photographer",
    "volunteer",
    "envoy",
    "editor",
}
# Forms that are nouns as often as verbs of saying.
_NOUN_LIKE = {
    "reports",
    "report",
    "claims",
    "estimates",
    "records",
    "counts",
    "documents",
    "states",
    "notes",
    "tells",
}
# Nouns that refer back to a body named before ("the group said").
_ANAPHORIC_NOUNS = {
    "group",
    "organisation",
    "organization",
    "agency",
    "body",
    "charity",
    "network",
    "office",
    "centre",
    "center",
    "ministry",
    "service",
    "alliance",
}
_COUNTRY_GOVERNMENTS = re.compile(
    r"^(?:Russia|Moscow|Syria|Damascus|Turkey|Ankara|Iran|Tehran|Israel|Washington|the United States|"
    r"the US|the U\.S\.|Britain|London|France|Paris|Iraq|Baghdad|Jordan|Lebanon|Beirut)$"
)


def _tokens(text: str, offset: int) -> list[tuple[int, int, str]]:
    return [(m.start() + offset, m.end() + offset, m.group()) for m in _TOKEN.finditer(text)]


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and len(word) > 1 and not word.isdigit())


def _content_ok(word: str) -> bool:
    """A lower-case word that may be part of a speaker's noun phrase."""
    low = word.lower()
    if low in _STOP or low.isdigit() or not word[:1].isalpha():
        return False
    if low in _NAME_WORDS or "-" in low:
        return True
    return not (low.endswith("ed") or low.endswith("ing"))


def _speaker_before(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase ending right before ``hi`` (a verb), not before ``lo``: its span."""
    toks = _tokens(text[lo:hi], lo)
    kept: list[tuple[int, int, str]] = []
    i = len(toks) - 1
    # "The Observatory also said", "activists had said": skip the adverb or auxiliary.
    while i >= 0 and not kept and toks[i][2].lower() in _SKIP_BEFORE_VERB:
        i -= 1
    while i >= 0 and len(kept) < 14:
        s, e, w = toks[i]
        low = w.lower()
        if not kept and low in _PRONOUNS:
            return (s, e)
        if not w[0].isalnum():
            break
        if low in _DETERMINERS:
            left = toks[i - 1][2].lower() if i > 0 else ""
            if low == "the" and left in {"of", "for"} and kept:
                kept.append(toks[i])
                i -= 1
                continue
            kept.append(toks[i])
            break
        if (
            low in {"in", "at", "from"}
            and kept
            and i > 0
            and any(_is_cap(k[2]) for k in kept)
            and all(_is_cap(k[2]) or k[2].lower() in _PLACE_WORDS for k in kept)
        ):
            # "a SANA reporter in Aleppo said", "activists in Douma said": the speaker is the
            # noun before the place.
            left = toks[i - 1][2]
            if (
                left.lower() not in _STOP
                and left[:1].isalpha()
                and (lexicons.find_organisations(left) or lexicons.role_kind(left))
            ):
                kept.append(toks[i])
                i -= 1
                continue
        if low in _CONNECTORS and kept and i > 0:
            right = kept[-1][2]
            left = toks[i - 1][2]
            if (
                (_is_cap(right) or right.lower() == "the")
                and (_is_cap(left) or _content_ok(left))
                and low in {"of", "for", "al", "el", "de", "bin", "ibn", "abu", "and", "du", "la"}
            ):
                if low == "and" and not (_is_cap(left) and _is_cap(right)):
                    break
                kept.append(toks[i])
                i -= 1
                continue
        if low in _STOP or low in _MONTHS:
            inside_name = (
                w[:1].isupper()
                and kept
                and _is_cap(kept[-1][2])
                and i > 0
                and _is_cap(toks[i - 1][2])
                and low not in _MONTHS
                and low not in _WEEKDAYS
            )
            if not inside_name:  # "Reporters Without Borders" is one name
                break  # "on Sunday a monitor said", "Meanwhile activists said"
        if _is_cap(w) or _content_ok(w):
            kept.append(toks[i])
            i -= 1
            continue
        break
    # Drop connectors left dangling at the start.
    while kept and kept[-1][2].lower() in _CONNECTORS - {"the"}:
        kept.pop()
    if not kept:
        return None
    # "... in Idlib said", "based in Britain said": a place, the speaker left unnamed.
    if (
        i >= 0
        and toks[i][2].lower() in _LOCATIVE
        and all(_is_cap(k[2]) or k[2].lower() in _CONNECTORS | _PLACE_WORDS for k in kept)
    ):
        phrase = text[kept[-1][0] : kept[0][1]]
        if not lexicons.find_organisations(phrase) and not lexicons.role_kind(phrase):
            return None
    return (kept[-1][0], kept[0][1])


def _lead_space(text: str, lo: int, hi: int) -> int:
    """How many blanks open the sentence text[lo:hi]."""
    seg = text[lo:hi]
    return len(seg) - len(seg.lstrip())


_CLAUSE_BREAK = re.compile(r"[,;:\"“”()]|\s[-–—]\s")
_SUBJECT_AT_PLACE = re.compile(
    r"\s*((?:(?:the|a|an)\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2}?)"
    r"\s+(?:at|in|from|near|inside|outside|who|that)\s+[^,;:\"“”()]{1,80}$",
    re.IGNORECASE,
)


def _subject_before_place(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The subject of the clause ending at ``hi`` when a place or a relative clause follows it
    ("Medics at a hospital in the city", "Residents who reached the camp"): the span of the
    words before them."""
    start = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, hi):
        start = m.end()
    m = _SUBJECT_AT_PLACE.match(text, start, hi)
    if m is None:
        return None
    return (m.start(1), m.end(1))


def _source_subject(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """:func:`_subject_before_place`, kept only when its words name a kind of source
    ("medics", "residents"), not the event ("Eleven people died in the suburbs of Hama said
    ...")."""
    head = _subject_before_place(text, lo, hi)
    if head is None:
        return None
    found = speaker_from_phrase(text[head[0] : head[1]])
    return head if found is not None and found.kind != "other" else None


def _speaker_after(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase starting at ``lo`` (after a verb or "according to"): its span."""
    toks = _tokens(text[lo:hi], lo)
    kept: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks) and len(kept) < 14:
        s, e, w = toks[i]
        low = w.lower()
        if not kept and low in _PRONOUNS:
            return (s, e)
        if not w[0].isalnum():
            break
        if low in _DETERMINERS and not kept:
            kept.append(toks[i])
            i += 1
            continue
        if low in _CONNECTORS and kept and i + 1 < len(toks):
            right = toks[i + 1][2]
            if low == "the" and kept[-1][2].lower() in {"of", "for"}:
                kept.append(toks[i])
                i += 1
                continue
            if low != "the" and (_is_cap(right) or right.lower() == "the"):
                if low == "and" and not (_is_cap(kept[-1][2]) and _is_cap(right)):
                    break
                kept.append(toks[i])
                i += 1
                continue
            break
        if low in _DETERMINERS:
            break
        if _is_cap(w) or _content_ok(w):
            kept.append(toks[i])
            i += 1
            continue
        break
    while kept and kept[-1][2].lower() in _CONNECTORS | _DETERMINERS:
        kept.pop()
    if not kept:
        return None
    return (kept[0][0], kept[-1][1])


def _appositive(text: str, end: int, hi: int) -> str:
    """The role words after a name (", a nurse and photographer in ..."): for the kind only."""
    m = re.match(r"\s*,\s*([^,.;:\"“”]{2,80})", text[end:hi])
    return m.group(1) if m else ""


def _person_name(phrase: str) -> str | None:
    """The person named at the end of a speaker phrase ("council president Brita Hagi Hasan")."""
    toks = phrase.split()
    run: list[str] = []
    for w in reversed(toks):
        bare = w.strip("'’")
        low = bare.lower()
        if (
            bare[:1].isupper()
            or low in {"al", "el", "bin", "ibn", "abu", "de"}
            or low.startswith(("al-", "el-"))
        ):
            run.append(w)
            continue
        break
    run.reverse()
    while run and (not run[0][:1].isupper() or run[0].lower() in _DETERMINERS | _STOP):
        run.pop(0)
    if not run:
        return None
    name = " ".join(run)
    rest = toks[: len(toks) - len(run)]
    # "the governor of Idlib", "head of the Observatory": a place or body, not a person.
    if rest and rest[-1].lower() in {"of", "for", "in", "from", "at", "the"}:
        return None
    name_start = len(phrase) - len(name)
    for org in lexicons.find_organisations(phrase):
        if org.end > name_start:
            return None
    if lexicons.actor_for(name) or _COUNTRY_GOVERNMENTS.match(name):
        return None
    lower_rest = [w for w in rest if w.lower() not in _DETERMINERS]
    # A name alone ("Rifai") or after role words ("council president Brita Hagi Hasan").
    if len(run) >= 2 or not lower_rest or any(w.lower() in _ROLE_HEADS for w in lower_rest):
        return name
    return None


def _strip_det(text: str) -> str:
    return re.sub(r"^(?:the|a|an|its|their)(?:\s+|$)", "", text, flags=re.IGNORECASE)


@lru_cache(maxsize=8192)
def speaker_from_phrase(phrase: str, *, apposition: str = "") -> Speaker | None:
    """Name and kind of the speaker a noun phrase names (None for an empty phrase)."""
    phrase = phrase.strip()
    if not phrase:
        return None
    phrase = _SOURCE_PREFIX.sub("", phrase)
    # "the Observatory toll", "UN figures": the body, not its document.
    bare = re.sub(
        r"(?:['’]s)?\s+(?:latest |new |own )?(?:toll|tally|figures?|count|report|data|statement|estimates?|numbers?)$",
        "",
        phrase,
    )
    if _strip_det(bare):  # "the report" stays itself
        phrase = bare
    orgs = lexicons.find_organisations(phrase)
    specific = [o for o in orgs if not o.generic]
    person = _person_name(phrase)
    role = lexicons.role_kind(phrase) or (lexicons.role_kind(apposition) if apposition else None)
    app_orgs = lexicons.find_organisations(apposition) if apposition else []
    if person:
        kind = None
        if specific:
            kind = specific[-1].kind
        elif role:
            kind = role
        elif orgs:
            kind = orgs[-1].kind
        elif app_orgs:
            kind = app_orgs[0].kind
        return Speaker(name=person, kind=kind or "other", person=True)
    if specific:
        best = max(specific, key=lambda o: o.end - o.start)
        return Speaker(name=_strip_det(best.text), kind=best.kind)
    if _COUNTRY_GOVERNMENTS.match(phrase):
        return Speaker(name=phrase, kind="government")
    if orgs:
        best = orgs[-1]
        # From the organisation word to the end: "governor of Idlib", "monitoring group".
        name = _strip_det(phrase[best.start :])
        # The role word beats a generic organisation ("a rebel official" is still armed_group).
        return Speaker(name=name, kind=best.kind, generic=True)
    name = _strip_det(phrase)
    if not name or name.lower() in _STOP:
        return None
    if role:
        return Speaker(name=name, kind=role, generic=not phrase[:1].isupper())
    if lexicons.actor_for(phrase):
        return Speaker(name=name, kind="armed_group", generic=True)
    if len(name.split()) == 1 and name[:1].isupper():
        return Speaker(name=name, kind="other", person=True)
    if name[:1].isupper():
        return Speaker(name=name, kind="other")
    words = name.split()
    # "... a very conservative figure Mardini said" (copy without commas): the name at the end,
    # not a place ("the suburbs of Damascus").
    tail_at = next((k for k in range(len(words) - 1, -1, -1) if not words[k][:1].isupper()), -1)
    if words[-1][:1].isupper() and (tail_at < 0 or words[tail_at].lower() not in _LOCATIVE):
        tail = []
        for w in reversed(words):
            if not w[:1].isupper():
                break
            tail.append(w)
        return Speaker(name=" ".join(reversed(tail)), kind="other", person=True)
    # "the group said", "the agency added": the body named before.
    if words[-1].lower() in _ANAPHORIC_NOUNS and len(words) <= 3:
        return Speaker(name="it", kind="pronoun")
    return None  # "daily reports", "the figure says": not somebody


# ---------------------------------------------------------------------------------------------
# Finding attributions.


@lru_cache(maxsize=16)
def _quotes(text: str) -> list[tuple[int, int]]:
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


def _sentence_attributions(context: Context, index: int) -> list[Attribution]:
    sent = context.sentences[index]
    text = context.text
    lo, hi = sent.start, sent.end
    out: list[Attribution] = []
    for m in _SAY_RE.finditer(text, lo, hi):
        vs, ve = m.start(), m.end()
        if m.group() in _NOUN_LIKE and re.match(r"\s+(?:of|from|by)\b", text[ve:hi]):
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
            span = _speaker_after(text, ve, hi)
            mode = "post_inverted"
        apposition = ""
        if span is None:
            span = _speaker_before(text, lo, vs)
            mode = "pre"
        if span is None:
            # "Rami Abdulrahman, head of the monitor, said": the name before the apposition.
            app = re.search(r",\s*([^,\"“”]{2,120}),\s*$", text[lo:vs])
            if app:
                span = _speaker_before(text, lo, lo + app.start())
                apposition = app.group(1)
                if _person_name(apposition.strip()) == apposition.strip():
                    # "A doctor at the hospital, Omar Haddad, said": the name is the speaker.
                    a0 = lo + app.start(1)
                    role = text[lo : lo + app.start()]
                    span = (a0, a0 + len(apposition.rstrip()))
                    apposition = role
        if span is None and mode == "pre":
            # "Doctors who treated the wounded said": no noun phrase right before the verb.
            span = _source_subject(text, lo, vs)
        if span is None and mode == "pre" and not listener:
            # No comma in some copy ("... were killed said the Observatory").
            span = _speaker_after(text, ve, hi)
            mode = "post_inverted"
        if span is None:
            continue
        phrase = text[span[0] : span[1]]
        speaker = _pronoun_speaker(phrase) or speaker_from_phrase(
            phrase, apposition=apposition or _appositive(text, span[1], hi)
        )
        if speaker is None and mode == "pre":
            # "Medics at a hospital in the city said": the words before the verb are the
            # place the speaker is at; the speaker is the clause's subject before it.
            head = _source_subject(text, lo, vs)
            if head is not None:
                span, phrase = head, text[head[0] : head[1]]
                speaker = speaker_from_phrase(phrase)
        if speaker is None and mode == "pre" and not listener:
            # "killed in the suburbs of Damascus said the Observatory": no comma before "said".
            span = _speaker_after(text, ve, hi)
            mode = "post_inverted"
            if span is not None:
                phrase = text[span[0] : span[1]]
                speaker = _pronoun_speaker(phrase) or speaker_from_phrase(
                    phrase, apposition=_appositive(text, span[1], hi)
                )
        if speaker is None and mode == "post_inverted" and not listener:
            # "The Observatory, a Britain-based monitor, said the raids ...": the comma before
            # the verb closes an apposition; the words after the verb are what was said.
            app = re.search(r",\s*([^,\"“”]{2,120}),\s*$", text[lo:vs])
            head = _speaker_before(text, lo, lo + app.start()) if app else None
            if app and head is not None and head[0] == lo + _lead_space(text, lo, hi):
                found = speaker_from_phrase(text[head[0] : head[1]], apposition=app.group(1))
                if found is not None and found.kind != "other":
                    span, phrase, speaker, mode = head, text[head[0] : head[1]], found, "pre"
        if speaker is None or span is None:
            continue
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
    for m in _ACCORDING_RE.finditer(text, lo, hi):
        rest = text[m.end() : hi]
        skip = len(rest) - len(rest.lstrip())
        prefix = _SOURCE_PREFIX.match(rest.lstrip())
        start = m.end() + skip + (prefix.end() if prefix else 0)
        span = _speaker_after(text, start, hi)
        if span is None:
            continue
        phrase = text[span[0] : span[1]]
        speaker = _pronoun_speaker(phrase) or speaker_from_phrase(
            phrase, apposition=_appositive(text, span[1], hi)
        )
        if speaker is None:
            continue
        mode = "according" if m.group().lower() in {"according to", "citing", "quoting"} else "by"
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


def _pronoun_speaker(phrase: str) -> Speaker | None:
    low = phrase.lower()
    if low in _PRONOUNS:
        return Speaker(name=low, kind="pronoun", person=_PRONOUNS[low] == "person")
    return None


def resolve_speaker(
    speaker: Speaker, history: list[Speaker], orgs_before: list[lexicons.OrgMatch]
) -> Speaker | None:
    """Resolve a pronoun ("he", "it") or a definite description ("the monitor", "the
    Observatory") to the speaker or organisation named before it; None when nothing fits."""
    if speaker.kind == "pronoun":
        want = _PRONOUNS.get(speaker.name, "any")
        for prev in reversed(history):
            if want == "person" and not prev.person:
                continue
            if want == "org" and prev.person:
                continue
            return prev
        if want != "person":
            for org in reversed(orgs_before):
                if not org.generic:
                    return Speaker(name=_strip_det(org.text), kind=org.kind)
        return None
    if speaker.generic and not speaker.person:
        # "the monitor" after "the Syrian Observatory for Human Rights": the same body.
        for org in reversed(orgs_before):
            if not org.generic and org.kind == speaker.kind:
                return Speaker(name=_strip_det(org.text), kind=org.kind)
    if speaker.name.lower() in {"observatory"}:
        return Speaker(name="Syrian Observatory for Human Rights", kind="monitor")
    return speaker


@dataclass
class _Resolver:
    context: Context
    quotes: list[tuple[int, int]]
    by_sentence: dict[int, list[Attribution]]
    orgs: list[lexicons.OrgMatch]
    org_starts: list[int]


# Attributions depend only on the report text and its sentences; several stages ask for them.
_CACHE_LOCK = threading.Lock()
_ATTRIBUTIONS: OrderedDict[tuple[str, str, int], dict[int, list[Attribution]]] = OrderedDict()


def attributions(context: Context) -> dict[int, list[Attribution]]:
    """The attributions of every sentence, with pronouns and definite descriptions resolved.

    Keyed by sentence index; sentences without attributions are absent. The resolution runs
    in text order, so "It added" after "The Syrian Observatory said" names the Observatory.
    The result is shared (cached per report text): do not change it.
    """
    key = (context.report.id, context.text, len(context.sentences))
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
        found = _sentence_attributions(context, sent.index)
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
            needs = speaker.kind == "pronoun" or (definite and speaker.generic)
            before = (
                _orgs_before(context, sent.index, att.start)
                if (needs or speaker.name.lower() == "observatory")
                else []
            )
            if needs:
                new = _previous_subject(context, sent.index, att, out) or resolve_speaker(
                    speaker, history, before
                )
                if new is None:
                    if speaker.kind == "pronoun":
                        continue
                    new = speaker
                speaker = new
            elif speaker.name.lower() in {"observatory"}:
                speaker = resolve_speaker(speaker, history, before) or speaker
            resolved.append(_replace(att, speaker))
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
    for org in lexicons.find_organisations(prev.text):
        if org.start == (lead.end() if lead else 0):
            return Speaker(
                name=_strip_det(org.text), kind=org.kind, generic=org.generic, person=False
            )
    return None


def _orgs_before(context: Context, sentence: int, position: int) -> list[lexicons.OrgMatch]:
    """The organisations named in the few sentences up to ``position`` (offsets in the
    report): what a pronoun or "the monitor" can stand for."""
    out: list[lexicons.OrgMatch] = []
    for i in range(max(0, sentence - 4), sentence + 1):
        sent = context.sentences[i]
        for o in lexicons.find_organisations(sent.text):
            start = sent.start + o.start
            if start < position:
                out.append(
                    lexicons.OrgMatch(
                        start=start,
                        end=sent.start + o.end,
                        text=o.text,
                        kind=o.kind,
                        generic=o.generic,
                    )
                )
    return out


def _replace(att: Attribution, speaker: Speaker) -> Attribution:
    return Attribution(
        mode=att.mode,
        speaker=speaker,
        start=att.start,
        end=att.end,
        verb_start=att.verb_start,
        verb_end=att.verb_end,
        sentence=att.sentence,
    )


def claimant_for(
    context: Context,
    *,
    sentence: int,
    position: int,
    end: int | None = None,
    table: dict[int, list[Attribution]] | None = None,
    quotes: list[tuple[int, int]] | None = None,
) -> Attribution | None:
    """The attribution that governs the words at ``position`` (a figure's number) in
    ``sentence``, or None when the report says it in its own voice."""
    table = attributions(context) if table is None else table
    quotes = _quotes(context.text) if quotes is None else quotes
    end = position if end is None else end
    text = context.text
    sent = context.sentences[sentence]
    # 1. Inside a quotation: the quotation's speaker.
    for qs, qe in quotes:
        if qs < position < qe:
            att = _quote_speaker(context, table, qs, qe)
            if att is not None:
                return att
            break
    atts = [a for a in table.get(sentence, []) if not _inside_quote(a, quotes, position)]
    # 2. "a figure of 20,000 given by X": the source follows the figure closely.
    for a in atts:
        if (
            a.mode == "by"
            and 0 <= a.verb_start - end <= 60
            and not re.search(r"[,;]", text[end : a.verb_start])
        ):
            return a
    # 3. "X said (that) ... N killed": the nearest attribution before the figure.
    pre = [a for a in atts if a.mode == "pre" and a.verb_end <= position]
    if pre:
        return pre[-1]
    according = [a for a in atts if a.mode == "according"]
    if according:
        return min(according, key=lambda a: abs(a.verb_start - position))
    post = [a for a in atts if a.mode in {"pre", "post_inverted"} and a.verb_start >= end]
    if post:
        return post[0]
    del sent
    return None


def _inside_quote(att: Attribution, quotes: list[tuple[int, int]], position: int) -> bool:
    """An attribution inside a quotation that does not hold the figure is not about it."""
    for qs, qe in quotes:
        if qs < att.verb_start < qe and not qs < position < qe:
            return True
    return False


def _quote_speaker(
    context: Context, table: dict[int, list[Attribution]], qs: int, qe: int
) -> Attribution | None:
    text = context.text
    starts = [s.start for s in context.sentences]
    # After the quotation: '..." he said', '..." said X' (same or next sentence).
    after_sent = max(0, bisect_right(starts, qe - 1) - 1)
    for idx in (after_sent, after_sent + 1):
        for a in table.get(idx, []):
            if a.mode != "by" and qe - 1 <= a.start <= qe + 40 and "\n" not in text[qe : a.start]:
                return a
            if a.mode == "post_inverted" and qe - 1 <= a.verb_start <= qe + 6:
                return a
    # Before it: 'X said: "...' or 'X told Reuters that "...'.
    before_sent = max(0, bisect_right(starts, qs) - 1)
    for a in reversed(table.get(before_sent, [])):
        if (
            a.mode == "pre"
            and 0 <= qs - a.verb_end <= 40
            and not re.search(r"[.!?]", text[a.verb_end : qs])
        ):
            return a
    # A quotation standing alone after a speaker's words: the last speaker before it.
    for idx in range(before_sent, max(-1, before_sent - 2), -1):
        for a in reversed(table.get(idx, [])):
            if a.end <= qs and a.mode in {"pre", "post_inverted"}:
                return a
    return None


def run(context: Context) -> None:
    """Turn the figures into claims with their claimants."""
    figures = list(context.figures)
    if not figures:
        context.claims = []
        return
    order = sorted(range(len(figures)), key=lambda i: (figures[i].number.span.start, i))
    ids = {fi: f"c{n + 1}" for n, fi in enumerate(order)}
    table = attributions(context)
    quotes = _quotes(context.text)
    atts = {
        fi: claimant_for(
            context,
            sentence=figures[fi].sentence,
            position=figures[fi].number.span.start,
            end=figures[fi].number.span.end,
            table=table,
            quotes=quotes,
        )
        for fi in order
    }
    parts_of: dict[int, list[int]] = {}
    for fi in order:
        if figures[fi].part_of is not None:
            parts_of.setdefault(figures[fi].part_of, []).append(fi)
    for fi in order:
        if figures[fi].rule == "added-total":
            # A total the report adds up from counts told apart ("18 killed, a monitor said.
            # Two more died, medics said") is one source's only when every part is that
            # source's; otherwise the sum is the report's own.
            parts = [atts[pi] for pi in parts_of.get(fi, [])]
            names = {a.speaker.name if a else None for a in parts}
            atts[fi] = parts[0] if len(names) == 1 and parts else None
    claims: list[Claim] = []
    for fi in order:
        fig = figures[fi]
        num = fig.number
        att = atts[fi]
        part_of = ids.get(fig.part_of) if fig.part_of is not None else None
        claimant = att.speaker.name if att else None
        kind = att.speaker.kind if att else None
        cue = context.text[att.start : att.end] if att else None
        claims.append(
            Claim(
                id=ids[fi],
                figure=fig.figure,
                value=num.value,
                low=num.low,
                high=num.high,
                qualifier=num.qualifier,
                count_text=num.span.text,
                victims=tuple(fig.victims),
                unit=fig.unit,
                part_of=part_of,
                claimant=claimant,
                claimant_kind=kind,
                incident=None,
                evidence=fig.evidence,
                count_span=num.span,
                claimant_cue=cue,
                is_update=fig.is_update,
                subset=fig.subset,
                total=fig.total,
                rule=f"figures.{fig.rule.replace('-', '_')}" if fig.rule else None,
            )
        )
    context.claims = claims


STAGE = Stage(name="sources", requires=("figures",), provides=("claims",), run=run)
