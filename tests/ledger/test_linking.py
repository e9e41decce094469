"""Tests of cross-report incident linking: components, gates, blocking and the index."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from tollwatch import errors, model
from tollwatch.ledger import linking
from tollwatch.ledger.linking import LinkCandidate


def town(key: str, **kw) -> LinkCandidate:
    base = dict(
        key=key,
        country="SY",
        admin1="Idlib",
        admin2="Ariha",
        place_name="Ariha",
        latitude=35.81,
        longitude=36.61,
        where_prec=1,
        date_start=date(2017, 4, 4),
        date_end=date(2017, 4, 4),
        date_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        perpetrators=("state",),
        figures={"killed": 20},
        report_ids=(f"R-{key}",),
    )
    base.update(kw)
    return LinkCandidate(**base)


def test_same_event_in_two_reports_links_with_reason():
    s = linking.score(town("a"), town("b", figures={"killed": 23}, date_start=date(2017, 4, 5)))
    assert s.score >= linking.DEFAULT_THRESHOLD
    for part in ("date", "place", "type", "perpetrators", "figures"):
        assert part in s.reason
    assert s.components["place"] == 1.0


def test_score_is_symmetric():
    a = town("a")
    b = town("b", admin2=None, place_name="Idlib", where_prec=4, latitude=35.9, longitude=36.6)
    assert linking.score(a, b).score == linking.score(b, a).score


def test_province_level_place_matches_town_with_lower_confidence():
    a = town("a")
    province = town(
        "b", admin2=None, place_name="Idlib", where_prec=4, latitude=35.9, longitude=36.6
    )
    same_town = linking.score(a, town("c"))
    coarse = linking.score(a, province)
    assert coarse.components["place"] == 0.6
    assert coarse.score < same_town.score


def test_distance_between_points_counts():
    near = town("b", place_name="Maarat", admin2="Maarat", latitude=35.83, longitude=36.64)
    far = town("c", place_name="Jisr", admin2="Jisr", latitude=35.81, longitude=36.32)
    assert linking.score(town("a"), near).components["place"] == 1.0
    assert linking.score(town("a"), far).components["place"] == 0.1


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"country": "IQ"}, "countries differ (SY/IQ)"),
        ({"country": None}, "countries differ (SY/?)"),
        ({"admin1": "Hama Governorate"}, "admin1 differs (Idlib/Hama Governorate)"),
        ({"date_start": date(2017, 4, 14), "date_end": date(2017, 4, 14)}, "dates 10 days apart"),
    ],
)
def test_gates(change, reason):
    s = linking.score(town("a"), town("b", **change))
    assert (s.score, s.reason) == (0.0, reason)


def test_incidents_of_one_report_never_link():
    s = linking.score(town("a", report_ids=("R1",)), town("b", report_ids=("R1",)))
    assert s.score == 0.0


def test_admin1_names_compare_loosely():
    assert linking.norm_place("Idlib Governorate") == linking.norm_place("idlib")
    assert linking.norm_place("Al-Hasakah") == linking.norm_place("Hasakah")
    assert linking.norm_place("Dar'a") == linking.norm_place("Dara")


def test_month_precision_lowers_date_confidence():
    month = town("b", date_start=date(2017, 4, 1), date_end=date(2017, 4, 30), date_precision=4)
    assert linking.score(town("a"), month).components["date"] == 0.5


def test_publication_date_is_the_fallback_date():
    undated = town("b", date_start=None, date_end=None, date_precision=None)
    assert linking.score(town("a"), undated).components["date"] == 0.3
    published = replace(undated, published=date(2017, 4, 5))
    assert linking.score(town("a"), published).components["date"] == pytest.approx(0.9)


def test_best_link_picks_best_and_respects_threshold():
    a = town("a")
    weaker = town("w", sub_event_type="Armed clash", event_type="Battles", figures={"killed": 2})
    match, s = linking.best_link(a, [weaker, town("x")], threshold=0.6)
    assert match is not None and match.key == "x"
    none, s2 = linking.best_link(a, [town("z", admin1="Homs")], threshold=0.6)
    assert none is None and s2.score == 0.0


def test_bad_threshold_is_config_error():
    with pytest.raises(errors.ConfigError) as info:
        linking.best_link(town("a"), [], threshold=0)
    assert str(info.value) == "link threshold must be in (0, 1], not 0"


def test_candidate_from_incident_uses_estimates_and_perpetrators():
    inc = model.Incident(
        id="i1",
        sub_event_type="Shelling/artillery/missile attack",
        place=model.PlaceRef(name="Douma", text="Douma", admin1="Rif Dimashq", country="SY"),
        perpetrators=(model.Perpetrator(actor="regime forces", actor_kind="state"),),
        estimates={"killed": model.Estimate(low=8, best=9, high=12, rule="ucdp")},
    )
    report = model.Report(id="sha256:x", text="t", published=date(2015, 2, 12))
    c = linking.candidate_from_incident(inc, key="k1", report=report)
    assert (c.admin1, c.published, c.perpetrators, c.figures) == (
        "Rif Dimashq",
        date(2015, 2, 12),
        ("state",),
        {"killed": 9},
    )
    assert c.report_ids == ("sha256:x",)


def test_a_publication_date_standing_in_links_as_no_date_of_the_text():
    pub = date(2015, 2, 12)
    stand_in = model.DateRef(
        start=pub, end=pub, precision=2, text="", rule="dates.publication", basis="publication"
    )
    stated = model.DateRef(start=date(2015, 2, 10), end=date(2015, 2, 10), precision=1, text="")
    report = model.Report(id="sha256:x", text="t", published=pub)
    inc = model.Incident(id="i1", date=stand_in)
    c = linking.candidate_from_incident(inc, key="k1", report=report)
    assert (c.date_start, c.date_end, c.date_precision, c.published) == (None, None, None, pub)
    assert c == linking.candidate_from_incident(replace(inc, date=None), key="k1", report=report)
    assert linking.event_dates(c) == (pub - timedelta(days=2), pub, 2, True)
    c2 = linking.candidate_from_incident(replace(inc, date=stated), key="k1", report=report)
    assert c2.date_start == date(2015, 2, 10)
    # no date words and no publication date: undated, never linked by date
    bare = model.Report(id="sha256:y", text="t", published=None)
    c3 = linking.candidate_from_incident(replace(inc, date=None), key="k3", report=bare)
    assert linking.event_dates(c3) is None and linking.date_window(c3) is None


def test_text_date_long_before_publication_gives_way_to_publication():
    # "since August 2013" in a report of 2017: background, not the news event.
    stale = town(
        "b",
        date_start=date(2013, 8, 1),
        date_end=date(2013, 8, 31),
        date_precision=4,
        published=date(2017, 4, 5),
    )
    assert linking.event_dates(stale) == (date(2017, 4, 3), date(2017, 4, 5), 2, True)
    s = linking.score(town("a", published=date(2017, 4, 5)), stale)
    assert s.score > 0 and "publication date" in s.reason
    future = town(
        "c", date_start=date(2017, 4, 9), date_end=date(2017, 4, 9), published=date(2017, 4, 5)
    )
    assert linking.event_dates(future)[3] is True


def test_publication_closeness_counts_and_unknown_is_not_weighed():
    a = town("a", published=date(2017, 4, 4))
    same_day = linking.score(a, town("b", published=date(2017, 4, 4)))
    next_day = linking.score(a, town("b", published=date(2017, 4, 5)))
    week_on = linking.score(a, town("b", published=date(2017, 4, 11)))
    assert same_day.score > next_day.score > week_on.score
    assert (same_day.components["published"], week_on.components["published"]) == (1.0, 0.0)
    unknown = linking.score(a, town("b"))
    assert "published" not in unknown.components
    assert "published - (publication date unknown)" in unknown.reason
    assert unknown.score == pytest.approx(same_day.score, abs=0.01)


def test_main_incidents_prefer_main_incidents():
    a = town("a", main=True, published=date(2017, 4, 4))
    main = linking.score(a, town("m", main=True, published=date(2017, 4, 4)))
    side = linking.score(a, town("s", main=False, published=date(2017, 4, 4)))
    assert main.components["main"] == 1.0 and side.components["main"] == 0.5
    assert main.score > side.score
    match, _ = linking.best_link(a, [town("s", main=False), town("m", main=True)])
    assert match is not None and match.key == "m"
    unknown = linking.score(a, town("u"))
    assert "main" not in unknown.components


def test_merge_keeps_the_finer_date_and_place_and_ors_main():
    coarse = town(
        "a",
        admin2=None,
        place_name="Idlib",
        where_prec=4,
        main=False,
        date_start=date(2017, 4, 1),
        date_end=date(2017, 4, 30),
        date_precision=4,
    )
    merged = linking.merge_candidates(coarse, town("b", main=True, figures={"killed": 31}))
    assert (merged.key, merged.where_prec, merged.date_precision) == ("a", 1, 1)
    assert merged.main is True and merged.figures == {"killed": 31}
    assert merged.report_ids == ("R-a", "R-b")
    assert linking.merge_candidates(town("x"), town("y")).main is None


def test_a_copy_s_side_incident_joins_the_original_s():
    original = town("a", main=False, report_ids=("R-orig",))
    side = town("b", main=False)
    copy = town("c", main=False, copy_of="R-orig")
    # Side incidents of two independent reports weigh less than of a report and its copy.
    assert linking.score(copy, original).score > linking.score(side, original).score
    assert "a copy of the report it came from" in linking.score(copy, original).reason
    assert linking.score(original, copy).score == linking.score(copy, original).score
