"""Country and admin1 names as users type them: codes, names, spelling variants."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tollwatch.extract.areas import admin1_matches, country_codes


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        ("SY", ("SY",)),
        ("sy", ("SY",)),
        ("SYR", ("SY",)),
        ("Syria", ("SY",)),
        ("syria", ("SY",)),
        ("Yemen", ("YE",)),
        ("Iraq", ("IQ",)),
        ("Narnia", ()),
    ],
)
def test_country_codes(value: str, codes: tuple[str, ...]) -> None:
    assert country_codes(value) == codes


KNOWN = ["Taizz", "Deir ez-Zor", "Aleppo", "Al Hudaydah", "Nineveh", "Idlib"]


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("Taiz", ("Taizz",)),
        ("TAIZZ", ("Taizz",)),
        ("Deir Ezzor", ("Deir ez-Zor",)),
        ("deir al-zour", ("Deir ez-Zor",)),
        ("Hudaydah", ("Al Hudaydah",)),
        ("Ninevah", ("Nineveh",)),
        ("Mosul", ()),
    ],
)
def test_admin1_by_fold(value: str, found: tuple[str, ...]) -> None:
    assert admin1_matches(value, KNOWN) == found


class _Gazetteer:
    """Two admin1 entries, as the gazetteer would give them for a lookup."""

    def lookup(self, name: str):
        entries = {
            "hodeidah": SimpleNamespace(
                kind="admin1", name="Al Hudaydah", admin1="Al Hudaydah", country="YE"
            ),
            "idleb": SimpleNamespace(kind="admin1", name="Idlib", admin1="Idlib", country="SY"),
        }
        place = entries.get(name.lower())
        return [SimpleNamespace(place=place)] if place else []


def test_admin1_through_the_gazetteers_other_names() -> None:
    gaz = _Gazetteer()
    assert admin1_matches("Hodeidah", KNOWN, gazetteer=gaz) == ("Al Hudaydah",)
    assert admin1_matches("Idleb", KNOWN, gazetteer=gaz) == ("Idlib",)
    assert admin1_matches("Idleb", KNOWN, countries=["IQ"], gazetteer=gaz) == ()
