"""Counts told as first reports ("Safa initially reported five killed", "Initial reports
stated that four people died"): when the incident gives a larger count of the same figure,
that count supersedes the first one (``update_of``), as a rising toll does, so the first
report's number is no longer the low of the incident's estimate."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tollwatch.extract.incidents.cues import _DATA, _words
from tollwatch.extract.rules import Example, register
from tollwatch.model import Claim

__all__ = ["INITIAL_RULE", "supersede_initial"]

INITIAL_RULE = register(
    "incidents.initial_count",
    fact="incident",
    summary="a count told as a first report ('initially reported five killed') is superseded "
    "by a larger count of the figure in the incident",
    examples=[
        Example(
            "An airstrike on a house in Rafah on Monday killed 14 civilians. Safa News "
            "initially reported that five people had been killed.",
            expect={"count_text": "five", "incident": "i1"},
        )
    ],
)
_INITIAL = re.compile(rf"\b{_words(_DATA['initial']['words'])}\b", re.IGNORECASE)
# The words themselves, lower-cased: the cheap substring test before the pattern (taken
# from the same data, so that a word added there is never gated out).
_GATE = tuple(w.lower() for w in _DATA["initial"]["words"])


def supersede_initial(
    claims: Sequence[Claim], update_of: dict[str, str], why: dict[str, str]
) -> None:
    """Mark the first-report counts of one incident's ``claims`` as superseded: for each, the
    largest whole count of its figure not told as a first report and not yet updating another
    names it in ``update_of``; the first report's ``why`` gains this rule's name."""
    firsts = [c for c in claims if _is_first(c, claims)]
    if not firsts:
        return
    for first in firsts:
        later = [
            c
            for c in claims
            if c.figure == first.figure
            and c.part_of is None
            and not c.subset
            and c.value > first.value
            and c.id not in update_of
            and c not in firsts
        ]
        if not later:
            continue
        top = max(later, key=lambda c: c.value)
        update_of[top.id] = first.id
        if first.id in why:
            why[first.id] = f"{why[first.id]}+{INITIAL_RULE.name}"


def _is_first(claim: Claim, claims: Sequence[Claim]) -> bool:
    """The claim is the first count of its figure after a first-report word of its sentence."""
    if claim.part_of is not None or claim.qualifier == "vague" or claim.count_span is None:
        return False
    text = claim.evidence.text
    low = text.lower()
    if not any(g in low for g in _GATE):
        return False
    at = claim.count_span.start - claim.evidence.start
    cues = [m.end() for m in _INITIAL.finditer(text, 0, max(0, at))]
    if not cues:
        return False
    cue = claim.evidence.start + cues[-1]
    return not any(
        c is not claim
        and c.figure == claim.figure
        and c.evidence.start == claim.evidence.start
        and c.count_span is not None
        and cue <= c.count_span.start < claim.count_span.start
        for c in claims
    )
