"""Speakers' noun phrases: who stands before a verb of saying or after "according to".

Cheap token patterns over the raw text (no parse needed): :func:`speaker_before` reads the
noun phrase ending at a verb backwards, :func:`speaker_after` the one starting after it, and
:func:`speaker_from_phrase` names the speaker such a phrase gives, with its kind, from the
catalogue of sources, a person's name, or role words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tollwatch.extract import actors
from tollwatch.extract.sources import rules as R
from tollwatch.extract.sources import words as W
from tollwatch.extract.sources.catalogue import SourceMatch, find_people, find_sources, role_kind

__all__ = [
    "Speaker",
    "appositive",
    "person_name",
    "source_subject",
    "speaker_after",
    "speaker_before",
    "speaker_from_phrase",
    "strip_det",
]


@dataclass(frozen=True, kw_only=True, slots=True)
class Speaker:
    """A claimant: its name (canonical where the catalogue knows it) and kind."""

    name: str
    kind: str
    person: bool = False
    generic: bool = False  # "a monitor", "activists": a kind of source, not one named body
    refers: bool = False  # a description that may stand for a body the report names ("the monitor")
    text: str = ""  # the words the report uses for it ("the Britain-based monitor", "he")
    rule: str | None = None  # the registered rules that found and resolved it


_COMPLEMENT = re.compile(r"\b(?:of|for|from|at|in|with|by|to)\s+(?:the\s+)?$", re.IGNORECASE)
_TOKEN = re.compile(r"[\w][\w'’.\-]*[\w]|[\w]|[^\w\s]")


def _tokens(text: str, offset: int) -> list[tuple[int, int, str]]:
    return [(m.start() + offset, m.end() + offset, m.group()) for m in _TOKEN.finditer(text)]


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and len(word) > 1 and not word.isdigit())


def _content_ok(word: str) -> bool:
    """A lower-case word that may be part of a speaker's noun phrase."""
    low = word.lower()
    if low in W.STOP or low.isdigit() or not word[:1].isalpha():
        return False
    if low in W.NAME_WORDS or "-" in low:
        return True
    return not (low.endswith("ed") or low.endswith("ing"))


# Words that open an Arabic name ("Abu Omar", "Umm Khaled", "Bin Ali") when capitalised.
_NAME_OPENERS = frozenset({"abu", "abou", "umm", "um", "ibn", "bin"})


# The words read before a verb are a few: a long sentence's start is tokenised only when the
# walk back reaches it (tokenising it all for every verb was most of the stage's time).
_WINDOW = 240


