"""Blame between two actors: "it was unclear whether the strikes were Syrian or Russian"
(``events.either``): each of the actors the speaker hesitates between."""

from __future__ import annotations

import re

from tollwatch.extract import actors
from tollwatch.extract.events import rules as R
from tollwatch.extract.pipeline import Context
from tollwatch.model import Perpetrator, Span

__all__ = ["EITHER_RE", "either"]


def _span(context: Context, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=context.text[start:end])


# "unclear whether/if ..., could not say whether ...": the speaker names two actors either
# of which may have done it.
EITHER_RE = re.compile(
    r"(?<![\w-])(?:unclear|not (?:clear|known|certain|immediately clear)|could not (?:say|tell|confirm"
    r"|determine)|did not (?:say|know)|(?:un|not )sure|uncertain|no word on)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:whether|if)(?![\w-])",
    re.IGNORECASE,
)
# What joins the two actors of an alternative: "Syrian or Russian", "Syrian planes or those
# of government ally Russia".
_EITHER_OR = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?or\s+(?:(?:those|that|the ones?)\s+of\s+)?(?:(?:its|their|the|an?"
    r"|[\w-]+)\s+){0,3}?$",
    re.IGNORECASE,
)
# A nationality said of an attack ("the raid was Syrian or Russian") names that state's
# aircraft or forces.
_BARE_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:i|ian|an|ish|ese)$")


def either(
    context: Context, start: int, hi: int, alleged: str | None, *, country: str | None
) -> list[tuple[int, Perpetrator]]:
    """The actors of "whether X or Y" from ``start`` to the end of its clause: both, when
    the words between them join them by "or"."""
    text = context.text
    stop = re.search(r"[;:.]|,\s+(?:and|but|while|as)\b", text[start:hi])
    end = start + (stop.start() if stop else hi - start)
    clause = text[start:end]
    found = [
        (a.start, a.end, a.actor) for a in actors.find(clause, country=country) if not a.patron
    ]
    # "was Syrian or Russian": bare nationality words the catalogue names only with a noun.
    for w in re.finditer(r"[A-Z][a-z]+", clause):
        if _BARE_NATIONALITY.match(w.group()) and not any(s <= w.start() < e for s, e, _ in found):
            actor = actors.resolve(f"{w.group()} jets", country=country)
            if actor is not None:
                found.append((w.start(), w.end(), actor))
    found.sort(key=lambda f: f[0])
    # One actor named twice in a row ("Syrian planes or those of government ally Russia":
    # "government" is the Syrian side again) is one side of the alternative.
    merged: list[tuple[int, int, actors.Actor]] = []
    for f in found:
        if merged and merged[-1][2].name == f[2].name:
            continue  # the words between the two sides run from the first naming
        merged.append(f)
    found = merged
    out: list[tuple[int, Perpetrator]] = []
    for (s1, e1, a1), (s2, e2, a2) in zip(found, found[1:], strict=False):
        if a1.name == a2.name or not _EITHER_OR.match(clause[e1:s2]):
            continue
        for s, e, a in ((s1, e1, a1), (s2, e2, a2)):
            if any(p.actor == a.name for _, p in out):
                continue
            out.append(
                (
                    start + s,
                    Perpetrator(
                        actor=a.name,
                        actor_kind=a.kind,
                        alleged_by=alleged,
                        evidence=_span(context, start + s, start + e),
                        rule=R.EITHER,
                    ),
                )
            )
    return out
