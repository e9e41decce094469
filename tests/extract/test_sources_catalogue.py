"""The sources catalogue (tollwatch/data/sources.toml): names, kinds, people and roles."""

from __future__ import annotations

import pytest

from tollwatch.extract.sources.catalogue import (
    by_name,
    catalogue,
    find_people,
    find_sources,
    role_kind,
)
from tollwatch.model import CLAIMANT_KINDS


def test_catalogue_entries_are_well_formed():
    sources = catalogue()
    assert len(sources) > 80
    assert {s.kind for s in sources} <= set(CLAIMANT_KINDS)
    names = [s.name for s in sources]
    assert len(set(names)) == len(names)
    for s in sources:
        assert by_name(s.name) is s
        # every canonical name is found as itself in text
        found = find_sources(f"the {s.name} said")
        assert found and found[0].source is s, s.name


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "the Syrian Observatory for Human Rights",
            "Syrian Observatory for Human Rights",
            "monitor",
        ),
        ("SOHR", "Syrian Observatory for Human Rights", "monitor"),
        ("the Britain-based war monitor", "Syrian Observatory for Human Rights", "monitor"),
        ("a UK based monitoring group", "Syrian Observatory for Human Rights", "monitor"),
        ("Syrian Civil Defense", "Syrian Civil Defence (White Helmets)", "rescue"),
        ("the White Helmets", "Syrian Civil Defence (White Helmets)", "rescue"),
        ("Medecins Sans Frontieres", "Doctors Without Borders (MSF)", "medical"),
        ("MSF", "Doctors Without Borders (MSF)", "medical"),
        (
            "the International Committee of the Red Cross",
            "International Committee of the Red Cross (ICRC)",
            "ngo",
        ),
        ("OCHA", "UN Office for the Coordination of Humanitarian Affairs (OCHA)", "un_agency"),
        ("the U.N. refugee agency", "UN Refugee Agency (UNHCR)", "un_agency"),
        ("the World Food Programme", "World Food Programme (WFP)", "un_agency"),
        ("Amnesty International", "Amnesty International", "ngo"),
        ("the official SANA news agency", "Syrian Arab News Agency (SANA)", "state_media"),
        ("Syria's Health Ministry", "Syrian Ministry of Health", "government"),
        ("Airwars", "Airwars", "monitor"),
    ],
)
def test_named_sources_resolve_to_their_canonical_name(text: str, name: str, kind: str):
    specific = [o for o in find_sources(text) if not o.generic]
    assert specific and specific[0].source.name == name and specific[0].kind == kind


@pytest.mark.parametrize(
    ("text", "kind", "refers"),
    [
        ("a monitor", "monitor", True),
        ("the monitoring group", "monitor", True),
        ("activists", "activists", False),
        ("rescue workers", "rescue", False),
        ("state television", "state_media", True),
        ("the Health Ministry", "government", False),  # whose? the words as written
    ],
)
def test_generic_descriptions(text: str, kind: str, refers: bool):
    found = find_sources(text)
    assert found and found[-1].generic and found[-1].kind == kind
    assert found[-1].source.refers is refers


def test_acronyms_keep_their_case():
    # "who" the pronoun is not the World Health Organization.
    assert not [o for o in find_sources("the man who saw it") if not o.generic]
    assert [o.kind for o in find_sources("WHO warned") if not o.generic] == ["un_agency"]


def test_known_spokespeople():
    found = find_people("said Rami Abdulrahman, who heads the group")
    assert [(p.name, p.source.name) for _, _, p in found] == [
        ("Rami Abdel Rahman", "Syrian Observatory for Human Rights")
    ]
    assert find_people("said Rami, a resident") == ()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a nurse", "witness"),
        ("the provincial governor", "local_official"),
        ("a surgeon", "medical"),
        ("a rebel commander", "armed_group"),
        ("the foreign minister", "government"),
        ("an MP for the district", "government"),
        ("nothing of the kind", None),
    ],
)
def test_role_kind(text: str, kind: str | None):
    assert role_kind(text) == kind
