"""Fixtures for the ledger store tests: a fresh store on SQLite and on PostgreSQL.

``db_url`` is parametrised: each test that takes it runs once on an SQLite file and once on a
PostgreSQL database created for it (and dropped after) on 127.0.0.1:5432, user postgres. The
PostgreSQL runs skip when no server answers there (a user's machine without one).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tollwatch import model
from tollwatch.extract import make_report

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def _pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=postgres", connect_timeout=3
        ):
            return True
    except Exception:  # noqa: BLE001 - any failure means no usable server
        return False


_PG: list[bool] = []


def pg_available() -> bool:
    if not _PG:
        _PG.append(_pg_available())
    return _PG[0]


def create_pg_database() -> tuple[str, str]:
    import psycopg

    name = f"tollwatch_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(
        "host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name, f"postgresql://postgres@127.0.0.1:5432/{name}"


def drop_pg_database(name: str) -> None:
    import psycopg

    with psycopg.connect(
        "host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _url_for(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.sqlite'}"
        return
    if not pg_available():
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
    name, url = create_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty store: an SQLite file, or a fresh PostgreSQL database."""
    yield from _url_for(request.param, tmp_path)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ledger.sqlite'}"


@pytest.fixture
def pg_url(tmp_path: Path) -> Iterator[str]:
    yield from _url_for("postgresql", tmp_path)


@pytest.fixture
def store(db_url: str):
    from tollwatch.ledger.store import open_store

    st = open_store(db_url)
    yield st
    st.dispose()


# -- hand-made records ---------------------------------------------------------------------

PLACES = {
    "Ariha": ("Idlib", "SY", 35.8134, 36.6078),
    "Saraqib": ("Idlib", "SY", 35.8644, 36.8006),
    "Douma": ("Rif Dimashq", "SY", 33.5711, 36.4025),
    "Manbij": ("Aleppo", "SY", 36.5281, 37.9549),
    "Mosul": ("Nineveh", "IQ", 36.335, 43.1189),
}


def make_record(
    text: str,
    *,
    killed: int | None,
    place: str | None,
    day: date | None,
    published: date | None = None,
    sub_event_type: str = "Air/drone strike",
    claimant: str | None = None,
    actor_kind: str | None = "state",
    title: str | None = None,
    doc_id: str | None = None,
    extra_claims: tuple[tuple[str, int], ...] = (),
) -> model.ReportRecord:
    """A report record built by hand (as extraction would give it) for store tests."""
    report = make_report(text, title=title, published=published or day, doc_id=doc_id)
    claims: list[model.Claim] = []
    headline: dict[str, str] = {}
    figures = ([("killed", killed)] if killed is not None else []) + list(extra_claims)
    for n, (figure, value) in enumerate(figures, start=1):
        needle = str(value)
        start = report.text.find(needle)
        start = max(start, 0)
        end = min(len(report.text), start + max(len(needle), 1))
        claims.append(
            model.Claim(
                id=f"c{n}",
                figure=figure,
                value=value,
                low=value,
                high=value,
                qualifier="exact",
                count_text=report.text[start:end],
                victims=("civilians",),
                claimant=claimant,
                claimant_kind="rescue" if claimant else None,
                incident="i1",
                evidence=model.Span(start=0, end=len(report.text), text=report.text),
            )
        )
        headline.setdefault(figure, f"c{n}")
    admin1, country, lat, lon = PLACES[place] if place else (None, None, None, None)
    incident = model.Incident(
        id="i1",
        event_type=model.SUB_EVENT_TO_EVENT[sub_event_type],
        sub_event_type=sub_event_type,
        date=model.DateRef(start=day, end=day, precision=1, text="on Tuesday") if day else None,
        place=(
            model.PlaceRef(
                name=place,
                text=place,
                admin1=admin1,
                country=country,
                lat=lat,
                lon=lon,
                precision=1,
                gazetteer_id=f"test:{place}",
            )
            if place
            else None
        ),
        perpetrators=(
            (model.Perpetrator(actor="government forces", actor_kind=actor_kind),)
            if actor_kind
            else ()
        ),
        headline=headline,
    )
    return model.ReportRecord(
        report=report, claims=tuple(claims), incidents=(incident,), main_incident="i1"
    )


