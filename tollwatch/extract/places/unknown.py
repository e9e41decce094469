"""Places the gazetteer lacks: named with a unit word, located by a known place, or a spaCy entity."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from tollwatch.extract.gazetteer import fold
from tollwatch.extract.pipeline import Sentence
from tollwatch.extract.places import rules
from tollwatch.extract.places.judging import not_event_reason
from tollwatch.extract.places.mentions import (
    Match,
    PlaceMention,
    at_sentence_start,
    text_after,
    text_before,
)
from tollwatch.extract.places.words import (
    CITY_PARTS,
    DEMONYM_TO_COUNTRY,
    PEOPLES,
    STOPWORDS,
    UNITS_ALONE,
)
from tollwatch.extract.rules import Rule
from tollwatch.model import PlaceRef, Span

_NAME_WORD = r"(?:[A-Z][\w'’ʿ]*|(?:al|el|ad|ar|as|ash|at|az|an|ez|ed)\b)"
# An Arabic article written lowercase before a name ("al-Furqan", "el-Breij").
_ARTICLE = r"(?:(?:al|el|ad|ar|as|ash|at|az|an|ez|ed)-)?"

_UNKNOWN_PART = re.compile(
    rf"\b(?P<name>{_ARTICLE}[A-Z][\w'’ʿ]*(?:[\s-]{_NAME_WORD}){{0,4}})"
    # "Rajem al-Sleibi village" or "Rajem al-Sleibi, a small village on the border"
    r"(?:\s+|,\s+an?\s+(?:small\s+|tiny\s+|remote\s+|border\s+)?)"
    r"(?P<w>neighbourhood|neighborhood|district|quarter|area|county|village|town|camp|"
    r"locality|sub-district|subdistrict)\b"
)

# "the town of Hass", "the rebel-held village of Deir al-Adas": a settlement the text names
# as one, with its unit word before it.
_UNIT_OF = re.compile(
    r"\b(?:the|a|this|that)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<w>town|village|hamlet|camp|neighbou?rhood|district|quarter|area)\s+of\s+"
    rf"(?P<name>{_ARTICLE}[A-Z][\w'’ʿ]*(?:[\s-]{_NAME_WORD}){{0,3}})"
)


def unknown_parts(
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[PlaceMention],
    country: str | None = None,
) -> tuple[list[PlaceMention], set[int]]:
    """'the Jub al-Quba neighbourhood' the gazetteer lacks: a part of the last city named;
    'Siphepha area', 'Uror county' with no city to belong to: a place of the report's
    country known by its name only. Also the ids of the ``mentions`` these replace (a name
    spaCy found that the gazetteer lacks)."""
    out: list[PlaceMention] = []
    replaced: set[int] = set()
    cities = [pm for pm in mentions if pm.kind in ("city", "town")]
    known = [pm for pm in mentions if pm.place.gazetteer_id and pm.kind != "country"]
    for sent in sentences:
        for hit in _UNKNOWN_PART.finditer(sent.text):
            s = sent.start + hit.start("name")
            e = sent.start + hit.end("name")
            name = hit.group("name")
            while name.split()[0].lower() in STOPWORDS and " " in name:
                cut = name.index(" ") + 1
                name, s = name[cut:], s + cut
            if name.split()[0].lower() in STOPWORDS or not name.split("-")[-1][:1].isupper():
                continue
            if (name.isupper() and len(name) <= 5) or any(
                w.lower() in PEOPLES or w.lower() in DEMONYM_TO_COUNTRY for w in name.split()
            ):
                continue  # "the Arab Sunni village", "a UN camp": who, not where
            overlaps = [pm for pm in mentions if pm.span.start < e and s < pm.span.end]
            if any(pm.place.gazetteer_id or pm.kind is not None for pm in overlaps):
                continue
            # "the Salah Eddin neighbourhood of/in Aleppo": the city named right after, else
            # the last one named before.
            after_end = sent.start + hit.end()
            word = hit.group("w").lower()
            following = [
                pm
                for pm in (cities if word in CITY_PARTS else known)
                if after_end <= pm.span.start <= after_end + 12
                and (
                    re.fullmatch(
                        r"\s+(?:of|in)\s+(?:the\s+)?(?:city\s+of\s+)?",
                        text[after_end : pm.span.start],
                    )
                    # "the al-Zaytoun neighbourhood, east of Gaza city"
                    or (
                        pm.vague is not None
                        and pm.span.text.lower().startswith(pm.vague.lower())
                        and re.fullmatch(r"\s*,\s*", text[after_end : pm.span.start])
                    )
                )
            ]
            prior = [pm for pm in cities if pm.span.end <= s] if word in CITY_PARTS else []
            if not (following or prior):
                if word in UNITS_ALONE and not overlaps:
                    unit = _unit_mention(text, sent, s, e, name, word, country)
                    if unit is not None:
                        out.append(unit)
                continue
            city = following[0] if following else prior[-1]
            span = Span(start=s, end=e, text=text[s:e])
            ref = replace(
                city.place,
                name=name,
                text=span.text,
                admin2=city.place.admin2,
                precision=max(2, min(city.place.precision or 2, 4)),
                gazetteer_id=None,
                rule=rules.PART_OF_CITY.name,
                note=f"{'an' if word[0] in 'aeiou' else 'a'} {word} not in the gazetteer: "
                f"part of {city.place.name}, "
                + ("named beside it" if following else "named before"),
                span=span,
            )
            # A name spaCy took for a place the gazetteer lacks ("Qatirji") is this part.
            replaced.update(id(pm) for pm in overlaps)
            out.append(
                PlaceMention(
                    place=ref,
                    span=span,
                    sentence=sent.index,
                    kind="neighbourhood" if word in CITY_PARTS else "place",
                    vague=hit.group("w"),
                )
            )
    for sent in sentences:
        for hit in _UNIT_OF.finditer(sent.text):
            unit = _unit_of_mention(text, sent, hit, mentions, cities, country)
            if unit is not None:
                out.append(unit[0])
                replaced.update(unit[1])
    # The same words later on ("Many of the victims in Jub al-Quba ...") name the same part.
    again: list[PlaceMention] = []
    taken = [(pm.span.start, pm.span.end) for pm in [*mentions, *out]]
    for pm in out:
        for hit in re.finditer(rf"(?<![\w-]){re.escape(pm.span.text)}(?![\w-])", text):
            s, e = hit.start(), hit.end()
            if any(a < e and s < b for a, b in taken):
                continue
            sent = next((x for x in sentences if x.start <= s < x.end), None)
            if sent is None:
                continue
            span = Span(start=s, end=e, text=text[s:e])
            again.append(
                replace(
                    pm,
                    place=replace(pm.place, text=span.text, span=span),
                    span=span,
                    sentence=sent.index,
                )
            )
            taken.append((s, e))
    return out + again, replaced


_LAST_WORD = re.compile(r"[\s-]+([\w'’ʿ]+)$")


def _unit_of_mention(
    text: str,
    sent: Sentence,
    hit: re.Match[str],
    mentions: Sequence[PlaceMention],
    cities: Sequence[PlaceMention],
    country: str | None,
) -> tuple[PlaceMention, set[int]] | None:
    """ "the town of Hass" the gazetteer lacks (or knows only abroad, in a report of another
    country): a place of the report's country, with the precision of its unit word; also the
    ids of the mentions it replaces."""
    s = sent.start + hit.start("name")
    e = sent.start + hit.end("name")
    name = hit.group("name")
    while (cut := _LAST_WORD.search(name)) and cut.group(1).lower() in STOPWORDS:
        name = name[: cut.start()]  # "the town of Hass On Wednesday": a text without commas
    e = s + len(name)
    words = name.split()
    if words[0].lower() in STOPWORDS or (name.isupper() and len(name) <= 5):
        return None
    if any(w.lower() in PEOPLES or w.lower() in DEMONYM_TO_COUNTRY for w in words):
        return None
    overlaps = [pm for pm in mentions if pm.span.start < e and s < pm.span.end]
    if hit.group("w").lower() == "area" and any(pm.place.gazetteer_id for pm in overlaps):
        return None  # "the northern area of Rafah": a known place, wherever it is
    for pm in overlaps:
        if pm.kind is None and not pm.place.gazetteer_id:
            continue  # a name spaCy found that the gazetteer lacks: this one replaces it
        if (
            country is None
            or pm.place.country == country
            or pm.kind == "country"
            or pm.population < 50_000
        ):
            # A known place, the ranking read "the town of" already; only a big town abroad
            # is a namesake the text cannot mean by "the village of" ("al-Sabha" of Syria,
            # not Libya's Sabha).
            return None
    word = hit.group("w").lower()
    if word in CITY_PARTS:
        # "the east Aleppo district of Marjeh": part of the city named in the words before
        # it, else of the last city named.
        prior = [pm for pm in cities if pm.span.end <= s]
        if not prior or prior[-1].place.country != (country or prior[-1].place.country):
            return None
        city = prior[-1]
        span = Span(start=s, end=e, text=text[s:e])
        ref = replace(
            city.place,
            name=name,
            text=span.text,
            precision=max(2, min(city.place.precision or 2, 4)),
            gazetteer_id=None,
            rule=rules.names(rules.UNIT_OF, rules.PART_OF_CITY),
            note=f"a {word} not in the gazetteer: part of {city.place.name}, named before",
            span=span,
        )
        part = PlaceMention(
            place=ref, span=span, sentence=sent.index, kind="neighbourhood", vague=word
        )
        return part, {id(pm) for pm in overlaps}
    unit = _unit_mention(text, sent, s, e, name, word, country, rule=rules.UNIT_OF)
    if unit is None:
        return None
    return unit, {id(pm) for pm in overlaps}


def _unit_mention(
    text: str,
    sent: Sentence,
    s: int,
    e: int,
    name: str,
    word: str,
    country: str | None,
    rule: Rule = rules.UNIT_WORD,
) -> PlaceMention | None:
    """A place the gazetteer lacks, named with its unit word ("Bimbwi area")."""
    m = Match(
        start=s,
        end=e,
        key=fold(name),
        candidates=[],
        sentence=sent.index,
        sentence_start=sent.start,
        initial=at_sentence_start(text, s, sent.start),
        text=text,
    )
    if m.initial and " " not in name and rule is rules.UNIT_WORD:
        return None  # "Police district", "Camp …" at a sentence start: too little evidence
    reason = not_event_reason(text, m)
    span = Span(start=s, end=e, text=text[s:e])
    across = across_border(text, s)
    ref = PlaceRef(
        name=name,
        text=span.text,
        country=across[0] if across else country,
        precision=UNITS_ALONE.get(word, 2),
        rule=rules.names(rule, rules.ACROSS_BORDER if across else None),
        note=f"{'an' if word[0] in 'aeiou' else 'a'} {word} not in the gazetteer"
        + (
            f"; country from {across[1]!r}"
            if across
            else "; country from the report's context"
            if country
            else ""
        ),
        span=span,
    )
    return PlaceMention(
        place=ref,
        span=span,
        sentence=sent.index,
        eventlike=reason is None,
        reason=reason,
        kind="place",
        vague=word,
    )


# Between a place the gazetteer lacks and a known one that locates it: "Moadamiya near
# Damascus", "Macina area in Segou region", "Kafr Batna, Rif Dimashq", "X (Y) near Z".
_PLACED_BY = re.compile(
    r"^(?:\s*\([^()]{1,40}\))?(?:\s+(?P<unit>area|county|district|village|town|camp|"
    r"region|locality))?\s*(?:,\s*|\s+(?P<how>in|of|near|outside|close to|north of|"
    r"south of|east of|west of|northeast of|northwest of|southeast of|southwest of)\s+)"
    r"(?:the\s+)?(?:(?:city|town|province|governorate|region)\s+of\s+)?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?western|north-?eastern|south-?western|south-?eastern)\s+)?$",
    re.IGNORECASE,
)

_UNIT_AFTER = re.compile(
    r"^\s+(area|county|district|sub-district|village|town|camp|locality)\b", re.IGNORECASE
)

_UNIT_SUFFIX = re.compile(
    r"\s+(?:area|county|district|sub-district|village|town|camp|locality)$", re.IGNORECASE
)


def placed_unknowns(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Places the gazetteer lacks, located by the known place named right after them: the
    known place's admin1, admin2, country and coordinates, the precision of "near"."""
    out = list(mentions)
    for n, pm in enumerate(out):
        if pm.place.gazetteer_id or pm.place.name is None:
            continue
        name = _UNIT_SUFFIX.sub("", pm.place.name) or pm.place.name
        ref = pm.place
        if ref.precision is None:
            # "Uror county" (the entity took the word) or "Bimbwi area" (it did not).
            word = ref.name[len(name) :].strip().lower()
            unit = _UNIT_AFTER.match(text_after(text, pm.span.end))
            if not word and unit:
                word = unit.group(1).lower()
            if word:
                ref = replace(
                    ref,
                    name=name,
                    precision=UNITS_ALONE.get(word, 2),
                    rule=rules.names(
                        rules.UNIT_WORD,
                        *(r for r in (ref.rule or "").split("+") if r != rules.ENTITY.name),
                    ),
                    note=rules.notes(ref.note, f"made a place by its unit word ({word})"),
                )
        anchor = None
        for other in out[n + 1 : n + 3]:
            if other.sentence != pm.sentence or not other.place.gazetteer_id:
                continue
            gap = text[pm.span.end : other.span.start]
            if other.vague and other.span.text.lower().startswith(other.vague.lower()):
                gap += other.vague + " "  # "near Damascus": the mention took the word
            hit = _PLACED_BY.match(gap)
            if hit and other.place.country and other.kind != "country":
                anchor = (other, hit)
            break
        if anchor is not None:
            other, hit = anchor
            how = (hit.group("how") or "in").lower()
            near = how not in ("in", "of")
            admin1 = other.place.admin1 or (other.place.name if other.kind == "admin1" else None)
            if ref.admin1 is None or ref.country != other.place.country:
                ref = replace(
                    ref,
                    name=name,
                    admin1=admin1,
                    admin2=other.place.admin2 if other.kind not in ("admin1",) else None,
                    country=other.place.country,
                    lat=other.place.lat,
                    lon=other.place.lon,
                    precision=max(ref.precision or 1, 2)
                    if near
                    else ref.precision or (4 if other.kind == "admin1" else 2),
                    rule=rules.names(
                        rules.LOCATED_BY,
                        *(r for r in (ref.rule or "").split("+") if r != rules.ENTITY.name),
                    ),
                    note=f"not in the gazetteer: {how} {other.place.name}",
                )
        if ref.admin1 is None and ref.country and ref.name:
            province = _province_beside(out, pm, ref.country)
            if province is not None:
                ref = replace(
                    ref,
                    admin1=province.place.admin1,
                    rule=rules.names(ref.rule, rules.PROVINCE_BESIDE),
                    note=rules.notes(
                        ref.note, f"in {province.place.admin1}, the province named beside it"
                    ),
                )
        if ref is not pm.place:
            out[n] = replace(pm, place=ref, kind=pm.kind or "place")
    # The same name elsewhere in the text is the same place ("Adra", then "Adra in Damascus
    # countryside").
    placed = {
        fold(pm.place.name): pm.place
        for pm in out
        if not pm.place.gazetteer_id and pm.place.admin1 and pm.place.name
    }
    for n, pm in enumerate(out):
        if pm.place.gazetteer_id or pm.place.admin1 or not pm.place.name:
            continue
        known = placed.get(fold(pm.place.name))
        if known is not None:
            ref = replace(known, text=pm.place.text, span=pm.place.span)
            out[n] = replace(pm, place=ref, kind=pm.kind or "place")
    return out


