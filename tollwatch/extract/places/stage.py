"""The ``places`` stage: the report's places and country context, cached per report."""

from __future__ import annotations

from collections import Counter, OrderedDict
from dataclasses import replace

from tollwatch.extract.casing import context_view, view
from tollwatch.extract.gazetteer import Gazetteer, default_gazetteer
from tollwatch.extract.pipeline import Context, Sentence
from tollwatch.extract.places.country import demonym_counts
from tollwatch.extract.places.find import find_places, find_places_and_country
from tollwatch.extract.places.mentions import PlaceMention
from tollwatch.model import Span


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
    """Find and resolve the places of the report.

    A report written in capitals is read in its usual case (:func:`casing.context_view`:
    same length, same offsets), so that a capital marks a name as it does in mixed case; the
    mentions keep the report's own words."""
    gaz = gazetteer_of(context)
    text = context_view(context)
    sentences = context.sentences
    if text is not context.text:
        sentences = [replace(s, text=text[s.start : s.end]) for s in sentences]
    places, country = find_places_and_country(
        text, sentences, gaz, extra_context=view(context.report.title or "")
    )
    if text is not context.text:
        places = [_in_report_words(pm, context.text) for pm in places]
    context.places = places
    COUNTRY_CACHE[context.report.id] = country or ""
    while len(COUNTRY_CACHE) > 256:
        COUNTRY_CACHE.popitem(last=False)


def _in_report_words(pm: PlaceMention, report_text: str) -> PlaceMention:
    """A mention found in the usual-case view, with the report's own words."""
    span = Span(start=pm.span.start, end=pm.span.end, text=report_text[pm.span.start : pm.span.end])
    return replace(pm, span=span, place=replace(pm.place, text=span.text, span=span))


_TITLE_CACHE: OrderedDict[tuple[str, str], list[PlaceMention]] = OrderedDict()


def title_places(context: Context) -> list[PlaceMention]:
    title = context.report.title
    if not title or title.strip() in context.text[: len(title) + 40]:
        return []  # no title, or it is the text's first line (already searched)
    key = (context.report.id, title)
    if key not in _TITLE_CACHE:
        cased = view(title)
        sent = Sentence(index=-1, start=0, end=len(title), text=cased)
        found = find_places(
            cased, [sent], gazetteer_of(context), extra_context=context_view(context)
        )
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
    counts.update(demonym_counts(context_view(context) + " " + view(context.report.title or "")))
    country = counts.most_common(1)[0][0] if counts else None
    COUNTRY_CACHE[context.report.id] = country or ""
    while len(COUNTRY_CACHE) > 256:
        COUNTRY_CACHE.popitem(last=False)
    return country


# The country context of recent reports (by report id), as the places stage settled it.
COUNTRY_CACHE: OrderedDict[str, str] = OrderedDict()
