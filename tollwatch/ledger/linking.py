"""Cross-report incident linking: does a report's incident join an existing ledger incident?

Pure functions; no database code. The store searches its own tables for candidates with
:func:`search_window` (the same blocks as the in-memory
:class:`~tollwatch.ledger.link_index.LinkIndex`) and must score them with :func:`score` /
:func:`best_link`, so in-memory and SQL linking agree.

A :class:`LinkCandidate` is what linking knows of an incident: place (country, admin1, admin2,
name, coordinates, UCDP ``where_prec``), date (range and UCDP ``date_prec``; the report's
publication date when the text gives none), ACLED event type, perpetrators and headline
figures. :func:`score` compares two of them:

Gates (score 0, no link): different countries (a country-less incident links only with
country-less ones); different admin1 (both known); dates whose tolerant windows are further
apart than ``MAX_GAP_DAYS``; the two incidents come from one report (its extraction already
told them apart). The blocks of :class:`LinkIndex` and :func:`search_window` are exactly what
these gates allow, so blocking never hides a link the score would make.

Components, each in [0, 1], weighted (``WEIGHTS``, normalised by their sum) into the score:

* ``date``: the event dates (see :func:`event_dates`; the publication date stands in when the
  text gives none, or gives one after publication or over ``STALE_DAYS`` before it): 1 when
  they overlap, then 0.7, 0.4, 0.2, 0.1 for 1, 2, 3, 4+ days apart, times a confidence for the
  coarser precision (day 1.0, 2-6 days 0.9, week 0.75, month 0.5, year 0.3; a publication
  fallback counts as 2-6 days). Unknown: 0.3.
* ``published``: reports of one event come out close together: publication dates 0, 1, 2
  days apart give 1, 0.6, 0.3, further 0; unknown: left out of the weighing.
* ``place``: same gazetteer id or points within 5 km: 1; points 5-``NEAR_KM`` km: falling to
  0.3; same admin2: 0.8; same admin1 where one side is only known to admin1 (precision 4+,
  "Idlib province"): 0.6; same admin1, both finer places with other names: 0.25; same admin1,
  points more than ``NEAR_KM`` apart: 0.1; country only: 0.3; unknown: 0.3.
* ``type``: same sub_event_type 1, same event_type 0.7, different 0.2, unknown 0.5.
* ``perpetrators``: a blamed party in common 1, both given and disjoint 0.2 (sources often
  disagree on blame, so it is no gate), unknown 0.5.
* ``figures``: the headline figure (killed, else any shared): ratio low/high, at least 0.2
  (tolls rise and sources disagree); 0.5 when not comparable.
* ``main``: both incidents are (or contain) a report's main incident 1, one of them 0.5,
  neither 0: other reports are mostly about a report's chief event, not its side mentions.
  Unknown (``LinkCandidate.main`` None): left out of the weighing.

Tuning (``WEIGHTS``, ``DEFAULT_THRESHOLD``): a grid over the weights and thresholds 0.6-0.8 on
the FA-KES dev groups split in two halves by group id (last hex digit even / odd), from
extracted records, every incident of every report linked in input order (as the store does)
and each report grouped by its main incident's ledger incident. Tuned on half A: F1 0.835
(two settings tied; the higher threshold kept, as a wrong merge costs more than a missed
link); held-out half B: 0.803; all: 0.809 (tuned on B instead: B 0.803, held-out A 0.812).
Re-run on a later extraction (better places), the same setting stayed A's best: A 0.938,
held-out B 0.865, all 0.892. Without main-ness (``main`` None everywhere) the same weights
give 0.72 (later: 0.75). FA-KES groups share one date, so the weights lean on publication
time: reports published more than a day apart rarely link (a reviewer's merge decision joins
them). Most misses are gated pairs whose extracted place is wrong (another admin1 or
country).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from tollwatch import errors, model
from tollwatch.ledger.views import LedgerIncident

# Tuned on half of the FA-KES dev groups (the other half held out; see the module doc).
# The gates above do most of the work; within a block, publication time and main-ness decide.
WEIGHTS: dict[str, float] = {
    "date": 0.05,
    "published": 0.6,
    "place": 0.1,
    "type": 0.05,
    "perpetrators": 0.05,
    "figures": 0.05,
    "main": 0.3,
}
DEFAULT_THRESHOLD = 0.8
MAX_GAP_DAYS = 4  # windows further apart than this never link
NEAR_KM = 25.0  # UCDP where_prec 2: "within about 25 km"

# Extra days either side of a date of each UCDP precision (1 day … 5 year): reports of one
# event disagree by a day ("overnight", time zones, publication the next morning).
_TOLERANCE = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}
_DATE_CONF = {1: 1.0, 2: 0.9, 3: 0.75, 4: 0.5, 5: 0.3}
_FALLBACK_PRECISION = 2
# A report is published on, or a few days after, the day of the event it tells of.
_FALLBACK_BEFORE_DAYS = 2
STALE_DAYS = 30  # a text date ending this long before publication is not the news event
# Score of event dates this many days apart (last value: further, up to the gate).
_CLOSENESS = (1.0, 0.7, 0.4, 0.2, 0.1)
# Reports of one event are published close together (the news cycle of one event).
_PUBLISHED_CLOSENESS = (1.0, 0.6, 0.3)


@dataclass(frozen=True, kw_only=True, slots=True)
class LinkCandidate:
    """What linking knows of one incident (a report's, or a ledger incident)."""

    key: str
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    place_name: str | None = None
    gazetteer_id: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    where_prec: int | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: int | None = None
    published: date | None = None  # fallback event date when the text gives none
    event_type: str | None = None
    sub_event_type: str | None = None
    perpetrators: tuple[str, ...] = ()  # party keys (see party_key)
    figures: Mapping[str, int] = field(default_factory=dict)  # figure -> best value
    report_ids: tuple[str, ...] = ()
    # A report's main incident (for a ledger incident: one of its members is). Other reports
    # are most often about a report's chief event, less often about its side mentions.
    main: bool | None = None  # None: not known, left out of the score
    # The report this one is a near-duplicate of (a syndicated copy): its incidents are the
    # original's incidents, whatever part they play in it.
    copy_of: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class LinkScore:
    """How well two incidents agree, and why (``reason`` names every component)."""

    score: float
    reason: str
    components: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True, slots=True)
