"""The scorers on small hand-made gold / prediction pairs whose answers are worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from tollwatch.evaluate.scores import (
    EvalDoc,
    actor_agrees,
    actor_class,
    claimants_agree,
    iso3,
    match_claims,
    numbers_in_digits,
    pair_f1,
    score_claims,
    score_displacement,
    score_toll,
)
from tollwatch.extract import make_report
from tollwatch.model import (
    Claim,
    DateRef,
    Incident,
    Perpetrator,
    PlaceRef,
    ReportRecord,
    Span,
)

TEXT = (
    "At least 12 civilians were killed in Douma on Tuesday, rescuers said. "
    "State media said 3 people died in rebel shelling of the city. "
    "Some 4,000 families have fled, the UN said."
)


def claim(cid: str, figure: str, value: int, *, claimant=None, incident=None, unit="people"):
    return Claim(
        id=cid,
        figure=figure,
        value=value,
        low=value,
        high=value,
        qualifier="exact",
        count_text=str(value),
        claimant=claimant,
        incident=incident,
        unit=unit,
        evidence=Span(start=0, end=5, text=TEXT[:5]),
    )


def place(name, admin1=None, country="SY", text=None):
    return PlaceRef(name=name, text=text or name, admin1=admin1, country=country)


def incident(iid, *, sub=None, day=None, where=None, perps=(), headline=None):
    return Incident(
        id=iid,
        sub_event_type=sub,
        date=DateRef(start=day, end=day, precision=1, text="x") if day else None,
        place=where,
        perpetrators=tuple(perps),
        headline=headline or {},
    )


def doc(doc_id, task, gold, text=TEXT):
    return EvalDoc(doc_id=doc_id, task=task, report=make_report(text, doc_id=doc_id), gold=gold)


def record(d: EvalDoc, claims=(), incidents=(), main=None):
    return ReportRecord(
        report=d.report, claims=tuple(claims), incidents=tuple(incidents), main_incident=main
    )


# ---------------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("gold", "pred", "ok"),
    [
        (None, None, True),
        (None, "rescuers", False),
        ("state media", None, False),
        ("state media", "Syrian state media", True),
        ("Syrian Observatory for Human Rights", "the Syrian Observatory for Human Rights", True),
        ("Syrian Observatory for Human Rights", "Observatory", True),  # the reverse holds
        ("White Helmets", "Syrian Civil Defence", False),
        ("U.N. refugee agency", "UN refugee agency", True),  # punctuation aside
        ("Médecins Sans Frontières", "medecins sans frontieres", True),
        ("state media", "media state", False),  # words in order, not a bag
    ],
)
def test_claimants_agree(gold, pred, ok):
    assert claimants_agree(gold, pred) is ok


def test_actor_words_and_classes():
    assert actor_agrees("government", "Syrian government forces")
    assert actor_agrees("rebels", "rebel groups")
    assert not actor_agrees("government", "rebel groups")
    assert actor_class("syrian government or russian troops") == "government"
    assert actor_class("Russian warplanes") == "government"
    assert actor_class("the Islamic State group") == "isis"
    assert actor_class("the US-led coalition") == "coalition"
    assert actor_class("armed opposition groups") == "opposition"
    assert actor_class("Kurdish-led Syrian Democratic Forces") == "sdf"
    assert actor_class("al-Nusra Front") == "nusra"
    assert actor_class("Turkish army") is None


def test_iso3_and_digits():
    assert iso3("SY") == "SYR"
    assert iso3("iq") == "IRQ"
    assert iso3("YEM") == "YEM"
    assert iso3(None) is None
    assert numbers_in_digits("some 4,000 families, 1 500 people and 120000 more in 2015") == {
        4000,
        1500,
        120000,
        2015,
    }


# ---------------------------------------------------------------------------------- claims


def test_match_claims_one_to_one_required_first():
    gold = [
        {"figure": "killed", "value": 3, "optional": True},
        {"figure": "killed", "value": 3},
        {"figure": "killed", "value": 12},
    ]
    preds = [claim("c1", "killed", 3), claim("c2", "injured", 12), claim("c3", "killed", 3)]
    assert match_claims(gold, preds) == [(0, 2), (1, 0)]


def test_score_claims_counts_worked_by_hand():
    gold = {
        "claims": [
            {"figure": "killed", "value": 12, "claimant": "rescuers", "incident": "I1"},
            {"figure": "killed", "value": 3, "claimant": "state media", "incident": "I2"},
            {"figure": "displaced", "value": 4000, "claimant": "UN", "incident": None},
            {"figure": "displaced", "value": 1000, "claimant": None, "optional": True},
            {"figure": "injured", "value": 30, "claimant": None, "incident": "I1"},
        ],
        "incidents": {
            "I1": {
                "date": "2018-02-20",
                "place": {"name": ["Douma"], "admin1": "Rif Dimashq"},
                "sub_event_type": "Air/drone strike",
                "perpetrators": [{"actor": "government", "alleged_by": "rescuers"}],
            },
            "I2": {
                "date": "2018-02-20",
                "place": {"name": ["Damascus"], "admin1": "Damascus"},
                "sub_event_type": "Shelling/artillery/missile attack",
                "perpetrators": [{"actor": "rebels", "alleged_by": "state media"}],
            },
        },
    }
    d = doc("d1", "claims", gold)
    inc1 = incident(
        "i1",
        sub="Air/drone strike",
        day=date(2018, 2, 20),
        where=place("Douma", "Rif Dimashq"),
        perps=[Perpetrator(actor="Syrian government", alleged_by="rescuers")],
    )
    inc2 = incident(
        "i2",
        sub="Air/drone strike",  # wrong type
        day=date(2018, 2, 19),  # wrong date
        where=place("Damascus", "Damascus"),
        perps=[Perpetrator(actor="rebel fighters", alleged_by="Syrian state media")],
    )
    preds = [
        claim("c1", "killed", 12, claimant="rescuers", incident="i1"),
        claim("c2", "killed", 3, claimant="state media", incident="i2"),
        claim("c3", "displaced", 4000, claimant=None, incident="i1"),  # claimant and incident wrong
        claim("c4", "displaced", 1000),  # matches the optional claim: counts neither way
        claim("c5", "killed", 99),  # a false claim
    ]
    scores = score_claims([d], {"d1": record(d, preds, [inc1, inc2], "i1")})
    # 3 of 4 required found; 5 predicted, one on an optional claim: precision 3/4.
    assert scores["claim_recall"].value == pytest.approx(3 / 4)
    assert scores["claim_precision"].value == pytest.approx(3 / 4)
    assert scores["claim_f1"].value == pytest.approx(3 / 4)
    assert scores["claimant_acc"].value == pytest.approx(2 / 3)
    # pairs (12,3): gold diff, pred diff ✓; (12,4000): gold diff, pred same ✗; (3,4000) ✓.
    assert scores["incident_pair_acc"].value == pytest.approx(2 / 3)
    # claims with gold incidents: 12 (all right) and 3 (type and date wrong).
    assert scores["date_acc"].value == pytest.approx(1 / 2)
    assert scores["place_acc"].value == pytest.approx(1.0)
    assert scores["type_acc"].value == pytest.approx(1 / 2)
    assert scores["blame_acc"].value == pytest.approx(1.0)
    assert scores["claim_recall"].failures[0].expected == "injured=30 per None"


def test_place_and_blame_mismatches():
    gold = {
        "claims": [{"figure": "killed", "value": 12, "claimant": None, "incident": "I1"}],
        "incidents": {
            "I1": {
                "date": "2018-02-20",
                "place": {"name": ["Douma"], "admin1": "Rif Dimashq"},
                "sub_event_type": "Air/drone strike",
                "perpetrators": [{"actor": "government", "alleged_by": None}],
            }
        },
    }
    d = doc("d1", "claims", gold)
    cases = [
        (place("Douma", "Homs"), [Perpetrator(actor="government forces", alleged_by="SOHR")]),
        (place("Harasta", "Rif Dimashq"), []),
        (None, [Perpetrator(actor="government"), Perpetrator(actor="Russian jets")]),
    ]
    for where, perps in cases:
        inc = incident(
            "i1", sub="Air/drone strike", day=date(2018, 2, 20), where=where, perps=perps
        )
        preds = [claim("c1", "killed", 12, incident="i1")]
        scores = score_claims([d], {"d1": record(d, preds, [inc], "i1")})
        assert scores["place_acc"].value == 0.0
        assert scores["blame_acc"].value == 0.0
        assert scores["type_acc"].value == 1.0


# ---------------------------------------------------------------------------------- toll


def toll_gold(civ, noncivil, actor, cause, admin1, group):
    return {
        "killed": {"civilians": civ, "noncivilians": noncivil, "children": 0, "women": 0},
        "actor": actor,
        "cause": cause,
        "admin1": admin1,
        "group": group,
    }


def test_score_toll_by_hand():
    gov = "syrian government or russian troops"
    docs = [
        doc("a", "toll", toll_gold(10, 2, gov, "shelling", ["Idlib", "Idleb"], "g1")),
        doc("b", "toll", toll_gold(10, 0, "unknown", "explosion", ["Aleppo"], "g1")),
        doc("c", "toll", toll_gold(0, 0, "al-nusra front", "unknown", ["Homs"], "g2")),
        doc("d", "toll", toll_gold(7, 0, "unknown", "execution", ["Raqqa"], "g3")),
    ]
    a_inc = incident(
        "i1",
        sub="Air/drone strike",
        where=place("Saraqib", "Idleb"),
        perps=[Perpetrator(actor="Russian warplanes", actor_kind="foreign_state")],
        headline={"killed": "c2"},
    )
    b_inc = incident("i1", sub="Suicide bomb", where=place("Azaz", "Aleppo"), headline={})
    c_inc = incident(
        "i1",
        sub="Armed clash",
        where=place("Homs", "Homs"),
        perps=[Perpetrator(actor="Hayat Tahrir al-Sham", actor_kind="jihadist")],
    )
    preds = {
        # headline 12 = 10 + 2 ✓; recall ✓; cause ✓; actor ✓; admin1 ✓
        "a": record(
            docs[0],
            [claim("c1", "killed", 10, incident="i1"), claim("c2", "killed", 12, incident="i1")],
            [a_inc],
            "i1",
        ),
        # no headline ✗; recall (civilians 10) ✓; cause ✓; unknown actor, none given ✓; ✓
        "b": record(docs[1], [claim("c1", "killed", 10, incident="i1")], [b_inc], "i1"),
        # total 0: not in headline/recall; cause unknown: not scored; nusra ✓; admin1 ✓
        "c": record(docs[2], [], [c_inc], "i1"),
        # no main incident: headline ✗, recall ✗, cause ✗, actor unknown ✓, admin1 ✗
        "d": record(docs[3]),
    }
    groups = {"a": "L1", "b": "L1", "c": "L2", "d": "L2"}
    scores = score_toll(docs, preds, groups=groups)
    assert scores["killed_headline_exact"].value == pytest.approx(1 / 3)
    assert scores["killed_recall"].value == pytest.approx(2 / 3)
    assert scores["cause_acc"].value == pytest.approx(2 / 3)
    assert scores["actor_acc"].value == pytest.approx(1.0)
    assert scores["admin1_acc"].value == pytest.approx(3 / 4)
    # gold pairs: (a,b). predicted: (a,b), (c,d). tp 1 -> F1 = 2*1/(2+1).
    assert scores["group_pair_f1"].value == pytest.approx(2 / 3)
    assert scores["killed_headline_exact"].failures[0].predicted == "no headline killed claim"


def test_group_pair_f1_not_computed_without_linking():
    docs = [doc("a", "toll", toll_gold(1, 0, "unknown", "unknown", ["Homs"], "g1"))]
    scores = score_toll(docs, {}, groups=None, groups_note="not computed: no ledger")
    assert scores["group_pair_f1"].value is None
    assert scores["group_pair_f1"].note == "not computed: no ledger"


def test_pair_f1_edges():
    assert pair_f1({"a": "1", "b": "2"}, {}) == (None, 0, 0, 0)
    assert pair_f1({"a": "1", "b": "1"}, {"a": None, "b": None})[0] == 0.0
    assert pair_f1({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "x", "c": "y"})[0] == 1.0


# ---------------------------------------------------------------------------------- displacement


def test_score_displacement_by_hand():
    text_a = "Some 4,000 families have fled Tal Afar, the UN said."
    text_b = "Nearly two thousand people were evacuated from Hodeidah."
    text_c = "About 1 500 people were displaced from Hajjah province."
    docs = [
        doc(
            "a",
            "displacement",
            {
                "figure": 4000,
                "term": "Forced to Flee",
                "unit": "households",
                "location": "Tal Afar",
                "country": "IRQ",
            },
            text_a,
        ),
        # figure not written in digits: not scored
        doc("b", "displacement", {"figure": 2000, "unit": "people", "country": "YEM"}, text_b),
        doc(
            "c",
            "displacement",
            {"figure": 1500, "unit": "people", "location": "Hajjah", "country": "YEM"},
            text_c,
        ),
    ]
    inc = incident("i1", where=place("Tall 'Afar", "Nineveh", "IQ", text="Tal Afar"))
    preds = {
        "a": record(
            docs[0],
            [claim("c1", "killed", 4000), claim("c2", "displaced", 4000, unit="households")],
            [inc],
            "i1",  # the claim has no incident: the main incident's place is used
        ),
        "b": record(docs[1]),
        "c": record(
            docs[2],
            [claim("c1", "displaced", 1500)],
            [incident("i1", where=place("Sanaa", "Sanaa", "YE"))],
            "i1",
        ),
    }
    scores = score_displacement(docs, preds)
    assert (scores["figure_recall"].hits, scores["figure_recall"].total) == (2, 2)
    assert scores["unit_acc"].value == 1.0
    assert scores["country_acc"].value == 1.0
    assert scores["location_acc"].value == pytest.approx(1 / 2)
    assert scores["location_acc"].failures[0].doc_id == "c"


@pytest.mark.parametrize(
    ("gold", "agrees"),
    [
        ("Iraq", True),  # the country of the place
        ("Nineveh Province", True),  # its admin1, with the unit word
        ("Mosul, Nineveh", True),  # one part of a listed location
        ("Mosul and Tal Afar", True),  # a list joined by "and"
        ("Nineveh and Anbar provinces", True),  # the unit word of the list, plural
        ("Tal Afar and Sinjar", False),  # a list without the place
        ("Tal Afar", False),  # another town of the same province
        ("Syria", False),
    ],
)
def test_location_agrees_at_any_level_of_the_place(gold, agrees):
    from tollwatch.evaluate.displacement import location_agrees

    assert location_agrees(gold, place("Mosul", "Nineveh", "IQ", text="Mosul")) is agrees
    assert location_agrees(gold, None) is False


def test_an_unnamed_actor_names_no_side_for_fakes():
    # FA-KES codes "terrorist rocket attacks" unknown: blame without a name is no side,
    # while a named side is still one and still scored
    docs = [
        doc("a", "toll", toll_gold(3, 0, "unknown", "shelling", ["Aleppo"], "g1")),
        doc("b", "toll", toll_gold(3, 0, "unknown", "shelling", ["Aleppo"], "g2")),
        doc("c", "toll", toll_gold(3, 0, "al-nusra front", "shelling", ["Aleppo"], "g3")),
    ]
    unnamed = Perpetrator(actor="terrorists", actor_kind="unnamed")
    nusra = Perpetrator(actor="Nusra Front (al-Qaeda affiliate)", actor_kind="jihadist")
    preds = {
        "a": record(docs[0], [], [incident("i1", perps=[unnamed])], "i1"),
        "b": record(docs[1], [], [incident("i1", perps=[unnamed, nusra])], "i1"),
        "c": record(docs[2], [], [incident("i1", perps=[unnamed])], "i1"),
    }
    scores = score_toll(docs, preds, groups=None)
    assert [f.doc_id for f in scores["actor_acc"].failures] == ["b", "c"]
    assert scores["actor_acc"].value == pytest.approx(1 / 3)
