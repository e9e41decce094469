"""The ledger at a glance: figures over time, and incidents as map marks that keep precision.

:func:`timeline` sums the best estimates (under a rule) of the filtered incidents per day or
per week. :func:`map_marks` gives each placed incident one mark that claims no more than its
place does (UCDP ``where_prec``): an exact place (1) is a point; a place known to within
25 km (2), a district (3) or a province (4) is an area (a circle of about that size, as no
admin polygons ship with the desk); a place no finer than a region or a country (5-7), or
without coordinates, is not put on the map at all and is counted as such.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, and_, func, select

from tollwatch import model
from tollwatch.errors import InputError
from tollwatch.ledger import schema as s
from tollwatch.ledger.browse import IncidentFilter, conditions
from tollwatch.ledger.query import DEFAULT_RULE
from tollwatch.reconcile import check_rule

BUCKETS: tuple[str, ...] = ("day", "week", "auto")
AUTO_DAYS = 120  # "auto": days up to this span, weeks beyond
MAX_BUCKETS = 2000
# The radius of the area a mark of each precision covers (metres): about the size of a place
# known "within 25 km", of a district, and of a province.
AREA_RADIUS_M: dict[int, int] = {2: 25_000, 3: 30_000, 4: 80_000}
MAX_MARKS = 20_000


@dataclass(frozen=True, kw_only=True, slots=True)
class Bucket:
    """The incidents of one day or week and the sum of their best estimates per figure."""

    start: date
    end: date
    incidents: int = 0
    figures: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "incidents": self.incidents,
            "figures": dict(self.figures),
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Timeline:
    by: str  # day | week
    rule: str
    buckets: tuple[Bucket, ...]
    undated: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "rule": self.rule,
            "buckets": [b.to_dict() for b in self.buckets],
            "undated": self.undated,
        }


def _week(day: date) -> date:
    return day - timedelta(days=day.weekday())


def timeline(
    conn: Connection,
    *,
    filter: IncidentFilter | None = None,  # noqa: A002
    rule: str = DEFAULT_RULE,
    by: str = "auto",
) -> Timeline:
    """Figures per day or week (Monday to Sunday) of the filtered incidents, gaps filled."""
    rule = check_rule(rule)
    if by not in BUCKETS:
        raise InputError(f"by must be one of {', '.join(BUCKETS)}, not {by!r}")
    f = filter or IncidentFilter()
    i, e = s.incidents, s.estimates
    conds = conditions(f)
    counts = dict(
        conn.execute(
            select(i.c.date_start, func.count())
            .where(and_(*conds) if conds else True)
            .group_by(i.c.date_start)
        ).all()
    )
    undated = counts.pop(None, 0)
    sums: dict[date, dict[str, int]] = defaultdict(dict)
    rows = conn.execute(
        select(i.c.date_start, e.c.figure, func.sum(e.c.best))
        .join(e, and_(e.c.incident_id == i.c.id, e.c.rule == rule))
        .where(i.c.date_start.is_not(None), e.c.best.is_not(None), *conds)
        .group_by(i.c.date_start, e.c.figure)
    ).all()
    for day, figure, total in rows:
        sums[_as_date(day)][figure] = int(total or 0)
    days = sorted(_as_date(d) for d in counts)
    if not days:
        return Timeline(by="day" if by == "auto" else by, rule=rule, buckets=(), undated=undated)
    if by == "auto":
        by = "day" if (days[-1] - days[0]).days <= AUTO_DAYS else "week"
    key = (lambda d: d) if by == "day" else _week
    step = timedelta(days=1 if by == "day" else 7)
    first, last = key(days[0]), key(days[-1])
    if (last - first) // step + 1 > MAX_BUCKETS:
        raise InputError(
            f"{(last - first) // step + 1} {by}s are too many to draw; narrow the dates or use weeks"
        )
    incidents: dict[date, int] = defaultdict(int)
    figures: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, n in counts.items():
        incidents[key(_as_date(day))] += n
    for day, per in sums.items():
        for figure, total in per.items():
            figures[key(day)][figure] += total
    order = {f: n for n, f in enumerate(model.FIGURES)}
    buckets = []
    at = first
    while at <= last:
        per = figures.get(at, {})
        buckets.append(
            Bucket(
                start=at,
                end=at + step - timedelta(days=1),
                incidents=incidents.get(at, 0),
                figures=dict(sorted(per.items(), key=lambda kv: order.get(kv[0], 99))),
            )
        )
        at += step
    return Timeline(by=by, rule=rule, buckets=tuple(buckets), undated=undated)


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@dataclass(frozen=True, kw_only=True, slots=True)
class MapMark:
    """One incident on the map, no more precise than its place."""

    id: str
    latitude: float
    longitude: float
    precision: int | None  # UCDP where_prec
    shape: str  # point | area
    radius_m: int | None  # the area's radius (areas only)
    best: int | None  # the best estimate of the figure the marks are sized by
    place: str | None
    date: date | None
    grade: str | None
    reviewed: bool

    def to_feature(self) -> dict[str, Any]:
        return {
            "type": "Feature",
            "id": self.id,
            "geometry": {"type": "Point", "coordinates": [self.longitude, self.latitude]},
            "properties": {
                "id": self.id,
                "precision": self.precision,
                "shape": self.shape,
                "radius_m": self.radius_m,
                "best": self.best,
                "place": self.place,
                "date": self.date.isoformat() if self.date else None,
                "grade": self.grade,
                "reviewed": self.reviewed,
            },
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class MapMarks:
    marks: tuple[MapMark, ...]
    figure: str
    rule: str
    total: int  # incidents the filter matches
    unmapped: int  # of those, placed no finer than a region or country, or not at all
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "FeatureCollection",
            "features": [m.to_feature() for m in self.marks],
            "figure": self.figure,
            "rule": self.rule,
            "total": self.total,
            "unmapped": self.unmapped,
            "truncated": self.truncated,
        }


def shape_of(precision: int | None) -> tuple[str, int | None] | None:
    """(shape, area radius in metres) of a mark of this precision; None: not on the map."""
    if precision is None:
        precision = 4  # coordinates of unknown precision: claim no more than a province
    if precision == 1:
        return "point", None
    if precision in AREA_RADIUS_M:
        return "area", AREA_RADIUS_M[precision]
    return None


def map_marks(
    conn: Connection,
    *,
    filter: IncidentFilter | None = None,  # noqa: A002
    rule: str = DEFAULT_RULE,
    figure: str = "killed",
    limit: int = 5000,
) -> MapMarks:
    """The filtered incidents as marks, largest best estimate first, at most ``limit``."""
    rule = check_rule(rule)
    if figure not in model.FIGURES:
        raise InputError(f"figure must be one of {', '.join(model.FIGURES)}, not {figure!r}")
    if not 1 <= limit <= MAX_MARKS:
        raise InputError(f"limit must be between 1 and {MAX_MARKS}, not {limit}")
    f = filter or IncidentFilter()
    i, e = s.incidents, s.estimates
    conds = conditions(f)
    total = conn.execute(
        select(func.count()).select_from(i).where(and_(*conds) if conds else True)
    ).scalar_one()
    placed = [
        i.c.latitude.is_not(None),
        i.c.longitude.is_not(None),
        func.coalesce(i.c.place_precision, 4) <= 4,
    ]
    mapped = conn.execute(select(func.count()).select_from(i).where(*placed, *conds)).scalar_one()
    rows = conn.execute(
        select(
            i.c.id,
            i.c.latitude,
            i.c.longitude,
            i.c.place_precision,
            i.c.place_name,
            i.c.admin1,
            i.c.date_start,
            i.c.grade,
            e.c.best,
            i.c.reviewed,
        )
        .outerjoin(e, and_(e.c.incident_id == i.c.id, e.c.rule == rule, e.c.figure == figure))
        .where(*placed, *conds)
        .order_by(func.coalesce(e.c.best, -1).desc(), i.c.id)
        .limit(limit)
    ).mappings()
    marks = []
    for row in rows:
        shape = shape_of(row["place_precision"])
        if shape is None:  # pragma: no cover - the query keeps only mappable precisions
            continue
        place = ", ".join(x for x in dict.fromkeys((row["place_name"], row["admin1"])) if x)
        marks.append(
            MapMark(
                id=row["id"],
                latitude=row["latitude"],
                longitude=row["longitude"],
                precision=row["place_precision"],
                shape=shape[0],
                radius_m=shape[1],
                best=row["best"],
                place=place or None,
                date=row["date_start"],
                grade=row["grade"],
                reviewed=bool(row["reviewed"]),
            )
        )
    return MapMarks(
        marks=tuple(marks),
        figure=figure,
        rule=rule,
        total=total,
        unmapped=total - mapped,
        truncated=mapped > len(marks),
    )
