"""Finding names: capitalised runs of words looked up by their fold key, and spaCy's GPE/LOC entities."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tollwatch.extract.gazetteer import Gazetteer, fold
from tollwatch.extract.pipeline import Sentence
from tollwatch.extract.places.judging import is_dateline
from tollwatch.extract.places.mentions import (
    TOKEN,
    Match,
    at_sentence_start,
    text_after,
    text_before,
)
from tollwatch.extract.places.words import (
    ADMIN_AFTER,
    ADMIN_WORD_KIND,
    CONNECTORS,
    DEMONYM_TO_COUNTRY,
    DIRECTION_WORDS,
    FUNCTION_WORDS,
    NAME_TAILS,
    PEOPLES,
    PERSON_NAMES,
    STOP_PHRASES,
    STOPWORDS,
    STREET_WORDS,
    TITLES,
    TOPO_WORDS,
    VAGUE_WORDS,
)

_GAP = re.compile(r"[ \t\u00a0]{1,3}|[ \t\u00a0]?[-–][ \t\u00a0]?")


def name_runs(text: str, base: int) -> list[tuple[int, int, str, int]]:
    """(start, end, key, word count) of every run of words that may be a name in ``text``."""
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    # Each token's capital and lower case, once (not once for every run it may be part of).
    caps = [tok[:1].isupper() for _s, _e, tok in tokens]
    lows = [tok.lower() for _s, _e, tok in tokens]
    n = len(tokens)
    out = []
    for i, (s, _e, _tok) in enumerate(tokens):
        low = lows[i]
        if not caps[i] and not (low in CONNECTORS and text[_e : _e + 1] == "-"):
            continue
        if caps[i] and low in FUNCTION_WORDS and text[_e : _e + 1] != "-":
            continue  # "An Aleppo-based group": English "An", not the Arabic article
        end_i = i
        for j in range(i, min(i + 6, n)):
            if j > i:
                gap = text[tokens[j - 1][1] : tokens[j][0]]
                if not _GAP.fullmatch(gap):
                    break
            tj = tokens[j][2]
            connector = lows[j] in CONNECTORS
            if not caps[j] and not connector:
                break
            end_i = j
            if (caps[j] or tj[:1].isdigit()) and not connector:
                phrase = text[s : tokens[end_i][1]]
                out.append((base + s, base + tokens[end_i][1], fold(phrase), end_i - i + 1))
                # "Damascus countryside": a province named so (Rif Dimashq), when it is one;
                # "the Gaza strip" written in lowercase (data/places/name_tails.txt).
                if j + 1 < n and lows[j + 1] in NAME_TAILS:
                    if text[tokens[j][1] : tokens[j + 1][0]] == " ":
                        key = fold(text[s : tokens[j + 1][1]])
                        out.append((base + s, base + tokens[j + 1][1], key, end_i - i + 2))
                # "eastern Ghouta": a region whose name starts with a direction word.
                if i > 0 and lows[i - 1] in DIRECTION_WORDS:
                    ps = tokens[i - 1][0]
                    if text[tokens[i - 1][1] : s] == " ":
                        key = fold(text[ps : tokens[end_i][1]])
                        out.append((base + ps, base + tokens[end_i][1], key, end_i - i + 2))
    return out


def may_be_place(
    text: str,
    m: Match,
    words: int,
    country_keys: frozenset[str] | set[str] = frozenset(),
    found_keys: frozenset[str] | set[str] | dict = frozenset(),
) -> bool:
    """Whether a phrase match may be a place at all (not a common word or part of a name)."""
    surface = text[m.start : m.end]
    has_area = any(c.place.kind == "country" for c in m.candidates)
    low = surface.casefold()
    if low in DEMONYM_TO_COUNTRY:
        return False
    if _STORM_BEFORE.search(text_before(text, m.start, 40)) or _STORM_AFTER.match(
        text_after(text, m.end)
    ):
        return False  # "Cyclone Roanu", "the cyclone, Roanu,", "Haiyan typhoon": a storm's name
    content = [t.lower() for t in TOKEN.findall(surface) if t.lower() not in CONNECTORS]
    # "Unity state", "Central province": a common word that names a province when the admin
    # word says so.
    unit = is_named_unit(text, m)
    if (
        not has_area
        and not unit
        and all(t in STOPWORDS or t in PERSON_NAMES or t in TOPO_WORDS for t in content)
    ):
        return False
    if low in STOP_PHRASES:
        return False
    if not surface.isupper():
        # "CAR" is the Central African Republic, "Car bomb" is not.
        m.candidates = [
            c for c in m.candidates if not (c.matched.isupper() and len(c.matched) <= 5)
        ]
        if not m.candidates:
            return False
    if words == 1 and surface.isupper() and len(surface) <= 5 and not is_dateline(text, m):
        # Acronyms (ISIS, SDF, UN) are not places; "US", "UK" are countries, and a region
        # known by its acronym ("FATA") is that region, nothing else.
        countries = [
            c
            for c in m.candidates
            if c.place.kind == "country"
            or (c.place.kind in ("area", "region") and c.matched == surface)
        ]
        if not countries:
            return False
        m.candidates = countries
    prev = _name_word_before(text, m.start, m.sentence_start)
    if prev and (fold(prev) in country_keys or fold(prev[:-1]) in country_keys):
        prev = None  # "Syrias Idlib": a country's name before, not a person's
    if prev and prev.lower() in TITLES:
        return False  # "President Assad"
    if (
        prev
        and not any(c.place.kind == "country" for c in m.candidates)
        and not unit
        and not _listed_after_city(text, m, found_keys)
    ):
        # "Jawad al-Rifai", "World War II": the end of a longer name; but "Saraqeb Idlib
        # province" lists a town and its province, and "in Deir Ezzor Aleppo" two cities
        # whose comma was lost.
        return False
    small = max((c.place.population for c in m.candidates), default=0) < 100_000
    if not has_area and small and _SAYS_AFTER.match(text_after(text, m.end)):
        return False  # "Rifai said": a person
    nxt = _NAME_AFTER.match(text_after(text, m.end))
    if (
        nxt
        # "Tal Abyad Raqqa" is a list of places; "Khan al-Assad" is one name.
        and (nxt.group(1) or fold(nxt.group(2)) not in found_keys)
        and not has_area
        and nxt.group(2).lower() not in STOPWORDS
        and nxt.group(2).lower() not in ADMIN_WORD_KIND
        and (
            nxt.group(1)  # "Bab Al-Mandab", "Ras al-Ain": an Arabic name goes on
            or max((c.place.population for c in m.candidates), default=0) < 100_000
        )
    ):
        return False  # "Tal" of "Tal Rifaat": the start of a longer name the gazetteer lacks
    street = _WORD_AFTER.match(text_after(text, m.end))
    if street and street.group(1).lower() in STREET_WORDS and not has_area:
        return False  # "Jaffa Street", "Al-Nada Towers": named after a place, not in it
    return True


_WORD_AFTER = re.compile(r"^\s+([A-Za-z]+)\b")
_CITY = 100_000  # people in a place that two words of a name run cannot both be by chance
_NAMES_BEFORE = re.compile(r"((?:[A-Z][\w'’-]*\s+){1,3})$")


def _big(candidates: Sequence) -> bool:
    return any(c.place.population >= _CITY for c in candidates)


def _listed_after_city(text: str, m: Match, found_keys: frozenset[str] | set[str] | dict) -> bool:
    """Is the match a city named right after another city, in a list whose comma the text
    lost ("rocket attacks in Deir Ezzor Aleppo")? Both must be cities."""
    if not isinstance(found_keys, dict) or not _big(m.candidates):
        return False
    run = _NAMES_BEFORE.search(text, max(m.sentence_start, m.start - 40), m.start)
    if run is None:
        return False
    words = run.group(1).split()
    if words[-1].lower() in CONNECTORS:
        return False  # "Wadi Al Gaza": one name
    here = {c.place.country for c in m.candidates if c.place.population >= _CITY}
    for n in range(1, len(words) + 1):
        if words[-n].lower() in PERSON_NAMES:
            return False  # "Mohammed Salem": a person's name
        cands = found_keys.get(fold(" ".join(words[-n:])))
        if cands and any(c.place.population >= _CITY and c.place.country in here for c in cands):
            return True
    return False


_STORM_BEFORE = re.compile(
    r"\b(?:cyclone|storm|typhoon|hurricane|tropical depression)"
    r"(?:\s+of\s+the\s+[a-z]+(?:\s+[a-z]+)?)?\s*,?\s*$"
    # "typhoon Nock-Ten (local name, Nina)": the name a storm goes by locally
    r"|\b(?:cyclone|storm|typhoon|hurricane|depression)\s+[\w-]+\s*\(\s*(?:local|domestic)"
    r"\s+name[:,]?\s*$",
    re.IGNORECASE,
)

_STORM_AFTER = re.compile(r"^\s+(?:cyclone|storm|typhoon|hurricane)\b", re.IGNORECASE)


def is_named_unit(text: str, m: Match) -> bool:
    """Whether the name is followed by a province word and may name a province ("Unity
    state", "Idlib province")."""
    word = ADMIN_AFTER.match(text_after(text, m.end))
    return (
        word is not None
        and ADMIN_WORD_KIND[word.group("w").lower()][0] == "admin1"
        and any(c.place.kind == "admin1" for c in m.candidates)
    )


# The next word of a longer name: an Arabic article joined by a hyphen ("Bab al-Mandab"),
# or by a space where it is no English word ("Ras al Ain"; not "as", "an", "at").
_NAME_AFTER = re.compile(
    r"^[ -]((?i:(?:al|el|ad|ar|as|ash|at|az|an|ez|ed)-|(?:al|el|ad|ar|ash|az|ez|ed) ))?"
    r"([A-Z][\w'’]*)"
)


def _name_word_before(text: str, start: int, sentence_start: int) -> str | None:
    """The capitalised word a name continues ("Jawad" of "Jawad al-Rifai"), or None.

    Words joined to the match by a space or hyphen, connectors ("al") skipped; a word that
    only starts the sentence, a function word ("In") or a direction ("Eastern") does not count.
    """
    pos = start
    while True:
        m = re.search(r"([^\W_]+)([ -])$", text[max(sentence_start, pos - 40) : pos])
        if not m:
            return None
        word = m.group(1)
        word_start = pos - len(m.group(0))
        if (
            word.lower() in CONNECTORS
            and word.lower() not in ("on", "upon")
            and not word[:1].isupper()
        ):
            pos = word_start
            continue
        if not word[:1].isupper():
            return None
        low = word.lower()
        if (
            low in FUNCTION_WORDS
            or low in DIRECTION_WORDS
            or low in VAGUE_WORDS
            or low in ADMIN_WORD_KIND
            or low == "capital"
        ):
            return None  # "the Syrian Capital Damascus", "Idlib Province Saraqeb"
        if at_sentence_start(text, word_start, sentence_start) and low in STOPWORDS:
            return None
        return word


_SAYS_AFTER = re.compile(
    r"^\s+(?:has\s+|had\s+)?(?:said|says|told|added|explained|stated|noted|wrote|tweeted)\b"
)


def add_entities(
    text: str, sentences: Sequence[Sentence], gazetteer: Gazetteer, matches: list[Match]
) -> None:
    spans = [(m.start, m.end) for m in matches]
    todo: list[tuple[int, int, str, int, int]] = []
    drop: set[int] = set()
    for sent in sentences:
        doc = sent.doc
        if doc is None:
            continue
        for ent in doc.ents:
            s = sent.start + ent.start_char
            e = sent.start + ent.end_char
            if ent.label_ in ("PERSON",):
                for i, m in enumerate(matches):
                    if m.start >= s and m.end <= e and (e - s) > (m.end - m.start):
                        if not any(c.place.kind in ("country", "admin1") for c in m.candidates):
                            drop.add(i)
                continue
            if ent.label_ not in ("GPE", "LOC"):
                continue
            hit = False
            for m in matches:
                if m.start < e and s < m.end:
                    m.entity = True
                    hit = True
            if hit:
                continue
            surface = re.sub(r"^(?:the|The)\s+", "", text[s:e])
            s = e - len(surface)
            if not surface or surface.casefold() in DEMONYM_TO_COUNTRY:
                continue
            todo.append((s, e, fold(surface), sent.index, sent.start))
    if drop:
        matches[:] = [m for i, m in enumerate(matches) if i not in drop]
    if not todo:
        return
    found = gazetteer.lookup_folds({t[2] for t in todo})
    for s, e, key, si, ss in todo:
        if any(a < e and s < b for a, b in spans):
            continue
        low = text[s:e].casefold()
        if low in STOPWORDS or low in PEOPLES or low in TOPO_WORDS or low in PERSON_NAMES:
            continue
        if _STORM_BEFORE.search(text_before(text, s, 40)) or _STORM_AFTER.match(
            text_after(text, e)
        ):
            continue  # a storm's name, as in may_be_place
        street = _WORD_AFTER.match(text_after(text, e))
        if street and street.group(1).lower() in STREET_WORDS:
            continue  # "Al-Nada Building": named after a place, as the matcher judges it
        matches.append(
            Match(
                start=s,
                end=e,
                key=key,
                candidates=found.get(key, []),
                sentence=si,
                sentence_start=ss,
                entity=True,
                unresolved=key not in found,
                text=text,
            )
        )
