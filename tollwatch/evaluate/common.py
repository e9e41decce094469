"""What every task's scorer shares: evaluation documents, scores, tallies, name comparison.

A score keeps its numerator, its denominator and the documents it failed on, so ``--examples``
can show them. While :func:`judging_rules` is active, every tally also credits the registered
extraction rules behind the fact it judged (``tollwatch eval --rules``).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tollwatch.model import Claim, Incident, PlaceRef, Report, ReportRecord

# --------------------------------------------------------------------------------------
# Which rules were right: the facts a score judged, credited to the rules that made them

RuleNames = str | None | Iterable[str | None]


@dataclass
class RuleTally:
    """How often a rule made a fact, and how often a judged fact of it was right."""

    fired: int = 0
    judged: int = 0
    right: int = 0


_JUDGE: contextvars.ContextVar[dict[str, RuleTally] | None] = contextvars.ContextVar(
    "tollwatch_rule_judge", default=None
)


@contextlib.contextmanager
def judging_rules(tallies: dict[str, RuleTally]) -> Iterator[dict[str, RuleTally]]:
    """While active, every ``Tally.add(..., rules=...)`` credits those rules in ``tallies``."""
    token = _JUDGE.set(tallies)
    try:
        yield tallies
    finally:
        _JUDGE.reset(token)


def _rule_names(rules: RuleNames) -> Iterator[str]:
    if rules is None:
        return
    if isinstance(rules, str):
        rules = [rules]
    for value in rules:
        for name in (value or "").split("+"):
            if name.strip():
                yield name.strip()


def judge_rules(rules: RuleNames, ok: bool) -> None:
    """Credit (or debit) the rules behind a judged fact, when rules are being judged."""
    tallies = _JUDGE.get()
    if tallies is None:
        return
    for name in set(_rule_names(rules)):
        t = tallies.setdefault(name, RuleTally())
        t.judged += 1
        t.right += bool(ok)


# --------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, kw_only=True)
class EvalDoc:
    """One document of an evaluation file: the report to extract and its gold."""

    doc_id: str
    task: str
    report: Report
    gold: Mapping[str, Any]
    line: int | None = None


@dataclass(frozen=True, kw_only=True)
class Failure:
    """A document a score counted as wrong: what the gold expected and what we predicted."""

    doc_id: str
    expected: str
    predicted: str


@dataclass(frozen=True, kw_only=True)
class Score:
    """One score: ``value = hits / total``, or None when it could not be computed."""

    name: str
    value: float | None
    hits: float = 0
    total: int = 0
    note: str | None = None
    failures: tuple[Failure, ...] = ()

    @property
    def computed(self) -> bool:
        return self.value is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "hits": self.hits,
            "total": self.total,
            "note": self.note,
        }


@dataclass
class Tally:
    """A running accuracy: counts and the failures behind them."""

    name: str
    hits: int = 0
    total: int = 0
    failures: list[Failure] = field(default_factory=list)

    def add(
        self,
        ok: bool,
        *,
        doc_id: str,
        expected: Any = "",
        predicted: Any = "",
        rules: RuleNames = None,
    ) -> None:
        """Count one judgement; ``rules`` name the extraction rules behind the judged fact."""
        judge_rules(rules, ok)
        self.total += 1
        if ok:
            self.hits += 1
        else:
            self.failures.append(
                Failure(doc_id=doc_id, expected=str(expected), predicted=str(predicted))
            )

    def score(self, *, empty_note: str = "no document to score") -> Score:
        if self.total == 0:
            return Score(name=self.name, value=None, note=empty_note)
        return Score(
            name=self.name,
            value=self.hits / self.total,
            hits=self.hits,
            total=self.total,
            failures=tuple(self.failures),
        )


# --------------------------------------------------------------------------------------
# Comparing names


@functools.lru_cache(maxsize=4096)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name, with case, accents and punctuation aside."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    # "Ma'arrat" and "Maarrat" are one word, and so are "U.N." and "UN".
    folded = re.sub(r"['’‘ʿʾ`.]", "", folded)
    return tuple(re.findall(r"[^\W_]+", folded))


def fold_name(name: str) -> str:
    """A name folded for equality: words joined by single spaces."""
    return " ".join(name_words(name))


def _contains(outer: Sequence[str], inner: Sequence[str]) -> bool:
    n = len(inner)
    return any(tuple(outer[i : i + n]) == tuple(inner) for i in range(len(outer) - n + 1))


def claimants_agree(gold: str | None, predicted: str | None) -> bool:
    """Null with null; else the gold name's words within the predicted name's, or the reverse."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    g, p = name_words(gold), name_words(predicted)
    if not g or not p:
        return g == p
    return _contains(p, g) or _contains(g, p)


# --------------------------------------------------------------------------------------
# Helpers over records


def incident_by_id(record: ReportRecord | None, incident_id: str | None) -> Incident | None:
    if record is None or incident_id is None:
        return None
    return next((i for i in record.incidents if i.id == incident_id), None)


def main_incident(record: ReportRecord | None) -> Incident | None:
    """The record's main incident, or None."""
    return incident_by_id(record, record.main_incident if record else None)


def claim_by_id(record: ReportRecord | None, claim_id: str | None) -> Claim | None:
    if record is None or claim_id is None:
        return None
    return next((c for c in record.claims if c.id == claim_id), None)


def place_str(place: PlaceRef | None) -> str:
    if place is None:
        return "no place"
    return f"{place.name} (text {place.text!r}, admin1 {place.admin1}, country {place.country})"


def claim_str(claim: Claim) -> str:
    who = f" per {claim.claimant}" if claim.claimant else ""
    return f"{claim.id} {claim.figure}={claim.value}{who}"
