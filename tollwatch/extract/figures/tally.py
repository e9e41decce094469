"""The people a report names as killed (or wounded) one by one, in several sentences, added up.

Wire copy often tells a toll only by naming the dead as it goes: "Colonel Ramon Ortiz was
shot dead on Tuesday ... His bodyguard survived ... Hours later, gunmen murdered Judge Ana
Villegas". No sentence gives the two; the report does. When people named in two or more
sentences are victims of one figure, and the report counts no victims of that figure with a
number (where it does, the people named are some of them: ``_named_among_counts``), their
number is a figure of its own (``named-tally``): a total whose parts are the named figures,
placed by the incidents stage where its parts are (or in no incident, when they are in
several).

A person is counted once however often the report names them: two names are one person when
they share a word other than a given name ("Hector Oqueli Colindres", "Oqueli"; "Senator
Luis Carlos Galan", "Galan"), or one is a single word of the other ("Adnan" after "Adnan
Jihad Baraka"); a title is no part of a name. People named only by a role
("the driver", "his bodyguard") are left out: a role is often someone named before.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tollwatch.extract.figures.mention import FigureMention, _with_part_of
from tollwatch.extract.numbers import NumberMention
from tollwatch.extract.rules import Example, register
from tollwatch.model import Span

if TYPE_CHECKING:
    from tollwatch.extract.pipeline import Context

__all__ = ["TALLY_RULE", "named_tally"]

TALLY_RULE = register(
    "figures.named_tally",
    fact="claim",
    summary="people named as victims in several sentences of a report, each counted once",
    examples=[
        Example(
            "LIMA, 4 MAR 90 (EFE) -- [TEXT] COLONEL RAMON ORTIZ VILLAR WAS SHOT DEAD TODAY IN "
            "HUANCAYO. HOURS LATER, GUNMEN MURDERED JUDGE ANA VILLEGAS IN THE SAME CITY. "
            "ORTIZ VILLAR HAD RECEIVED THREATS.",
            expect={"figure": "killed", "value": 2},
        ),
    ],
)

# The rules of the figures that name their victims one by one.
_NAMING_RULES = frozenset({"named-victims", "relative-victim", "among-named"})


def _surnames(name: str) -> frozenset[str]:
    """The words of a name that are not its given name: all but the first of two or more
    ("luis carlos galan" -> carlos, galan), the one word of a name of one."""
    words = name.split()
    return frozenset(words[1:] if len(words) > 1 else words)


def _same(
    surnames: frozenset[str], name: str, person: tuple[frozenset[str], frozenset[str]]
) -> bool:
    """Is ``name`` the person named before? They share a surname, or one of the two is a
    single word of the other ("Adnan" after "Adnan Jihad Baraka")."""
    if surnames & person[0]:
        return True
    words = name.split()
    return (len(words) == 1 and words[0] in person[1]) or (
        len(person[1]) == 1 and person[1] <= frozenset(words)
    )


def named_tally(context: Context, out: list[FigureMention]) -> None:
    """Add a ``named-tally`` figure per figure whose victims are named in two or more
    sentences (see the module)."""
    by_figure: dict[str, list[int]] = {}
    counted: set[str] = set()  # figures the report also counts with numbers
    for i, f in enumerate(out):
        if f.rule in _NAMING_RULES and f.names:
            by_figure.setdefault(f.figure, []).append(i)
        elif not f.rule.startswith("named-"):
            counted.add(f.figure)
    for figure, idx in by_figure.items():
        if figure in counted or len({out[i].sentence for i in idx}) < 2:
            continue
        # each person: (surnames, all the words of every name they go by)
        people: list[tuple[frozenset[str], frozenset[str]]] = []
        for i in idx:
            for name in out[i].names:
                words = _surnames(name)
                if not words:
                    continue
                k = next((k for k, p in enumerate(people) if _same(words, name, p)), None)
                if k is None:
                    people.append((words, frozenset(name.split())))
                else:
                    people[k] = (people[k][0] | words, people[k][1] | frozenset(name.split()))
        if len(people) < 2:
            continue
        first, last = out[idx[0]], out[idx[-1]]
        start, end = first.number.span.start, last.number.span.end
        span = Span(start=start, end=end, text=context.text[start:end])
        number = NumberMention(
            value=len(people),
            low=len(people),
            high=len(people),
            qualifier="exact",
            span=span,
            number_span=span,
            sentence=last.sentence,
        )
        ev_start, ev_end = first.evidence.start, max(out[i].evidence.end for i in idx)
        out.append(
            replace(
                last,
                number=number,
                victims=tuple(dict.fromkeys(v for i in idx for v in out[i].victims)),
                evidence=Span(start=ev_start, end=ev_end, text=context.text[ev_start:ev_end]),
                rule="named-tally",
                total=True,
                names=(),
                part_of=None,
                subset=False,
            )
        )
        new = len(out) - 1
        for i in idx:
            if out[i].part_of is None:
                out[i] = _with_part_of(out[i], new)