class SearchWindow:
    """Where a store must look for candidates of one incident (same blocks as LinkIndex).

    Candidates: ``country`` equal (or both null); ``admin1`` equal to ``admin1`` (compared
    with :func:`norm_place`) or null, any admin1 when ``admin1`` is None; date range
    overlapping ``[date_from, date_to]``, or undated (no event date and no publication date).
    ``date_from`` None: any date. Every incident the score can link lies in this window.
    """

    country: str | None
    admin1: str | None
    date_from: date | None
    date_to: date | None


# -- normalising -------------------------------------------------------------------------

_ADMIN_WORDS = re.compile(
    r"\b(governorate|province|prefecture|district|region|state|county|muhafazat|"
    r"mohafazat|wilayah?|oblast)\b"
)
_ARTICLE = re.compile(r"^(al|el|ar|as|ad|ash|at|az|an)[\s-]+")


@lru_cache(maxsize=65536)
def norm_place(name: str | None) -> str | None:
    """Compare form of an admin or place name: accents, case, 'Governorate', 'al-' aside."""
    if not name:
        return None
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("'", "").replace("\u2019", "")
    text = _ADMIN_WORDS.sub(" ", text)
    text = " ".join(re.sub(r"[^\w]+", " ", text).split())
    text = _ARTICLE.sub("", text)
    return text.replace(" ", "") or None


