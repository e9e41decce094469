"""Extraction rules as registered units: a name, what the rule makes, and example sentences.

Every rule of the extraction stages (a figure pattern, a claimant resolution, a place or date
choice, an event type, a blame pattern, a reason to open a new incident) is registered here
under a unique dotted name, ``<stage>.<rule>`` ("figures.passive_subject",
"places.antecedent"). The fact it makes carries that name (``Claim.rule``,
``Claim.claimant_rule``, ``Claim.incident_rule``, ``PlaceRef.rule``, ``DateRef.rule``,
``Incident.type_rule``, ``Perpetrator.rule``), so that:

- the tests run every rule's examples (``tests/extract/test_rules.py``): each example is a
  sentence written in the style of real reports and the fields the rule must give on it;
- ``tollwatch eval --rules`` prints how often each rule fired on the evaluation files and how
  often the fact it made was right.

A rule is registered with :func:`register` (a module-level call next to the code that
applies it) or with the :func:`rule` decorator on the function that applies it::

    PASSIVE = register(
        "figures.passive_subject",
        fact="claim",
        summary="the victims are the passive subject of a figure verb",
        examples=[Example("Eight civilians were killed in the strike.",
                          expect={"figure": "killed", "value": 8})],
    )

and the code then names ``PASSIVE.name`` on the fact it makes.

Examples and expectations
    ``expect`` is matched against the fact the rule made, as its ``to_dict()`` gives it (a
    claim, a place, a date, a perpetrator, an incident), or against the whole record for
    ``fact="record"``, with :func:`matches`: a mapping matches when each of its keys matches
    (other keys are free); a list matches when each of its items matches some item of the
    actual list (``{"claims": [{"value": 5}, {"value": 3}]}``); an int matches a list of
    that length (``{"incidents": 2}``); anything else must be equal. An example passes when
    some fact made by the rule matches (for ``fact="record"``: when the rule fired somewhere
    in the record and the record matches).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from tollwatch.model import ReportRecord

# What kind of fact a rule makes, and where a record keeps the name of the rule behind it.
FACTS: tuple[str, ...] = (
    "claim",  # Claim.rule: which pattern made a number a figure
    "claimant",  # Claim.claimant_rule: how the claimant was found / resolved
    "incident",  # Claim.incident_rule: why a claim is in its incident (or in none)
    "place",  # PlaceRef.rule
    "date",  # DateRef.rule
    "event",  # Incident.type_rule: the event type
    "perpetrator",  # Perpetrator.rule
    "record",  # anything else, checked on the whole record
)

# The day examples are published on unless they say otherwise (a Wednesday).
EXAMPLE_PUBLISHED = date(2016, 11, 30)


@dataclass(frozen=True)
class Example:
    """A sentence (or a few) of our own, and what the rule must give on it."""

    text: str
    expect: Mapping[str, Any] = field(default_factory=dict)
    published: date | None = EXAMPLE_PUBLISHED
    title: str | None = None
    # Places of the user's own (a CSV list as `tollwatch gazetteer import csv` reads it, with
    # a header line), added to a copy of the default gazetteer for this example only.
    gazetteer_csv: str | None = None


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One registered extraction rule."""

    name: str  # "<stage>.<rule>"
    fact: str  # one of FACTS
    summary: str
    examples: tuple[Example, ...]

    @property
    def stage(self) -> str:
        return self.name.split(".", 1)[0]


REGISTRY: dict[str, Rule] = {}

F = TypeVar("F", bound=Callable[..., Any])


def register(name: str, *, fact: str, summary: str, examples: Sequence[Example | str]) -> Rule:
    """Register a rule under ``name`` and return it.

    Raises ``ValueError`` for a name already taken by another rule, a name without its stage
    ("figures.x"), an unknown ``fact`` kind, or a rule without examples: every rule shows
    what it does on a sentence. Registering the very same rule twice (a module reloaded) is
    allowed.
    """
    if "." not in name or not all(name.split(".")):
        raise ValueError(f"rule name {name!r} must be '<stage>.<rule>'")
    if fact not in FACTS:
        raise ValueError(f"rule {name!r}: unknown fact {fact!r} (one of {', '.join(FACTS)})")
    exs = tuple(e if isinstance(e, Example) else Example(e) for e in examples)
    if not exs:
        raise ValueError(f"rule {name!r} has no example sentence")
    new = Rule(name=name, fact=fact, summary=summary, examples=exs)
    old = REGISTRY.get(name)
    if old is not None and old != new:
        raise ValueError(f"rule {name!r} is registered twice")
    REGISTRY[name] = new
    return new