class FakeExtractor:
    """A small deterministic extractor for tests where spaCy is not the point.

    Reads "<N> killed in <Place> on <YYYY-MM-DD>" from the text; raises on text containing
    "EXPLODE" (an extraction failure the ingest must store as a discard).
    """

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, reports):
        import re

        out = []
        for report in reports:
            self.calls += 1
            if "EXPLODE" in report.text:
                out.append(RuntimeError("the extractor choked"))
                continue
            m = re.search(r"(\d+) killed in (\w+) on (\d{4}-\d{2}-\d{2})", report.text)
            if not m:
                out.append(model.ReportRecord(report=report))
                continue
            rec = make_record(
                report.text,
                killed=int(m[1]),
                place=m[2] if m[2] in PLACES else None,
                day=date.fromisoformat(m[3]),
                doc_id=report.doc_id,
            )
            out.append(model.ReportRecord(
                report=report, claims=rec.claims, incidents=rec.incidents,
                main_incident=rec.main_incident,
            ))  # fmt: skip
        return out


@pytest.fixture
def fake_extractor() -> FakeExtractor:
    return FakeExtractor()


# Short reports in the style of conflict news, written for these tests. Pairs tell of one
# event; each is worded apart so they are not near-duplicates of each other.
REAL_REPORTS: tuple[str, ...] = (
    "At least 12 civilians were killed on Tuesday when government warplanes struck a market "
    "in the town of Ariha in Idlib province, the Syrian Civil Defence said.",
    "Rescue workers said 15 people died in air strikes on a crowded market in Ariha, in Idlib "
    "province, on Tuesday. The Syrian Observatory for Human Rights blamed Russian jets.",
    "Shelling on the besieged town of Douma killed seven people, including two children, "
    "medics said on Friday.",
    "A car bomb exploded near a checkpoint in Manbij on Sunday, killing nine people and "
    "wounding 20 others, a local official said.",
    "Islamic State militants executed 14 men in the countryside east of Deir ez-Zor, the "
    "monitoring group said on Monday.",
    "More than 2,000 families fled their homes in northern Hama after days of heavy fighting, "
    "the United Nations said.",
)


@pytest.fixture
def real_reports_dir(tmp_path: Path) -> Path:
    """A folder of the short reports above, one text file each."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for n, text in enumerate(REAL_REPORTS, start=1):
        (folder / f"report{n:02d}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


_TOWNS = (
    ("Ariha", "Idlib"), ("Saraqib", "Idlib"), ("Douma", "Rif Dimashq"), ("Manbij", "Aleppo"),
    ("Jisr al-Shughur", "Idlib"), ("Kafr Nabl", "Idlib"), ("Harasta", "Rif Dimashq"),
    ("Deir ez-Zor", "Deir ez-Zor"), ("Raqqa", "Raqqa"), ("Daraa", "Daraa"),
)  # fmt: skip
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TEMPLATES = (
    "At least {n} civilians were killed on {day} when warplanes struck a market in {town}, "
    "in {province} province, rescue workers said. Dozens more were wounded.",
    "A car bomb went off near a busy roundabout in {town} on {day}, killing {n} people, a "
    "local official told reporters. The blast also destroyed several shops.",
    "The Syrian Observatory for Human Rights said {n} fighters died in clashes around {town} "
    "on {day}, as government forces pushed into the outskirts of the town.",
    "Medics in {town} said {n} people, including children, were killed by artillery fire on "
    "{day} evening. Residents said the shells fell on a school and a bakery.",
)


def generated_reports(count: int) -> list[str]:
    """``count`` distinct short reports, written from templates for crash/concurrency tests."""
    out = []
    for k in range(count):
        town, province = _TOWNS[k % len(_TOWNS)]
        template = _TEMPLATES[(k // len(_TOWNS)) % len(_TEMPLATES)]
        out.append(
            template.format(n=3 + (k * 7) % 40, day=_DAYS[k % 7], town=town, province=province)
            + f" (Report {k + 1}.)"
        )
    return out


def write_reports(folder: Path, texts: list[str]) -> list[Path]:
    """Write each text to its own file in ``folder``; return the paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, text in enumerate(texts, start=1):
        path = folder / f"r{n:03d}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths
