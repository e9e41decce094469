"""Who fought whom, as ACLED and UCDP GED name it: actors, inter codes, sides, violence type.

Perpetrators are resolved through the actors catalogue (``tollwatch/data/actors.toml``, read
by :mod:`tollwatch.extract.actors`); ACLED's names for the actors that have one of their own
are in ``tollwatch/data/acled_actors.csv`` ("{country}" stands for the event's country).
State forces are "Military Forces of <country>" (ACLED adds the years of the government in
power, which the catalogue does not hold: left out). An actor the catalogue does not know
keeps the name the report gave it.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tollwatch import model
from tollwatch.export import _common as common
from tollwatch.extract import actors

_STATE_KINDS = frozenset({"state", "foreign_state", "coalition"})
CIVILIAN_VICTIMS = frozenset(
    {"civilians", "children", "women", "aid_workers", "journalists", "medics"}
)
STATE_VICTIMS = frozenset({"soldiers", "police"})


@dataclass(frozen=True, kw_only=True, slots=True)
class Side:
    """One actor of an event as the standards code it."""

    acled: str  # ACLED's actor name
    inter: int | None  # ACLED inter code (1-8)
    ucdp: str  # UCDP GED's side name
    state: bool  # state forces (UCDP: a government)
    gwno: int | None = None  # its state's Gleditsch-Ward number


@lru_cache(maxsize=1)
def _acled_names() -> dict[str, str]:
    from importlib import resources

    text = resources.files("tollwatch").joinpath("data/acled_actors.csv").read_text("utf-8")
    return {row["name"].casefold(): row["acled"] for row in csv.DictReader(text.splitlines())}


def _country_name(iso2: str | None) -> str:
    found = common.standard_country(iso2)
    if found and found.acled_country:
        return found.acled_country
    return common.country_name(iso2) or "unknown country"


def side_of(perpetrator: model.Perpetrator, country: str | None) -> Side:
    """The side a perpetrator is in an event in ``country`` (alpha-2)."""
    actor = actors.by_name(perpetrator.actor) or actors.resolve(perpetrator.actor, country=country)
    kind = actor.kind if actor else perpetrator.actor_kind
    state = kind in _STATE_KINDS or (actor is not None and actor.inter == 1)
    home = actor.country if actor and actor.country else (country if kind == "state" else None)
    where = _country_name(country)
    named = _acled_names().get((actor.name if actor else perpetrator.actor).casefold())
    if named:
        acled = named.replace("{country}", where)
    elif state and home and kind != "coalition":
        acled = f"Military Forces of {_country_name(home)}"
    else:
        acled = actor.name if actor else perpetrator.actor
    inter = actor.inter_code(country) if actor else (1 if state else None)
    ucdp = actor.ucdp_side_in(country) if actor and actor.ucdp_side_in(country) else None
    if ucdp is None and state and home:
        ucdp = f"Government of {_ucdp_country(home)}"
    found = common.standard_country(home) if state else None
    return Side(
        acled=acled,
        inter=inter,
        ucdp=ucdp or (actor.name if actor else perpetrator.actor),
        state=state,
        gwno=found.gwno if found else None,
    )


def _ucdp_country(iso2: str) -> str:
    found = common.standard_country(iso2)
    if found and found.ucdp_country:
        return found.ucdp_country
    return common.country_name(iso2) or iso2


def civilians(country: str | None) -> Side:
    """The civilians of a country, as ACLED names them (inter 7)."""
    return Side(
        acled=f"Civilians ({_country_name(country)})", inter=7, ucdp="Civilians", state=False
    )


def unidentified(country: str | None) -> Side:
    """ACLED's actor for violence whose perpetrator no source names."""
    return Side(
        acled=f"Unidentified Armed Group ({_country_name(country)})",
        inter=3,
        ucdp="",
        state=False,
    )


def government(country: str | None) -> Side | None:
    """The state forces of ``country`` (the side a group fighting soldiers fights)."""
    if not country:
        return None
    return side_of(model.Perpetrator(actor=actors.state_actor(country).name), country)


def distinct(sides: Sequence[Side]) -> list[Side]:
    """Sides in order, each once (by ACLED name)."""
    seen: dict[str, Side] = {}
    for s in sides:
        seen.setdefault(s.acled, s)
    return list(seen.values())


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, the lower first (10 x inter1 alone)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high