def party_key(perpetrator: model.Perpetrator) -> str:
    """The key a blamed party compares by: its kind when known, else its name."""
    if perpetrator.actor_kind:
        return perpetrator.actor_kind
    return " ".join(re.sub(r"[^\w]+", " ", perpetrator.actor.casefold()).split())


def text_date(incident: model.Incident) -> model.DateRef | None:
    """The incident's date as its report's text gives it: None when there are no date words
    and the publication date stands in (``basis`` "publication"). Linking then falls back on
    the report's publication date itself, as it does for an incident without a date; a report
    with neither is undated and never links by date."""
    when = incident.date
    return None if when is None or when.basis == "publication" else when


def candidate_from_incident(
    incident: model.Incident,
    *,
    key: str,
    report: model.Report | None = None,
    report_id: str | None = None,
    main: bool | None = None,
    copy_of: str | None = None,
) -> LinkCandidate:
    """A report incident as a link candidate (publication date as the fallback date).

    ``main``: whether it is its report's main incident (``record.main_incident``);
    ``copy_of``: the report id its report is a near-duplicate of.
    """
    place = incident.place
    when = text_date(incident)
    figures = {f: e.best for f, e in incident.estimates.items() if e.best is not None}
    rid = report_id or (report.id if report is not None else None)
    return LinkCandidate(
        key=key,
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        admin2=place.admin2 if place else None,
        place_name=place.name if place else None,
        gazetteer_id=place.gazetteer_id if place else None,
        latitude=place.lat if place else None,
        longitude=place.lon if place else None,
        where_prec=place.precision if place else None,
        date_start=when.start if when else None,
        date_end=when.end if when else None,
        date_precision=when.precision if when else None,
        published=report.published if report is not None else None,
        event_type=incident.event_type,
        sub_event_type=incident.sub_event_type,
        perpetrators=tuple(sorted({party_key(p) for p in incident.perpetrators})),
        figures=figures,
        report_ids=(rid,) if rid else (),
        main=main,
        copy_of=copy_of,
    )


def candidate_from_view(incident: object) -> LinkCandidate:
    """A ledger incident (``views.LedgerIncident``) as a link candidate."""
    if not isinstance(incident, LedgerIncident):
        raise errors.PipelineError(
            f"candidate_from_view() takes a LedgerIncident, not {type(incident).__name__}"
        )
    published = [s.published for s in incident.sources if s.published is not None]
    return LinkCandidate(
        key=incident.id,
        country=incident.country,
        admin1=incident.admin1,
        admin2=incident.admin2,
        place_name=incident.place_name,
        latitude=incident.latitude,
        longitude=incident.longitude,
        where_prec=incident.where_prec,
        date_start=incident.date_start,
        date_end=incident.date_end,
        date_precision=incident.date_precision,
        published=min(published) if published else None,
        event_type=incident.event_type,
        sub_event_type=incident.sub_event_type,
        perpetrators=tuple(sorted({party_key(p) for p in incident.perpetrators})),
        figures={f: e.best for f, e in incident.estimates.items() if e.best is not None},
        report_ids=tuple(incident.report_ids),
    )


def merge_candidates(existing: LinkCandidate, new: LinkCandidate) -> LinkCandidate:
    """The ledger incident after ``new`` joined ``existing``.

    Keeps the more precise place and date (ties: the existing one, so an incident does not
    drift as reports join), unions perpetrators and reports, keeps the higher figures.
    """

    def finer(a: int | None, b: int | None) -> bool:
        return b is not None and (a is None or b < a)

    out = existing
    if finer(existing.where_prec, new.where_prec) or (
        existing.country is None and new.country is not None
    ):
        out = replace(
            out,
            country=new.country,
            admin1=new.admin1,
            admin2=new.admin2,
            place_name=new.place_name,
            gazetteer_id=new.gazetteer_id,
            latitude=new.latitude,
            longitude=new.longitude,
            where_prec=new.where_prec,
        )
    if finer(existing.date_precision, new.date_precision) or (
        existing.date_start is None and new.date_start is not None
    ):
        out = replace(
            out,
            date_start=new.date_start,
            date_end=new.date_end,
            date_precision=new.date_precision,
        )
    published = [d for d in (existing.published, new.published) if d is not None]
    figures = dict(existing.figures)
    for f, v in new.figures.items():
        figures[f] = max(figures.get(f, v), v)
    return replace(
        out,
        published=min(published) if published else None,
        event_type=out.event_type or new.event_type,
        sub_event_type=out.sub_event_type or new.sub_event_type,
        perpetrators=tuple(sorted(set(existing.perpetrators) | set(new.perpetrators))),
        figures=figures,
        report_ids=tuple(dict.fromkeys(existing.report_ids + new.report_ids)),
        main=None
        if existing.main is None and new.main is None
        else bool(existing.main or new.main),
    )


