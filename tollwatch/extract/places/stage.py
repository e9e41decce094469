"""The ``places`` stage: the report's places and country context, cached per report."""

from __future__ import annotations

from collections import Counter, OrderedDict

from tollwatch.extract.gazetteer import Gazetteer, default_gazetteer
from tollwatch.extract.pipeline import Context, Sentence
from tollwatch.extract.places.country import demonym_counts
from tollwatch.extract.places.find import find_places, find_places_and_country
from tollwatch.extract.places.mentions import PlaceMention


def gazetteer_of(context: Context) -> Gazetteer:
    if isinstance(context.gazetteer, Gazetteer):
        return context.gazetteer
    if context.gazetteer is None:
        context.gazetteer = default_gazetteer()
        return context.gazetteer
    if isinstance(context.gazetteer, str) or hasattr(context.gazetteer, "__fspath__"):
        context.gazetteer = default_gazetteer(context.gazetteer)
        return context.gazetteer
    return context.gazetteer  # a duck-typed gazetteer


def run(context: Context) -> None:
    """Find and resolve the places of the report."""
    gaz = gazetteer_of(context)
    context.places, country = find_places_and_country(
        context.text, context.sentences, gaz, extra_context=context.report.title or ""
    )
    COUNTRY_CACHE[context.report.id] = country or ""
    while len(COUNTRY_CACHE) > 256:
        COUNTRY_CACHE.popitem(last=False)


_TITLE_CACHE: OrderedDict[tuple[str, str], list[PlaceMention]] = OrderedDict()


def title_places(context: Context) -> list[PlaceMention]:
    title = context.report.title
    if not title or title.strip() in context.text[: len(title) + 40]:
        return []  # no title, or it is the text's first line (already searched)
    key = (context.report.id, title)
    if key not in _TITLE_CACHE:
        sent = Sentence(index=-1, start=0, end=len(title), text=title)
        found = find_places(title, [sent], gazetteer_of(context), extra_context=context.text)
        # Spans of the title do not index the report text: keep the places without them.
        _TITLE_CACHE[key] = found
        while len(_TITLE_CACHE) > 256:
            _TITLE_CACHE.popitem(last=False)
    return _TITLE_CACHE[key]


def report_country(context: Context) -> str | None:
    """The report's country: its most mentioned country (names and adjectives)."""
    cached = COUNTRY_CACHE.get(context.report.id)
    if cached is not None:
        return cached or None
    counts: Counter[str] = Counter()
    for pm in context.places:
        if pm.place.country and pm.place.gazetteer_id:
            weight = 1.0 if pm.eventlike else 0.25
            counts[pm.place.country] += weight if pm.kind == "country" else weight / 2
    counts.update(demonym_counts(context.text + " " + (context.report.title or "")))
    country = counts.most_common(1)[0][0] if counts else None
    COUNTRY_CACHE[context.report.id] = country or ""
    while len(COUNTRY_CACHE) > 256:
        COUNTRY_CACHE.popitem(last=False)
    return country


# The country context of recent reports (by report id), as the places stage settled it.
COUNTRY_CACHE: OrderedDict[str, str] = OrderedDict()