def _province_beside(
    mentions: Sequence[PlaceMention], pm: PlaceMention, country: str
) -> PlaceMention | None:
    """The one province of ``country`` named in the sentence of ``pm``, else in the sentence
    before it ("… in the northern province of Aleppo. The village of Qasr el-Breij …"), else
    the province of the known place named last before it, else the one province of the
    whole text."""
    for index in (pm.sentence, pm.sentence - 1):
        found = {
            o.place.admin1: o
            for o in mentions
            if o.sentence == index
            and o.eventlike
            and o.place.country == country
            and o.place.admin1
            and (o.kind == "admin1" or o.place.precision == 4)
        }
        if len(found) == 1:
            return next(iter(found.values()))
        if found:
            return None  # two provinces: the text does not say which
    # Else the province of the last known place named before it, a sentence or two back
    # ("… the city of Deir al-Zor … the village of al-Sabha").
    for o in reversed(mentions if pm.kind is not None else ()):
        # (only for a place its own words make one: "the village of X", "X district")
        if o.span.start >= pm.span.start:
            continue
        if o.sentence < pm.sentence - 2:
            break
        if o.eventlike and o.place.gazetteer_id and o.place.country == country:
            if o.place.admin1:
                return o
            break
    # Else the one province the whole text names ("Deir Ez-Zor province" further on).
    found = {
        o.place.admin1: o
        for o in mentions
        if o.eventlike
        and o.place.country == country
        and o.place.admin1
        and (o.kind == "admin1" or o.place.precision == 4)
    }
    return next(iter(found.values())) if len(found) == 1 else None


_ACROSS_BORDER = re.compile(
    r"\b(?:across|over|crossed|crossing)\s+the\s+(?P<d>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+"
    r"(?:border|frontier)\s+(?:in)?to\s+(?:the\s+)?$"
)


def across_border(text: str, start: int) -> tuple[str, str] | None:
    """'pushed over the Ethiopian border into Melkadida camp': the country of a place named
    after crossing a border, and the words that say so; None when the text says none."""
    hit = _ACROSS_BORDER.search(text_before(text, start))
    if hit is None or hit.group("d").casefold() not in DEMONYM_TO_COUNTRY:
        return None
    return DEMONYM_TO_COUNTRY[hit.group("d").casefold()], hit.group(0).strip()


def unresolved_mention(text: str, m: Match, country: str | None) -> PlaceMention | None:
    """A GPE/LOC entity the gazetteer does not know: kept by its words, in the report's country."""
    surface = text[m.start : m.end]
    if not surface[:1].isupper() or len(surface) < 3:
        return None
    if re.search(r"\b(?:Sea|Ocean|Gulf|River|Bay|Mountains|Lake)$", surface):
        return None  # water and ranges: no country to give them
    span = Span(start=m.start, end=m.end, text=surface)
    reason = not_event_reason(text, m)
    across = across_border(text, m.start)
    ref = PlaceRef(
        name=surface,
        text=surface,
        country=across[0] if across else country,
        precision=None,
        rule=(rules.ACROSS_BORDER if across else rules.ENTITY).name,
        note=f"not in the gazetteer; country from {across[1]!r}"
        if across
        else "not in the gazetteer; country from the report's context"
        if country
        else "not in the gazetteer",
        span=span,
    )
    return PlaceMention(
        place=ref,
        span=span,
        sentence=m.sentence,
        eventlike=reason is None,
        reason=reason,
        kind=None,
    )