# -- components --------------------------------------------------------------------------


def event_dates(c: LinkCandidate) -> tuple[date, date, int, bool] | None:
    """(start, end, precision, is_fallback) of an incident's event date, or None.

    The text's date, unless it lies after publication or ends more than ``STALE_DAYS`` before
    it: a report's incident is news, so such a date is background or a misreading, and the
    publication date stands in, as it does when the text gives none: the event then lies in
    the ``_FALLBACK_BEFORE_DAYS`` days up to publication.
    """
    return _event_dates(c.date_start, c.date_end, c.date_precision, c.published)


def shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, held at the calendar's ends (a report dated 9999-12-31 has
    no day after it: its windows stop at the last day instead of overflowing)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


@lru_cache(maxsize=65536)
def _event_dates(
    start: date | None, end: date | None, precision: int | None, published: date | None
) -> tuple[date, date, int, bool] | None:
    if start is not None:
        end = end if end is not None and end >= start else start
        prec = precision if precision in _TOLERANCE else 1
        if published is None or (
            start <= shift(published, 1) and end >= shift(published, -STALE_DAYS)
        ):
            return start, end, prec, False
    if published is not None:
        return (
            shift(published, -_FALLBACK_BEFORE_DAYS),
            published,
            _FALLBACK_PRECISION,
            True,
        )
    return None


def date_window(c: LinkCandidate) -> tuple[date, date, int] | None:
    """The tolerant date window of an incident and its precision, or None when undated."""
    return _date_window(c.date_start, c.date_end, c.date_precision, c.published)


@lru_cache(maxsize=65536)
def _date_window(
    start: date | None, end: date | None, precision: int | None, published: date | None
) -> tuple[date, date, int] | None:
    dates = _event_dates(start, end, precision, published)
    if dates is None:
        return None
    first, last, prec, _ = dates
    tol = _TOLERANCE[prec]
    return shift(first, -tol), shift(last, tol), prec


def _date_component(a: LinkCandidate, b: LinkCandidate) -> tuple[float | None, str]:
    da, db = event_dates(a), event_dates(b)
    if da is None or db is None:
        return 0.3, "date unknown"
    wa, wb = date_window(a), date_window(b)
    assert wa is not None and wb is not None
    padded_gap = max((wb[0] - wa[1]).days, (wa[0] - wb[1]).days, 0)
    gap = max((db[0] - da[1]).days, (da[0] - db[1]).days, 0)
    if padded_gap > MAX_GAP_DAYS:
        return None, f"dates {gap} days apart"
    conf = min(_DATE_CONF[da[2]], _DATE_CONF[db[2]])
    closeness = _CLOSENESS[gap] if gap < len(_CLOSENESS) else _CLOSENESS[-1]
    how = "publication date" if da[3] or db[3] else f"precision {max(da[2], db[2])}"
    return conf * closeness, f"dates {gap} days apart ({how})"


def _published_component(a: LinkCandidate, b: LinkCandidate) -> tuple[float | None, str]:
    if a.published is None or b.published is None:
        return None, "publication date unknown"
    gap = abs((a.published - b.published).days)
    value = _PUBLISHED_CLOSENESS[gap] if gap < len(_PUBLISHED_CLOSENESS) else 0.0
    return value, f"published {gap} days apart"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _point(c: LinkCandidate) -> tuple[float, float] | None:
    # Only places known to within about 25 km are points; admin-level coordinates are
    # centroids and say little about distance.
    if c.latitude is None or c.longitude is None:
        return None
    if c.where_prec is not None and c.where_prec > 3:
        return None
    return c.latitude, c.longitude


def _place_component(a: LinkCandidate, b: LinkCandidate) -> tuple[float | None, str]:
    ca, cb = (a.country or "").upper() or None, (b.country or "").upper() or None
    if ca != cb:
        return None, f"countries differ ({ca or '?'}/{cb or '?'})"
    pa, pb = _point(a), _point(b)
    dist = haversine_km(*pa, *pb) if pa and pb else None
    a1, b1 = norm_place(a.admin1), norm_place(b.admin1)
    if a1 and b1 and a1 != b1:
        return None, f"admin1 differs ({a.admin1}/{b.admin1})"
    if a.gazetteer_id and a.gazetteer_id == b.gazetteer_id:
        return 1.0, f"same place {a.place_name or a.gazetteer_id}"
    if dist is not None:
        if dist <= 5:
            return 1.0, f"{dist:.0f} km apart"
        if dist <= NEAR_KM:
            return 1.0 - 0.7 * (dist - 5) / (NEAR_KM - 5), f"{dist:.0f} km apart"
    na, nb = norm_place(a.place_name), norm_place(b.place_name)
    fine_a = a.where_prec is not None and a.where_prec <= 3
    fine_b = b.where_prec is not None and b.where_prec <= 3
    if na and na == nb and (fine_a and fine_b):
        return 1.0, f"same place name {a.place_name}"
    a2, b2 = norm_place(a.admin2), norm_place(b.admin2)
    if a2 and a2 == b2 and a1 == b1:
        return 0.8, f"same admin2 {a.admin2}"
    if a1 and a1 == b1:
        if dist is not None:
            return 0.1, f"same admin1 {a.admin1}, {dist:.0f} km apart"
        if fine_a and fine_b and na and nb and na != nb:
            return 0.25, f"same admin1 {a.admin1}, places {a.place_name}/{b.place_name}"
        return 0.6, f"same admin1 {a.admin1}"
    if ca:
        return 0.3, f"same country {ca}"
    return 0.3, "place unknown"


def _type_component(a: LinkCandidate, b: LinkCandidate) -> tuple[float, str]:
    if a.sub_event_type and a.sub_event_type == b.sub_event_type:
        return 1.0, "same sub-event type"
    ea = a.event_type or model.SUB_EVENT_TO_EVENT.get(a.sub_event_type or "")
    eb = b.event_type or model.SUB_EVENT_TO_EVENT.get(b.sub_event_type or "")
    if ea and eb:
        return (0.7, "same event type") if ea == eb else (0.2, "event types differ")
    return 0.5, "event type unknown"


def _perp_component(a: LinkCandidate, b: LinkCandidate) -> tuple[float, str]:
    if not a.perpetrators or not b.perpetrators:
        return 0.5, "blame unknown"
    if set(a.perpetrators) & set(b.perpetrators):
        return 1.0, "same party blamed"
    return 0.2, "different parties blamed"


def _figure_component(a: LinkCandidate, b: LinkCandidate) -> tuple[float, str]:
    shared = [f for f in model.FIGURES if f in a.figures and f in b.figures]
    if not shared:
        return 0.5, "no shared figure"
    f = shared[0]
    x, y = a.figures[f], b.figures[f]
    if max(x, y) == 0:
        return 1.0, f"{f} 0/0"
    ratio = min(x, y) / max(x, y)
    return max(0.2, ratio), f"{f} {x}/{y}"