def rule(
    name: str, *, fact: str, summary: str, examples: Sequence[Example | str]
) -> Callable[[F], F]:
    """Decorator: register a rule for the function that applies it (``fn.rule`` is the Rule)."""

    def wrap(fn: F) -> F:
        fn.rule = register(name, fact=fact, summary=summary, examples=examples)  # type: ignore[attr-defined]
        return fn

    return wrap


def get(name: str) -> Rule:
    """The rule registered under ``name``; ``KeyError`` if there is none."""
    return REGISTRY[name]


def load_all() -> dict[str, Rule]:
    """Import every extraction stage (which registers its rules) and return the registry."""
    from tollwatch.extract import default_stages

    default_stages()
    return dict(REGISTRY)


def all_rules(*, stage: str | None = None, fact: str | None = None) -> list[Rule]:
    """The registered rules, sorted by name, optionally of one stage or fact kind."""
    return sorted(
        (
            r
            for r in REGISTRY.values()
            if (stage is None or r.stage == stage) and (fact is None or r.fact == fact)
        ),
        key=lambda r: r.name,
    )


# --------------------------------------------------------------------------------------
# Which rules made which facts of a record


def _names(value: str | None) -> Iterator[str]:
    # A fact may name more than one rule ("places.antecedent+places.country_context"): the
    # rule that chose it and the ones that refined it.
    if value:
        for part in value.split("+"):
            part = part.strip()
            if part:
                yield part


def facts_by_rule(record: ReportRecord) -> dict[str, list[tuple[str, Mapping[str, Any]]]]:
    """``{rule name: [(fact kind, fact as a dict), ...]}`` for every rule-made fact of a record."""
    out: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}

    def add(names: str | None, kind: str, fact: Mapping[str, Any]) -> None:
        for n in _names(names):
            out.setdefault(n, []).append((kind, fact))

    for c in record.claims:
        d = c.to_dict()
        add(c.rule, "claim", d)
        add(c.claimant_rule, "claimant", d)
        add(c.incident_rule, "incident", d)
        if c.place is not None:  # a situation figure's own place ("displaced in Idlib")
            add(c.place.rule, "place", c.place.to_dict())
    for inc in record.incidents:
        d = inc.to_dict()
        add(inc.type_rule, "event", d)
        if inc.place is not None:
            add(inc.place.rule, "place", inc.place.to_dict())
        if inc.date is not None:
            add(inc.date.rule, "date", inc.date.to_dict())
        for p in inc.perpetrators:
            add(p.rule, "perpetrator", p.to_dict())
    return out


def fired(record: ReportRecord) -> set[str]:
    """The names of the rules behind some fact of ``record``."""
    return set(facts_by_rule(record))


# --------------------------------------------------------------------------------------
# Matching examples


def matches(actual: Any, expected: Any) -> bool:
    """Does ``actual`` (JSON-like) match ``expected`` (see the module docstring)?"""
    if isinstance(expected, Mapping):
        return isinstance(actual, Mapping) and all(
            k in actual and matches(actual[k], v) for k, v in expected.items()
        )
    if isinstance(expected, list | tuple):
        if not isinstance(actual, list | tuple):
            return False
        return all(any(matches(a, e) for a in actual) for e in expected)
    if (
        isinstance(expected, int)
        and not isinstance(expected, bool)
        and isinstance(actual, list | tuple)
    ):
        return len(actual) == expected
    if isinstance(expected, date):
        return actual == expected.isoformat()
    if isinstance(expected, bool) or isinstance(actual, bool):
        return actual is expected
    return bool(actual == expected)


def check_example(the_rule: Rule, example: Example, record: ReportRecord) -> str | None:
    """None when ``record`` (extracted from ``example.text``) shows the rule at work as the
    example expects; else a sentence saying what was wrong."""
    made = facts_by_rule(record).get(the_rule.name, [])
    if the_rule.fact == "record":
        if not made:
            return f"{the_rule.name} did not fire on {example.text!r}"
        if not matches(record.to_dict(), example.expect):
            return f"{the_rule.name}: the record does not match {dict(example.expect)}"
        return None
    mine = [fact for kind, fact in made if kind == the_rule.fact]
    if not mine:
        others = sorted(fired(record))
        return (
            f"{the_rule.name} made no {the_rule.fact} on {example.text!r} "
            f"(rules that fired: {', '.join(others) or 'none'})"
        )
    if not any(matches(fact, example.expect) for fact in mine):
        return f"{the_rule.name}: no {the_rule.fact} it made matches {dict(example.expect)}: {mine}"
    return None


def iter_examples(rules: Iterable[Rule] | None = None) -> Iterator[tuple[Rule, Example]]:
    """Every (rule, example) pair of the registry (or of ``rules``), in name order."""
    for r in rules if rules is not None else all_rules():
        for e in r.examples:
            yield r, e