def speaker_before(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase ending right before ``hi`` (a verb), not before ``lo``: its span."""
    if hi - lo > _WINDOW:
        # Tokens never span a space, so those after one are the tokens of the whole span.
        cut = text.rfind(" ", lo, hi - _WINDOW // 2)
        if cut > lo:
            found, first = _speaker_before(text, _tokens(text[cut + 1 : hi], cut + 1))
            if first >= 1:  # the walk stopped before the window's first token: as in full
                return found
    return _speaker_before(text, _tokens(text[lo:hi], lo))[0]


def _speaker_before(
    text: str, toks: list[tuple[int, int, str]]
) -> tuple[tuple[int, int] | None, int]:
    """:func:`speaker_before` over the tokens before the verb: the span, and the index of the
    token the walk back stopped at (below 1: it reached the first token)."""
    kept: list[tuple[int, int, str]] = []
    i = len(toks) - 1
    # "The Observatory also said", "activists had said": skip the adverb or auxiliary.
    while i >= 0 and not kept and toks[i][2].lower() in W.SKIP_BEFORE_VERB:
        i -= 1
    while i >= 0 and len(kept) < 14:
        s, e, w = toks[i]
        low = w.lower()
        if not kept and low in W.PRONOUNS:
            return (s, e), i
        if not w[0].isalnum():
            break
        if low in W.DETERMINERS:
            left = toks[i - 1][2].lower() if i > 0 else ""
            if low == "the" and left in {"of", "for"} and kept:
                kept.append(toks[i])
                i -= 1
                continue
            kept.append(toks[i])
            break
        if (
            low in {"in", "at", "from", "within"}
            and kept
            and i > 0
            and toks[i - 1][2].lower() in W.SOURCE_NOUNS
        ):
            # "a source at the Aleppo police command told", "sources in the governorate
            # said": the body the source speaks from.
            kept.append(toks[i])
            i -= 1
            continue
        if (
            low in {"in", "at", "from"}
            and kept
            and i > 0
            and any(_is_cap(k[2]) for k in kept)
            and all(_is_cap(k[2]) or k[2].lower() in W.PLACE_WORDS for k in kept)
        ):
            # "a SANA reporter in Aleppo said", "activists in Douma said": the speaker is the
            # noun before the place.
            left = toks[i - 1][2]
            if (
                left.lower() not in W.STOP
                and left[:1].isalpha()
                and (find_sources(left) or role_kind(left))
            ):
                kept.append(toks[i])
                i -= 1
                continue
        if low in W.CONNECTORS and kept and i > 0:
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
        if low in W.STOP or low in W.MONTHS:
            inside_name = (
                w[:1].isupper()
                and kept
                and _is_cap(kept[-1][2])
                and i > 0
                and _is_cap(toks[i - 1][2])
                and low not in W.MONTHS
                and low not in W.WEEKDAYS
            )
            if not inside_name:  # "Reporters Without Borders" is one name
                break  # "on Sunday a monitor said", "Meanwhile activists said"
        if _is_cap(w) or _content_ok(w):
            kept.append(toks[i])
            i -= 1
            continue
        break
    # Drop connectors left dangling at the start, but not a name's own first word ("Abu Omar
    # said", "Umm Khaled told").
    while kept and kept[-1][2].lower() in W.CONNECTORS - {"the"}:
        first = kept[-1][2]
        if len(kept) > 1 and first[:1].isupper() and first.lower() in _NAME_OPENERS:
            break
        kept.pop()
    if not kept:
        return None, i
    # "... in Idlib said", "based in Britain said": a place, the speaker left unnamed.
    if (
        i >= 0
        and toks[i][2].lower() in W.LOCATIVE
        and all(_is_cap(k[2]) or k[2].lower() in W.CONNECTORS | W.PLACE_WORDS for k in kept)
    ):
        phrase = text[kept[-1][0] : kept[0][1]]
        if not find_sources(phrase) and not role_kind(phrase):
            return None, i
    return (kept[-1][0], kept[0][1]), i


def lead_space(text: str, lo: int, hi: int) -> int:
    """How many blanks open the sentence text[lo:hi]."""
    seg = text[lo:hi]
    return len(seg) - len(seg.lstrip())


_CLAUSE_BREAK = re.compile(r"[,;:\"“”()]|\s[-–—]\s")
_SUBJECT_AT_PLACE = re.compile(
    r"\s*((?:(?:the|a|an)\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2}?)"
    r"\s+(?:at|in|from|near|inside|outside|who|that)\s+[^,;:\"“”()]{1,80}$",
    re.IGNORECASE,
)


def subject_before_place(text: str, lo: int, hi: int) -> tuple[int, int] | None:
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


def source_subject(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """:func:`subject_before_place`, kept only when its words name a kind of source
    ("medics", "residents"), not the event ("Eleven people died in the suburbs of Hama said
    ...")."""
    head = subject_before_place(text, lo, hi)
    if head is None:
        return None
    found = speaker_from_phrase(text[head[0] : head[1]])
    return head if found is not None and found.kind != "other" else None


def speaker_after(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase starting at ``lo`` (after a verb or "according to"): its span."""
    toks = _tokens(text[lo:hi], lo)
    kept: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks) and len(kept) < 14:
        s, e, w = toks[i]
        low = w.lower()
        if not kept and low in W.PRONOUNS:
            return (s, e)
        if not w[0].isalnum():
            break
        if low in W.DETERMINERS and not kept:
            kept.append(toks[i])
            i += 1
            continue
        if low in W.CONNECTORS and kept and i + 1 < len(toks):
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
        if low in W.DETERMINERS:
            break
        if _is_cap(w) or _content_ok(w):
            kept.append(toks[i])
            i += 1
            continue
        break
    while kept and kept[-1][2].lower() in W.CONNECTORS | W.DETERMINERS:
        kept.pop()
    if not kept:
        return None
    return (kept[0][0], kept[-1][1])


def appositive(text: str, end: int, hi: int) -> str:
    """The role words after a name (", a nurse and photographer in ..."): for the kind only."""
    m = re.match(r"\s*,\s*([^,.;:\"“”]{2,80})", text[end:hi])
    return m.group(1) if m else ""


def person_name(phrase: str) -> str | None:
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
    while run and (not run[0][:1].isupper() or run[0].lower() in W.DETERMINERS | W.STOP):
        run.pop(0)
    if not run:
        return None
    name = " ".join(run)
    rest = toks[: len(toks) - len(run)]
    # "the governor of Idlib", "head of the Observatory": a place or body, not a person.
    if rest and rest[-1].lower() in {"of", "for", "in", "from", "at", "the"}:
        return None
    # "the correspondent in east Aleppo": a place after a locative, not a person.
    k = len(rest) - 1
    while k >= 0 and rest[k].lower() in W.PLACE_WORDS:
        k -= 1
    if k < len(rest) - 1 and k >= 0 and rest[k].lower() in W.LOCATIVE:
        return None
    name_start = len(phrase) - len(name)
    for org in find_sources(phrase):
        if org.end > name_start:
            return None
    if actors.resolve(name) or W.COUNTRY_GOVERNMENTS.match(name):
        return None
    lower_rest = [w for w in rest if w.lower() not in W.DETERMINERS]
    # A name alone ("Rifai") or after role words ("council president Brita Hagi Hasan").
    if len(run) >= 2 or not lower_rest or any(w.lower() in W.ROLE_HEADS for w in lower_rest):
        return name
    return None


_TAIL_OK = W.ROLE_HEADS | W.CONNECTORS | W.NAME_WORDS | W.LOCATIVE | W.GENERIC_TAIL


def _role_of(phrase: str, body: SourceMatch) -> str | None:
    """A person of a named body the phrase names by role, as "role, Body": "the SANA
    reporter" → "SANA reporter, Syrian Arab News Agency (SANA)", "a spokesman for the White
    Helmets" → "spokesman, Syrian Civil Defence (White Helmets)"; None when the phrase names
    the body itself."""
    after = phrase[body.end :].split()
    if after and after[0].lower().strip(",") in W.ROLE_HEADS:
        return f"{strip_det(phrase).rstrip(' ,')}, {body.source.name}"
    before = phrase[: body.start].split()
    while before and before[-1].lower() in W.CONNECTORS | W.DETERMINERS:
        before.pop()
    if before and before[-1].lower() in W.ROLE_HEADS:
        # "Rami Abdel Rahman director of the Observatory" (copy without commas): the
        # person, with the body, as a spokesperson of the catalogue is named
        named = [w.rstrip(",") for w in before]
        while named and named[-1].lower() in W.ROLE_HEADS | W.CONNECTORS:
            named.pop()
        person = person_name(" ".join(named)) if named else None
        if person is not None and person == " ".join(named):
            return f"{person}, {body.source.name}"
        role = strip_det(" ".join(before))
        return f"{role}, {body.source.name}"
    # "Ibrahim Alhaj of the Syrian Civil Defence": a person of the body
    if len(before) >= 2 and phrase[: body.start].rstrip().lower().endswith(
        ("of", "of the", "from", "from the")
    ):
        person = person_name(" ".join(before))
        if person is not None and person == " ".join(before):
            return f"{person}, {body.source.name}"
    return None


def strip_det(text: str) -> str:
    return re.sub(r"^(?:the|a|an|its|their)(?:\s+|$)", "", text, flags=re.IGNORECASE)


@lru_cache(maxsize=8192)
def speaker_from_phrase(phrase: str, *, apposition: str = "") -> Speaker | None:
    """Name and kind of the speaker a noun phrase names (None for an empty phrase)."""
    phrase = phrase.strip()
    if not phrase:
        return None
    text = phrase
    phrase = W.SOURCE_PREFIX.sub("", phrase)
    # "the Observatory toll", "UN figures": the body, not its document.
    bare = re.sub(
        r"(?:['’]s)?\s+(?:latest |new |own )?(?:toll|tally|figures?|count|report|data|statement|estimates?|numbers?)$",
        "",
        phrase,
    )
    if strip_det(bare):  # "the report" stays itself
        phrase = bare
    orgs = find_sources(phrase)
    specific = [o for o in orgs if not o.generic]
    person = person_name(phrase)
    role = role_kind(phrase) or (role_kind(apposition) if apposition else None)
    app_orgs = find_sources(apposition) if apposition else ()
    if person:
        known = find_people(person)
        body = None
        if specific:
            body = specific[-1].source
        elif known:
            body = known[0][2].source
        elif app_orgs and not app_orgs[0].generic:
            body = app_orgs[0].source
        kind = None
        if body is not None:
            kind = body.kind
        elif role:
            kind = role
        elif orgs:
            kind = orgs[-1].kind
        elif app_orgs:
            kind = app_orgs[0].kind
        # A known spokesperson under the catalogue's spelling; a person of a named body as
        # "Person, Body" ("Rami Abdel Rahman, Syrian Observatory for Human Rights").
        name = known[0][2].name if known and known[0][1] - known[0][0] == len(person) else person
        if body is not None:
            name = f"{name}, {body.name}"
        return Speaker(
            name=name,
            kind=kind or "other",
            person=True,
            text=text,
            rule=R.AFFILIATION if body is not None else None,
        )
    if specific:
        # The head of a noun phrase comes last ("the Islamic State group's Amaq news
        # agency"), unless it is a complement ("the Amaq agency of the Islamic State").
        heads = [o for o in specific if not _COMPLEMENT.search(phrase[: o.start])] or specific
        best = heads[-1]
        return Speaker(
            name=_role_of(phrase, best) or best.source.name,
            kind=best.kind,
            person=_role_of(phrase, best) is not None,
            text=text,
            rule=R.CATALOGUE,
        )
    if W.COUNTRY_GOVERNMENTS.match(phrase):
        return Speaker(name=phrase, kind="government", text=text)
    if orgs:
        best = orgs[-1]
        tail = phrase[best.end :].split()
        if tail and tail[0].lower() not in _TAIL_OK and not _is_cap(tail[0]):
            return None  # "a military airport": a thing named after a kind of source
        # From the organisation word to the end: "governor of Idlib", "monitoring group".
        name = strip_det(phrase[best.start :])
        return Speaker(
            name=name, kind=best.kind, generic=True, refers=best.source.refers, text=text
        )
    name = strip_det(phrase)
    if not name or name.lower() in W.STOP:
        return None
    if role:
        return Speaker(name=name, kind=role, generic=not phrase[:1].isupper(), text=text)
    if actors.resolve(phrase):
        return Speaker(name=name, kind="armed_group", generic=True, text=text)
    if len(name.split()) == 1 and name[:1].isupper():
        return Speaker(name=name, kind="other", person=True, text=text)
    if name[:1].isupper():
        return Speaker(name=name, kind="other", text=text)
    words = name.split()
    # "... a very conservative figure Mardini said" (copy without commas): the name at the end,
    # not a place ("the suburbs of Damascus").
    tail_at = next((k for k in range(len(words) - 1, -1, -1) if not words[k][:1].isupper()), -1)
    if words[-1][:1].isupper() and (tail_at < 0 or words[tail_at].lower() not in W.LOCATIVE):
        tail = []
        for w in reversed(words):
            if not w[:1].isupper():
                break
            tail.append(w)
        return Speaker(name=" ".join(reversed(tail)), kind="other", person=True, text=text)
    # "the group said", "the agency added": the body named before ("sources said" is not).
    definite = re.match(r"(?:the|this|that|these|those)\s", phrase, re.IGNORECASE)
    if words[-1].lower() in W.ANAPHORIC_NOUNS and len(words) <= 3 and definite:
        return Speaker(name="it", kind="pronoun", text=text)
    return None  # "daily reports", "the figure says": not somebody
