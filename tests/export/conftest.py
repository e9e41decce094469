"""Hand-built ledger views shared by the export tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tollwatch import model
from tollwatch.ledger import views


def _claim(cid: str, report: str, local: str, value: int, **kw) -> views.LedgerClaim:
    qualifier = kw.pop("qualifier", "exact")
    source = views.LedgerSource(
        report_id=report,
        title=kw.pop("report_title", None),
        published=kw.pop("published", None),
        outlet=kw.pop("outlet", None),
        url=kw.pop("url", None),
        copy_of=kw.pop("copy_of", None),
    )
    quote = kw.pop("quote", f"{value} people died when shells hit the market.")
    start = int(local[1:]) * 100
    return views.LedgerClaim(
        id=cid,
        report=source,
        local_id=local,
        figure=kw.pop("figure", "killed"),
        value=value,
        low=value if qualifier in ("exact", "at_least") else None,
        high=value if qualifier == "exact" else None,
        qualifier=qualifier,
        count_text=kw.pop("count_text", str(value)),
        evidence=model.Span(start=start, end=start + len(quote), text=quote),
        incident=kw.pop("incident_id", None),
        **kw,
    )


@pytest.fixture
def ledger() -> tuple[list[views.LedgerIncident], list[views.LedgerClaim]]:
    """Two incidents: a shelling with three reports (one a copy), and an undated, unplaced one."""
    r1 = dict(
        report_title="Shells hit market in Ariha",
        published=date(2017, 4, 4),
        outlet="North Wire",
        url="https://example.org/a",
    )
    r2 = dict(
        report_title="Toll rises after Ariha shelling",
        published=date(2017, 4, 5),
        outlet="Levant Daily",
        url="https://example.org/b",
    )
    r3 = dict(
        report_title="Shells hit market in Ariha",
        published=date(2017, 4, 4),
        outlet="Copy Press",
        url="https://example.org/c",
        copy_of="RA",
    )
    claims = [
        _claim(
            "A1",
            "RA",
            "c1",
            12,
            qualifier="at_least",
            claimant="Civil Defence",
            incident_id="L1",
            victims=("civilians",),
            is_headline=True,
            **r1,
        ),
        _claim(
            "A2",
            "RA",
            "c2",
            4,
            part_of="A1",
            victims=("children",),
            claimant="Civil Defence",
            incident_id="L1",
            **r1,
        ),
        _claim("A3", "RA", "c3", 30, figure="injured", incident_id="L1", **r1),
        _claim(
            "B1",
            "RB",
            "c1",
            19,
            claimant="monitor",
            incident_id="L1",
            victims=("civilians",),
            quote='=HYPERLINK("x") 19 were killed',
            **r2,
        ),
        _claim(
            "C1",
            "RC",
            "c1",
            12,
            qualifier="at_least",
            claimant="Civil Defence",
            incident_id="L1",
            victims=("civilians",),
            **r3,
        ),
        _claim(
            "D1",
            "RD",
            "c1",
            3,
            incident_id="L2",
            figure="displaced",
            unit="households",
            report_title="Families flee",
            outlet="Local Radio",
        ),
    ]
    by = views.by_incident(claims)
    sources1 = (
        views.LedgerSource(
            report_id="RA",
            title=r1["report_title"],
            published=r1["published"],
            outlet=r1["outlet"],
            url=r1["url"],
        ),
        views.LedgerSource(
            report_id="RB",
            title=r2["report_title"],
            published=r2["published"],
            outlet=r2["outlet"],
            url=r2["url"],
        ),
        views.LedgerSource(
            report_id="RC",
            title=r3["report_title"],
            published=r3["published"],
            outlet=r3["outlet"],
            url=r3["url"],
            copy_of="RA",
        ),
    )
    inc1 = views.LedgerIncident(
        id="L1",
        rule="ucdp",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        date=model.DateRef(start=date(2017, 4, 4), end=date(2017, 4, 4), precision=1, text=""),
        place=model.PlaceRef(
            name="Ariha",
            text="Ariha",
            admin1="Idlib",
            admin2="Ariha",
            country="SY",
            lat=35.81,
            lon=36.61,
            precision=1,
        ),
        perpetrators=(
            model.Perpetrator(
                actor="government forces", actor_kind="state", alleged_by="Civil Defence"
            ),
        ),
        estimates=views.incident_estimates(by["L1"], rule="ucdp"),
        grade="fair",
        sources=sources1,
        report_count=3,
        source_count=2,
    )
    inc2 = views.LedgerIncident(
        id="L2",
        rule="ucdp",
        place=model.PlaceRef(name="", text="", country="SY"),
        estimates=views.incident_estimates(by["L2"], rule="ucdp"),
        grade="weak",
        sources=(views.LedgerSource(report_id="RD", title="Families flee", outlet="Local Radio"),),
        report_count=1,
        source_count=1,
    )
    return [inc1, inc2], claims


STANDARDS = Path(__file__).resolve().parents[1] / "data" / "standards"


@pytest.fixture
def standards() -> Path:
    """Small files in each standard's own shape, written for these tests."""
    return STANDARDS


@pytest.fixture
def situations() -> list[views.LedgerClaim]:
    """Figures told of no single incident: families fleeing Mosul (the report and its
    syndicated copy), people displaced in the province, and people at risk."""
    mosul = model.PlaceRef(
        name="Mosul",
        text="western Mosul",
        admin1="Nineveh",
        country="IQ",
        lat=36.335,
        lon=43.1189,
        precision=2,
        gazetteer_id="geonames:99072",
    )
    nineveh = model.PlaceRef(
        name="Nineveh", text="Nineveh", admin1="Nineveh", country="IQ", precision=4
    )
    day = dict(published=date(2017, 3, 14), report_title="Thousands flee west Mosul")
    return [
        _claim(
            "S1",
            "RE",
            "c2",
            1800,
            qualifier="at_least",
            figure="displaced",
            unit="households",
            claimant="International Organization for Migration",
            place=mosul,
            quote="More than 1,800 families fled western Mosul over the past two days.",
            outlet="Tigris Newswire",
            **day,
        ),
        _claim(
            "S1C",
            "RF",
            "c2",
            1800,
            qualifier="at_least",
            figure="displaced",
            unit="households",
            claimant="International Organization for Migration",
            place=mosul,
            quote="More than 1,800 families fled western Mosul over the past two days.",
            outlet="Copy Press",
            copy_of="RE",
            **day,
        ),
        _claim(
            "S2",
            "RE",
            "c3",
            97000,
            qualifier="about",
            figure="displaced",
            claimant="local officials",
            place=nineveh,
            quote="Officials put the number displaced in the province at about 97,000.",
            **day,
        ),
        _claim(
            "S3",
            "RE",
            "c6",
            400000,
            qualifier="at_most",
            figure="at_risk",
            claimant="UNHCR",
            place=mosul,
            quote="As many as 400,000 civilians could still be trapped in the old city.",
            **day,
        ),
    ]
