"""Choosing among mentions: the most specific event place, the lead's and the title's place."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from tollwatch.extract.gazetteer import SETTLEMENT_KINDS
from tollwatch.extract.pipeline import Context, Sentence
from tollwatch.extract.places import rules
from tollwatch.extract.places.mentions import PlaceMention, place_ref
from tollwatch.extract.places.stage import gazetteer_of, title_places
from tollwatch.extract.places.words import KIND_RANK
from tollwatch.model import PlaceRef


def best_mention(
    mentions: Sequence[PlaceMention],
    country: str | None,
    lead_admin1: str | None = None,
    anchors: Sequence[int] = (),
) -> PlaceMention | None:
    """The event's place among ``mentions``: in the report's country, in the province the
    lead names (where the report puts its story), then the most specific, then the nearest
    to the figures at ``anchors`` (offsets), else the first."""
    good = [pm for pm in mentions if pm.eventlike]
    if not good:
        return None
    # A place the gazetteer lacks but the text names with its unit ("Siphepha area") is more
    # specific than the country; a known place below country level still comes first.
    known_local = any(pm.place.gazetteer_id and (pm.place.precision or 6) < 5 for pm in good)

    def key(pm: PlaceMention) -> tuple:
        prec = pm.place.precision if pm.place.precision is not None else 5.5
        unit = pm.kind == "place" and pm.place.precision is not None and not known_local
        return (
            0 if (country is None or pm.place.country == country) else 1,
            0 if pm.place.gazetteer_id or pm.place.admin1 or unit else 1,
            1 if lead_admin1 and pm.place.admin1 and pm.place.admin1 != lead_admin1 else 0,
            KIND_RANK.get(pm.kind or "", 6),
            prec,
            # as specific: a place the gazetteer knows before one it lacks
            0 if pm.place.gazetteer_id else 1,
            _nearest(anchors, pm.span.start) if anchors else pm.span.start,
            pm.span.start,
        )

    return min(good, key=key)


def _nearest(anchors: Sequence[int], at: int) -> int:
    """Distance from ``at`` to the nearest of the sorted ``anchors``."""
    i = bisect.bisect_left(anchors, at)
    return min(abs(anchors[j] - at) for j in (i - 1, i) if 0 <= j < len(anchors))


# A list of three names or more: "Budi, Ikotos, Lafon and Torit".
_NAME_LIST = re.compile(
    r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:\s*,\s*(?:and\s+)?|\s+and\s+)){2,}"
    r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
)

_UNITS_AFTER_LIST = re.compile(
    r"\s+(?:counties|districts|provinces|governorates|states|regions|municipalities|"
    r"sub-districts|subdistricts|departments|prefectures)\b",
    re.IGNORECASE,
)


def broader_than_list(
    text: str, chosen: PlaceMention, mentions: Sequence[PlaceMention]
) -> PlaceMention:
    """A town of a list ("clashes in Budi, Ikotos, Lafon and Torit") does not hold a figure
    of the whole: the region or province the same sentences name is its place."""
    if chosen.kind not in SETTLEMENT_KINDS:
        return chosen
    lo = max(0, chosen.span.start - 200)
    in_list = next(
        (
            hit
            for hit in _NAME_LIST.finditer(text, lo, min(len(text), chosen.span.end + 200))
            if hit.start() <= chosen.span.start and chosen.span.end <= hit.end()
        ),
        None,
    )
    if in_list is None or _UNITS_AFTER_LIST.match(text, in_list.end()):
        return chosen  # "Leer, Mayendit and Koch counties": units themselves
    broader = [
        pm
        for pm in mentions
        if pm.eventlike
        and pm.kind in ("area", "region", "admin1", "admin2")
        and pm.place.country == chosen.place.country
        and not (in_list.start() <= pm.span.start < in_list.end())
    ]
    found = best_mention(broader, chosen.place.country)
    return found or chosen


def _start_of(item: object) -> int | None:
    span = (
        getattr(item, "count_span", None)
        or getattr(item, "evidence", None)
        or getattr(item, "span", None)
    )
    return getattr(span, "start", None)


def figure_starts_of(context: Context) -> dict[int, list[int]]:
    """Per sentence index, where the claims and figure mentions that start in it start;
    computed once per report (place_for runs once per incident and per situation claim)."""
    key = (len(context.claims), len(context.figures), len(context.sentences))
    cached = context.cache.get("places.figure_starts")
    if cached is not None and cached[0] == key:
        return cached[1]
    bounds = [s.start for s in context.sentences]
    out: dict[int, list[int]] = {}
    for item in [*context.claims, *context.figures]:
        start = _start_of(item)
        if start is None:
            continue
        i = bisect.bisect_right(bounds, start) - 1
        if i >= 0 and start < context.sentences[i].end:
            out.setdefault(i, []).append(start)
    context.cache["places.figure_starts"] = (key, out)
    return out


def _starts_in(item: object, sentence: Sentence) -> bool:
    """Whether a claim or figure mention's evidence starts in ``sentence``."""
    span = (
        getattr(item, "count_span", None)
        or getattr(item, "evidence", None)
        or getattr(item, "span", None)
    )
    start = getattr(span, "start", None)
    return start is not None and sentence.start <= start < sentence.end


def main_admin1(context: Context, country: str) -> PlaceRef | None:
    """The province most of the report's places in ``country`` lie in, when one dominates."""
    counts: Counter[str] = Counter()
    for pm in context.places:
        if pm.eventlike and pm.place.country == country and pm.place.admin1:
            counts[pm.place.admin1] += 1
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    if n * 2 <= sum(counts.values()):
        return None
    getter = getattr(gazetteer_of(context), "admin1_entry", None)
    place = getter(country, name) if getter else None
    if place is None:
        return None
    return place_ref(
        place,
        text=place.name,
        precision=4,
        rule=rules.MAIN_PROVINCE.name,
        note="the province most of the report's places lie in (the event's words name only "
        "the country)",
    )


def places_by_sentence(context: Context) -> dict[int, list[PlaceMention]]:
    """The place mentions of each sentence, computed once per report."""
    cached = context.cache.get("places.by_sentence")
    if cached is not None and cached[0] == len(context.places):
        return cached[1]
    out: dict[int, list[PlaceMention]] = {}
    for pm in context.places:
        out.setdefault(pm.sentence, []).append(pm)
    context.cache["places.by_sentence"] = (len(context.places), out)
    return out


def lead_place(context: Context, country: str | None) -> tuple[PlaceMention, str] | None:
    """The place the report's title or lead (first sentences) puts its story in: the more
    specific of the two, the title's on a tie (computed once per report and country)."""
    key = (country, len(context.places))
    cached = context.cache.get("places.lead")
    if cached is not None and cached[0] == key:
        return cached[1]
    found = _find_lead_place(context, country)
    context.cache["places.lead"] = (key, found)
    return found


def _find_lead_place(context: Context, country: str | None) -> tuple[PlaceMention, str] | None:
    title = _first(title_places(context), country)
    lead = None
    if context.sentences:
        end = max(1, _paragraph_end(context, 0))
        lead = _first(
            [pm for pm in context.places if pm.sentence < min(end, 3)], country, context.text
        )
    found = [
        (pm, why) for pm, why in ((title, "the title's place"), (lead, "the lead's place")) if pm
    ]
    if not found:
        return None
    return min(
        found,
        key=lambda t: (
            0 if country is None or t[0].place.country == country else 1,
            KIND_RANK.get(t[0].kind or "", 6),
        ),
    )


def _first(
    mentions: Sequence[PlaceMention], country: str | None, text: str = ""
) -> PlaceMention | None:
    """The first place the lead names below country level (in the report's country), else
    the best of them: a report names its story's place first. A province named as where a
    town lies ("the Aleppo province village of X") is not the story's place: the town is
    (``places.province_modifier``)."""
    modifiers = [pm for pm in mentions if text and _modifies_town(text, pm)]
    for pm in mentions:
        if (
            pm.eventlike
            and pm.place.gazetteer_id
            and (pm.place.precision or 6) < 5
            and (country is None or pm.place.country == country)
            and pm not in modifiers
        ):
            return pm
    rest = [pm for pm in mentions if pm not in modifiers]
    found = best_mention(rest, country) if modifiers else None
    if found is not None and any(m.place.admin1 == found.place.admin1 for m in modifiers):
        place = replace(found.place, rule=f"{rules.PROVINCE_MODIFIER.name}+{found.place.rule}")
        return replace(found, place=place)
    return best_mention(mentions, country)


# "the Aleppo province village of", "the Idlib countryside town of": a unit of place named
# after a province, which then only says where the town lies.
_TOWN_AFTER = re.compile(
    r"(?:\s+(?:province|governorate|countryside|region|district))?\s+"
    r"(?:town|village|city|neighbou?rhood|camp)\s+of\s+[A-Z]"
)


def _modifies_town(text: str, pm: PlaceMention) -> bool:
    """Is the province mention ``pm`` the modifier of a town named after it?"""
    return (pm.place.precision or 6) in (3, 4) and _TOWN_AFTER.match(text, pm.span.end) is not None


def paragraph_start(context: Context, index: int) -> int:
    """Index of the first sentence of the paragraph of sentence ``index``."""
    i = index
    while i > 0:
        prev, cur = context.sentences[i - 1], context.sentences[i]
        if "\n" in context.text[prev.end : cur.start]:
            break
        i -= 1
    return i


def _paragraph_end(context: Context, index: int) -> int:
    i = index
    while i + 1 < len(context.sentences):
        cur, nxt = context.sentences[i], context.sentences[i + 1]
        if "\n" in context.text[cur.end : nxt.start]:
            break
        i += 1
    return i + 1


def country_ref(context: Context, country: str) -> PlaceRef | None:
    gaz = gazetteer_of(context)
    getter = getattr(gaz, "country", None)
    place = getter(country) if getter else None
    if place is None:
        return None
    return place_ref(
        place,
        text=place.name,
        precision=6,
        rule=rules.REPORT_COUNTRY.name,
        note="the report's country (no place named for the event)",
    )