def _main_component(a: LinkCandidate, b: LinkCandidate) -> tuple[float | None, str]:
    if (a.copy_of and a.copy_of in b.report_ids) or (b.copy_of and b.copy_of in a.report_ids):
        return 1.0, "a copy of the report it came from"
    if a.main is None or b.main is None:
        return None, "main incident unknown"
    both = int(a.main) + int(b.main)
    return both / 2, ("both main incidents", "one a side incident", "both side incidents")[2 - both]


def score(candidate: LinkCandidate, existing: LinkCandidate) -> LinkScore:
    """How well ``candidate`` agrees with ``existing`` (symmetric), with the reason."""
    shared_reports = set(candidate.report_ids) & set(existing.report_ids)
    if shared_reports:
        return LinkScore(score=0.0, reason="same report: told apart by extraction")
    date_s, date_r = _date_component(candidate, existing)
    if date_s is None:
        return LinkScore(score=0.0, reason=date_r)
    place_s, place_r = _place_component(candidate, existing)
    if place_s is None:
        return LinkScore(score=0.0, reason=place_r)
    type_s, type_r = _type_component(candidate, existing)
    perp_s, perp_r = _perp_component(candidate, existing)
    fig_s, fig_r = _figure_component(candidate, existing)
    pub_s, pub_r = _published_component(candidate, existing)
    main_s, main_r = _main_component(candidate, existing)
    comps: dict[str, float | None] = {
        "date": date_s,
        "published": pub_s,
        "place": place_s,
        "type": type_s,
        "perpetrators": perp_s,
        "figures": fig_s,
        "main": main_s,
    }
    # An unknown publication date (or main-ness) is no evidence either way: left out.
    weighed = {k: v for k, v in comps.items() if v is not None}
    total = round(
        sum(WEIGHTS[k] * v for k, v in weighed.items()) / sum(WEIGHTS[k] for k in weighed), 4
    )
    reason = "; ".join(
        f"{name} {comps[name]:.2f} ({why})" if comps[name] is not None else f"{name} - ({why})"
        for name, why in (
            ("date", date_r),
            ("published", pub_r),
            ("place", place_r),
            ("type", type_r),
            ("perpetrators", perp_r),
            ("figures", fig_r),
            ("main", main_r),
        )
    )
    return LinkScore(score=total, reason=reason, components=weighed)


def check_threshold(threshold: float) -> float:
    """Return ``threshold`` if it is a usable link threshold (0 < t <= 1), else ConfigError."""
    if not isinstance(threshold, int | float) or not 0 < threshold <= 1:
        raise errors.ConfigError(f"link threshold must be in (0, 1], not {threshold!r}")
    return float(threshold)


def best_link(
    candidate: LinkCandidate,
    candidates: Iterable[LinkCandidate],
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> tuple[LinkCandidate | None, LinkScore]:
    """The best-scoring existing incident if it reaches ``threshold``, and its score.

    Ties go to the smaller key, so the result does not depend on candidate order. Returns
    ``(None, best score seen)`` when nothing reaches the threshold.
    """
    check_threshold(threshold)
    best: LinkCandidate | None = None
    best_score = LinkScore(score=0.0, reason="no candidates")
    for other in candidates:
        if other.key == candidate.key:
            continue
        s = score(candidate, other)
        if (
            best is None
            or s.score > best_score.score
            or (s.score == best_score.score and other.key < best.key)
        ):
            best, best_score = other, s
    if best is None or best_score.score < threshold:
        return None, best_score
    return best, best_score


# -- blocking ----------------------------------------------------------------------------


def search_window(c: LinkCandidate) -> SearchWindow:
    """The block a store searches for candidates of ``c`` (dates widened by the tolerance)."""
    window = date_window(c)
    return SearchWindow(
        country=(c.country or "").upper() or None,
        admin1=c.admin1,
        date_from=shift(window[0], -MAX_GAP_DAYS) if window else None,
        date_to=shift(window[1], MAX_GAP_DAYS) if window else None,
    )
