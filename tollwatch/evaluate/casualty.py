"""The ``casualty`` task of ``shared/eval/README.md`` (Airwars assessments, MUC-4 reports).

The gold gives ranges (``killed_low``–``killed_high``, ``injured_low``–``injured_high``;
null when the source gives none), a ``date``, accepted ``place`` words (most specific first),
an ``admin1`` and a ``country``. Where the README leaves a choice, this module makes it:

- the killed scores count docs with ``killed_high`` > 0 (``killed_recall``,
  ``killed_headline_in_range``, ``killed_range_exact``); ``zero_killed_acc`` counts docs whose
  ``killed_high`` is 0; the injured scores count docs with ``injured_high`` > 0.
- ``killed_range_exact`` compares the main incident's ``estimates.killed`` ``low`` and
  ``high`` with the gold range; an open bound (null) equals nothing.
- ``place_acc``: names are folded word by word (case, accents, punctuation, Arabic articles
  as the gazetteer folds them), generic words (city, province, neighbourhood…) dropped; two
  names "contain each other" when the words of one run contiguously within the other's.
- ``country_acc``: ISO 3166 alpha-2 or alpha-3 codes and English country names all compare
  as the alpha-2 code.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

from tollwatch.evaluate.common import (
    EvalDoc,
    Score,
    Tally,
    claim_by_id,
    claim_str,
    main_incident,
    name_words,
    place_str,
)
from tollwatch.model import Claim, Incident, ReportRecord

CASUALTY_SCORES: tuple[str, ...] = (
    "killed_recall",
    "killed_headline_in_range",
    "killed_range_exact",
    "zero_killed_acc",
    "injured_recall",
    "injured_headline_in_range",
    "date_acc",
    "place_acc",
    "country_acc",
)

# Words that say what kind of place a name is, not which one ("Gaza City", "Rafah
# Governorate", "Al-Zaytoun neighborhood"): dropped before names are compared.
GENERIC_PLACE_WORDS = frozenset(
    {
        "city",
        "town",
        "village",
        "province",
        "governorate",
        "district",
        "subdistrict",
        "region",
        "area",
        "neighborhood",
        "neighbourhood",
        "quarter",
        "municipality",
        "department",
        "state",
        "county",
        "prefecture",
    }
)


@functools.lru_cache(maxsize=8192)
def place_words(name: str) -> tuple[str, ...]:
    """The folded words of a place name, generic words dropped ("Gaza City" -> ("gaza",))."""
    from tollwatch.extract.gazetteer import fold

    words = []
    for word in name_words(name):
        if word in GENERIC_PLACE_WORDS:
            continue
        folded = fold(word)
        if folded:
            words.append(folded)
    return tuple(words)


def _runs_within(outer: Sequence[str], inner: Sequence[str]) -> bool:
    n = len(inner)
    return any(tuple(outer[i : i + n]) == tuple(inner) for i in range(len(outer) - n + 1))


def place_names_agree(a: str, b: str) -> bool:
    """Two place names contain each other once folded (see the module's docstring)."""
    wa, wb = place_words(a), place_words(b)
    if not wa or not wb:
        return False
    return _runs_within(wa, wb) or _runs_within(wb, wa)


def country_code(country: str | None) -> str | None:
    """ISO 3166-1 alpha-2 for an alpha-2 or alpha-3 code or an English country name."""
    if not country or not str(country).strip():
        return None
    from tollwatch.extract.gazetteer import COUNTRY_NAMES, ISO2_TO_ISO3

    text = str(country).strip()
    upper = text.upper()
    if len(upper) == 2 and upper in COUNTRY_NAMES:
        return upper
    if len(upper) == 3:
        for iso2, iso3_code in ISO2_TO_ISO3.items():
            if iso3_code == upper:
                return iso2
    folded = " ".join(re.findall(r"[a-z]+", text.casefold()))
    for iso2, name in COUNTRY_NAMES.items():
        if " ".join(re.findall(r"[a-z]+", name.casefold())) == folded:
            return iso2
    return upper if len(upper) == 2 else None


def _int_or_none(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _in_range(value: int, low: int | None, high: int) -> bool:
    return (low if low is not None else high) <= value <= high


def _range_str(low: int | None, high: int) -> str:
    return f"{low}" if low == high else f"{low}-{high}"


def _headline(record: ReportRecord | None, main: Incident | None, figure: str) -> Claim | None:
    return claim_by_id(record, main.headline.get(figure)) if main else None


def _no_headline(main: Incident | None, figure: str) -> str:
    return "no main incident" if main is None else f"no headline {figure} claim"


def score_casualty(docs: Sequence[EvalDoc], preds: Mapping[str, ReportRecord]) -> dict[str, Score]:
    """killed/injured recall and headline in range, killed_range_exact, zero_killed_acc,
    date_acc, place_acc and country_acc of the casualty task."""
    tallies = {name: Tally(name) for name in CASUALTY_SCORES}
    for doc in docs:
        record = preds.get(doc.doc_id)
        gold = doc.gold
        main = main_incident(record)
        claims = list(record.claims) if record else []
        for figure in ("killed", "injured"):
            low = _int_or_none(gold.get(f"{figure}_low"))
            high = _int_or_none(gold.get(f"{figure}_high"))
            if high is None:
                continue
            ours = [c for c in claims if c.figure == figure]
            if high == 0:
                if figure == "killed":
                    tallies["zero_killed_acc"].add(
                        not any(c.value > 0 for c in ours),
                        doc_id=doc.doc_id,
                        expected="no killed claim above 0",
                        predicted=", ".join(claim_str(c) for c in ours) or "no killed claim",
                    )
                continue
            wanted = f"{figure} in {_range_str(low, high)}"
            tallies[f"{figure}_recall"].add(
                any(_in_range(c.value, low, high) for c in ours),
                doc_id=doc.doc_id,
                expected=f"a {wanted}",
                predicted=", ".join(claim_str(c) for c in ours) or f"no {figure} claim",
            )
            headline = _headline(record, main, figure)
            tallies[f"{figure}_headline_in_range"].add(
                headline is not None and _in_range(headline.value, low, high),
                doc_id=doc.doc_id,
                expected=f"headline {wanted}",
                predicted=claim_str(headline) if headline else _no_headline(main, figure),
                rules=headline.rule if headline else None,
            )
            if figure == "killed":
                estimate = main.estimates.get("killed") if main else None
                tallies["killed_range_exact"].add(
                    estimate is not None and estimate.low == low and estimate.high == high,
                    doc_id=doc.doc_id,
                    expected=f"estimate low {low}, high {high}",
                    predicted=(
                        f"estimate low {estimate.low}, high {estimate.high}"
                        if estimate
                        else ("no main incident" if main is None else "no killed estimate")
                    ),
                )
        gold_date = gold.get("date")
        if gold_date:
            day = main.date.start.isoformat() if main and main.date and main.date.start else None
            tallies["date_acc"].add(
                day == str(gold_date),
                doc_id=doc.doc_id,
                expected=str(gold_date),
                predicted=str(day) if main else "no main incident",
                rules=main.date.rule if main and main.date else None,
            )
        gold_places = gold.get("place") or []
        gold_places = [gold_places] if isinstance(gold_places, str) else list(gold_places)
        gold_names = [str(p) for p in gold_places if p]
        if gold.get("admin1"):
            gold_names.append(str(gold["admin1"]))
        if gold_names:
            place = main.place if main else None
            ours_names = (
                [n for n in (place.name, place.text, place.admin1, place.admin2) if n]
                if place
                else []
            )
            tallies["place_acc"].add(
                any(place_names_agree(g, p) for g in gold_names for p in ours_names),
                doc_id=doc.doc_id,
                expected=" or ".join(gold_names),
                predicted=place_str(place),
                rules=place.rule if place else None,
            )
        wanted_country = country_code(gold.get("country"))
        if wanted_country:
            place = main.place if main else None
            tallies["country_acc"].add(
                place is not None and country_code(place.country) == wanted_country,
                doc_id=doc.doc_id,
                expected=wanted_country,
                predicted=place_str(place),
                rules=place.rule if place else None,
            )
    return {name: tally.score() for name, tally in tallies.items()}
