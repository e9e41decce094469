"""The ``displacement`` task (IDETECT, IDMC): the displacement figure, its unit and place.

Where the README leaves a choice, this module makes it: the claim that matched is the first
(in text order) whose figure is one of displaced/evacuated/returned/at_risk/affected and whose
value is the gold figure. Its place is its own ``place`` when the record gives claims one,
else its incident's place, else the main incident's place. ``country_acc`` and
``location_acc`` count the docs whose gold gives a country / a location.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from tollwatch.evaluate.common import (
    EvalDoc,
    Score,
    Tally,
    claim_str,
    incident_by_id,
    main_incident,
    place_str,
)
from tollwatch.model import Claim, PlaceRef, ReportRecord

DISPLACEMENT_SCORES: tuple[str, ...] = ("figure_recall", "unit_acc", "country_acc", "location_acc")

DISPLACEMENT_FIGURES = frozenset({"displaced", "evacuated", "returned", "at_risk", "affected"})

_DIGIT_NUMBER = re.compile(r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d)|\d+")


def numbers_in_digits(text: str) -> set[int]:
    """The whole numbers written in digits in ``text`` ("120,000", "1 500", "4000")."""
    return {int(re.sub(r"\D", "", m.group())) for m in _DIGIT_NUMBER.finditer(text)}


def iso3(country: str | None) -> str | None:
    """ISO 3166-1 alpha-3 for an alpha-2 code (alpha-3 codes pass through), or None."""
    if not country:
        return None
    code = country.strip().upper()
    if len(code) == 3:
        return code
    from tollwatch.extract.gazetteer import ISO2_TO_ISO3

    return ISO2_TO_ISO3.get(code)


def claim_place(record: ReportRecord | None, claim: Claim) -> PlaceRef | None:
    """Where a claim's figure is: its own place (a situation figure may carry one), else its
    incident's place, else the main incident's place."""
    own = getattr(claim, "place", None)
    if isinstance(own, PlaceRef):
        return own
    for inc in (incident_by_id(record, claim.incident), main_incident(record)):
        if inc is not None and inc.place is not None:
            return inc.place
    return None


# Words that say what kind of unit a gold location is ("West Java Province", "Shan state",
# "Zhoushan City": the generic words the casualty task's place_acc folds too).
_UNIT_WORDS = re.compile(
    r"\s+(?:province|state|district|region|governorate|county|department|prefecture|city)s?$",
    re.IGNORECASE,
)
# A gold location that lists places: "Onslow, Exmouth, Carnarvon", "Chaco and Corrientes".
_LIST_SEPARATORS = re.compile(r",|\s+(?:and|&)\s+", re.IGNORECASE)


def location_agrees(gold: str, place: PlaceRef | None) -> bool:
    """The gold location names the predicted place at some level of its hierarchy.

    IDETECT's annotators give the location at the granularity they chose: a town, a
    province ("Shan state") or the country ("Iraq" for a figure about Fallujah). A prediction
    agrees when one part of the gold (a list split at commas and "and"; the unit word
    dropped: "Sichuan and Yunnan provinces" has the parts Sichuan and Yunnan) is the
    place's name, its words in the report, its admin1, its admin2 or its country's name,
    spelling variants folded as the gazetteer folds them.
    """
    if place is None:
        return False
    from tollwatch.extract.gazetteer import COUNTRY_NAMES, fold

    country = COUNTRY_NAMES.get((place.country or "").upper())
    levels = {fold(n) for n in (place.name, place.text, place.admin1, place.admin2, country) if n}
    levels.discard("")
    parts = [_UNIT_WORDS.sub("", p.strip()) for p in _LIST_SEPARATORS.split(gold)]
    return any(p and fold(p) in levels for p in parts)


def score_displacement(
    docs: Sequence[EvalDoc], preds: Mapping[str, ReportRecord]
) -> dict[str, Score]:
    """figure_recall, unit_acc, country_acc, location_acc."""
    figure, unit = Tally("figure_recall"), Tally("unit_acc")
    country, location = Tally("country_acc"), Tally("location_acc")
    for doc in docs:
        gold = doc.gold
        value = gold.get("figure")
        if not isinstance(value, int) or value not in numbers_in_digits(doc.report.text):
            continue
        record = preds.get(doc.doc_id)
        candidates = [
            c for c in (record.claims if record else ()) if c.figure in DISPLACEMENT_FIGURES
        ]
        claim = next((c for c in candidates if c.value == value), None)
        figure.add(
            claim is not None,
            doc_id=doc.doc_id,
            expected=f"{gold.get('term')} {value} {gold.get('unit')}",
            predicted=", ".join(claim_str(c) for c in candidates) or "no displacement claim",
        )
        if claim is None:
            continue
        unit.add(
            claim.unit == gold.get("unit"),
            doc_id=doc.doc_id,
            expected=str(gold.get("unit")),
            predicted=f"{claim_str(claim)}: {claim.unit}",
            rules=claim.rule,
        )
        place = claim_place(record, claim)
        if gold.get("country"):
            predicted_country = iso3(place.country) if place else None
            country.add(
                predicted_country == gold["country"],
                doc_id=doc.doc_id,
                expected=str(gold["country"]),
                predicted=f"{claim_str(claim)}: {predicted_country} ({place_str(place)})",
                rules=place.rule if place else None,
            )
        if gold.get("location"):
            location.add(
                location_agrees(str(gold["location"]), place),
                doc_id=doc.doc_id,
                expected=str(gold["location"]),
                predicted=f"{claim_str(claim)}: {place_str(place)}",
                rules=place.rule if place else None,
            )
    return {t.name: t.score() for t in (figure, unit, country, location)}
