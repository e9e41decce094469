"""The place of an event told in some sentences of a report."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from tollwatch.extract.casing import context_view
from tollwatch.extract.gazetteer import SETTLEMENT_KINDS, fold
from tollwatch.extract.pipeline import Context
from tollwatch.extract.places import rules
from tollwatch.extract.places.choose import (
    best_mention,
    broader_than_list,
    country_ref,
    figure_starts_of,
    lead_place,
    main_admin1,
    paragraph_start,
    places_by_sentence,
)
from tollwatch.extract.places.mentions import PlaceMention, text_before
from tollwatch.extract.places.stage import report_country, run
from tollwatch.extract.rules import Rule
from tollwatch.model import PlaceRef

# How the event's place was chosen: the rule, and the words the note gives.
_LEAD_RULES = {"the title's place": rules.TITLE, "the lead's place": rules.LEAD}


def as_ref(pm: PlaceMention, how: tuple[Rule, str], keep_span: bool = True) -> PlaceRef:
    """The record's place for mention ``pm`` chosen by the rule of ``how``: that rule first,
    then the rules that resolved and qualified the mention."""
    rule, words = how
    ref = replace(
        pm.place,
        rule=rules.names(rule, pm.place.rule),
        note=rules.notes(pm.place.note, words),
    )
    if not keep_span:
        ref = replace(ref, span=None)
    return ref


def place_for(context: Context, sentences: Sequence[int]) -> PlaceRef | None:
    """The place of an event told in ``sentences`` (indices into context.sentences), or None.

    The most specific event-like place in those sentences; else in the sentences before them
    in their paragraph (nearest first); else the title's or the lead's place; else the
    report's country when the report names one (precision 6). A country-wide place is
    narrowed by the lead when the lead names a place inside that country.
    """
    if not context.places and context.sentences and context.gazetteer is not False:
        try:
            run(context)
        except Exception:  # noqa: BLE001 - a caller without a gazetteer gets no place, not a crash
            return None
    country = report_country(context)
    wanted = sorted({i for i in sentences if 0 <= i < len(context.sentences)})
    by_sentence = places_by_sentence(context)
    chosen: PlaceMention | None = None
    how: tuple[Rule, str] | None = None
    later: list[PlaceMention] = []
    starts = figure_starts_of(context)
    with_figures = {i for i in wanted if starts.get(i)}
    tiers = [
        t
        for t in (
            [i for i in wanted if i in with_figures],
            [i for i in wanted if i not in with_figures],
        )
        if t
    ]
    figure_at = sorted(start for i in with_figures for start in starts[i])
    lead = lead_place(context, country)
    lead_admin1 = lead[0].place.admin1 if lead and lead[0].place.country == country else None
    before: list[int] = []
    if wanted:
        first = wanted[0]
        before = list(range(first - 1, paragraph_start(context, first) - 1, -1))
    # A place in the report's country first: "speaking from Turkey" aside, a foreign place
    # in the event's sentences is more often a reaction than the scene.
    for home in (True, False) if country else (False,):

        def pick(
            mentions: Sequence[PlaceMention], home: bool = home, anchors: Sequence[int] = ()
        ) -> PlaceMention | None:
            if home:
                mentions = [pm for pm in mentions if pm.place.country == country]
            return best_mention(mentions, country, lead_admin1, anchors)

        # The sentences that state a figure first: the event's place is most often there.
        found = None
        for n, tier in enumerate(tiers):
            tier_places = [pm for i in tier for pm in by_sentence.get(i, [])]
            found = pick(tier_places, anchors=figure_at if n == 0 else ())
            if found and n == 0 and with_figures:
                wider = broader_than_list(context_view(context), found, tier_places)
                if wider is not found:
                    found = wider
                    how = (rules.LIST_REGION, "the region of the places listed with the figure")
            if found:
                if how is None:
                    how = (
                        (rules.FIGURE_SENTENCE, "in the figure's sentence")
                        if n == 0 and with_figures
                        else (rules.EVENT_SENTENCES, "in the incident's sentences")
                    )
                later = [pm for t in tiers[n + 1 :] for i in t for pm in by_sentence.get(i, [])]
                break
        if found:
            chosen = found
            break
        if home and with_figures:
            # The figure's own sentence names only a place abroad ("… in Bangladesh, 500,000
            # were evacuated" in a report that also names India): that place, not one of
            # the report's country named in another sentence.
            abroad = [
                pm
                for i in tiers[0]
                for pm in by_sentence.get(i, [])
                if AT_PLACE_BEFORE.search(text_before(context.text, pm.span.start, 40))
            ]
            found = best_mention(abroad, country)
            if found:
                chosen, how = found, (rules.FIGURE_SENTENCE_ABROAD, "the figure's own sentence")
                break
        for i in before:
            found = pick(by_sentence.get(i, []))
            if found:
                chosen = found
                how = (rules.PARAGRAPH_BEFORE, "from the sentences before, in its paragraph")
                break
        if chosen:
            break
        if lead is not None and (not home or lead[0].place.country == country):
            chosen, how = lead[0], (_LEAD_RULES[lead[1]], lead[1])
            break
        if home:
            # Nothing in the report's country near the event: the country (or the province
            # most of the report is about), rather than a foreign place named beside it.
            return main_admin1(context, country) or country_ref(context, country)
    if chosen is None:
        if country:
            return country_ref(context, country)
        return None
    assert how is not None
    if how[0] is rules.LIST_REGION:
        return as_ref(chosen, how)  # wider on purpose: not to be narrowed again
    if (
        chosen.place.precision is None
        and chosen.place.gazetteer_id is None
        and chosen.place.admin1
        and _in_province_after(context, chosen, by_sentence.get(chosen.sentence, []))
    ):
        # A place the gazetteer lacks that its words put in a province ("Latamneh hospital
        # in the northern Hama governorate"): below that province, not a country to narrow.
        return as_ref(chosen, (rules.PLACED_IN_PROVINCE, "a place of that province"))
    if (chosen.place.precision or 6) >= 5 and chosen.place.country:
        # "… in Syria": a place inside that country named just before in the paragraph.
        for i in before:
            inside = [
                pm
                for pm in by_sentence.get(i, [])
                if pm.place.country == chosen.place.country and (pm.place.precision or 6) < 5
            ]
            found = best_mention(inside, country, lead_admin1)
            if found:
                return as_ref(
                    found, (rules.NARROWED, "narrowed by the sentences before, in its paragraph")
                )
    if (
        (chosen.place.precision or 6) >= 5
        and lead is not None
        and lead[0] is not chosen
        and lead[0].place.country == chosen.place.country
        and (lead[0].place.precision or 6) < (chosen.place.precision or 6)
    ):
        return as_ref(
            lead[0], (rules.NARROWED, "narrowed by " + lead[1]), keep_span=lead[0].sentence >= 0
        )
    if (chosen.place.precision or 6) >= 5 and chosen.place.country:
        # "… in Syria" where the figure is, the province in the incident's other sentences.
        inside = [
            pm
            for pm in later
            if pm.place.country == chosen.place.country and (pm.place.precision or 6) < 5
        ]
        found = best_mention(inside, country, lead_admin1)
        if found:
            return as_ref(found, (rules.NARROWED, "narrowed by the incident's other sentences"))
        province = main_admin1(context, chosen.place.country)
        if province is not None:
            return province
    if (chosen.place.precision or 6) == 4 and chosen.place.admin1:
        # "… killed in a town in Idlib province" and then "the town of Ariha in Idlib": the
        # one town of that province the incident's other sentences, or the paragraph before,
        # name. (Without "a town", a province's figure is the province's: "97,000 displaced
        # in Nineveh province" is no figure of Mosul.)
        a_town = any(_A_TOWN.search(context.sentences[i].text) for i in wanted)
        # "across Idlib province", "throughout Nineveh": the whole province is meant.
        whole = chosen.sentence >= 0 and bool(
            _ACROSS.search(text_before(context.text, chosen.span.start, 30))
        )
        towns = {
            fold(pm.place.name): pm
            for pm in [*later, *(pm for i in before for pm in by_sentence.get(i, []))]
            if pm.eventlike
            and pm.place.admin1 == chosen.place.admin1
            and pm.place.country == chosen.place.country
            and pm.kind in SETTLEMENT_KINDS
            and (pm.place.precision or 6) <= 2
            and (
                a_town
                or (not whole and pm in later and _THE_TOWN_OF.search(_before_in(context, pm)))
            )
        }
        if len(towns) == 1:
            (town,) = towns.values()
            return as_ref(town, (rules.NARROWED, "narrowed to the town of that province named"))
    return as_ref(chosen, how, keep_span=chosen.sentence >= 0)


# Between a name and the province it is in: "X hospital in the northern ...", "X in ".
_IN_PROVINCE = re.compile(r"(?:\s+[a-z-]+){0,2}\s+in\s+(?:the\s+)?")


def _in_province_after(
    context: Context, pm: PlaceMention, same_sentence: Sequence[PlaceMention]
) -> bool:
    """Do the words right after ``pm`` put it in its province ("Latamneh hospital in the
    northern Hama governorate")?"""
    for other in same_sentence:
        if (
            other.place.admin1 == pm.place.admin1
            and other.place.precision in (3, 4)
            and other.span.start > pm.span.end
        ):
            gap = _IN_PROVINCE.fullmatch(context.text, pm.span.end, other.span.start)
            if gap is not None:
                return True
    return False


# "a town", "a rebel-held village", "a small city": a place the text names elsewhere.
_A_TOWN = re.compile(
    r"\ban?\s+(?:[\w-]+\s+){0,2}?(?:town|village|city|neighbou?rhood|camp)\b", re.IGNORECASE
)

_ACROSS = re.compile(
    r"\b(?:across|throughout|all over|over|in all of|in much of)\s+(?:the\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)

# "the town of", "the village of": the incident's own sentences name its town as one.
_THE_TOWN_OF = re.compile(r"\b(?:town|village|city)\s+of\s+$", re.IGNORECASE)


def _before_in(context: Context, pm: PlaceMention) -> str:
    """The words of the sentence of ``pm`` before it (up to 40 characters)."""
    start = context.sentences[pm.sentence].start if 0 <= pm.sentence < len(context.sentences) else 0
    return context.text[max(start, pm.span.start - 40) : pm.span.start]


# "in Bangladesh", "near the Israeli-held Golan Heights": a place where something is, not an
# actor ("US-trained") or a neighbour ("the border with Iraq").
AT_PLACE_BEFORE = re.compile(
    r"\b(?:in|into|inside|across|throughout|within|of|near|around|at|on|from)\s+(?:the\s+)?"
    r"(?:[\w-]+-(?:held|controlled|occupied|run)\s+)?$",
    re.IGNORECASE,
)
