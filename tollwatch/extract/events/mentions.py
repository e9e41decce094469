"""Event mentions: the words of each sentence that name a violent event, typed and blamed.

Every sentence is scanned (cheap patterns over the raw text, no parse needed) for event words
(``lexicons.EVENT_CUES``): "air strike", "barrel bombs", "a wave of artillery fire", "car
bomb", "suicide bomber", "clashes", "gunmen", "chlorine", ... Each becomes an
:class:`EventMention` with ACLED's ``event_type`` / ``sub_event_type`` and the registered rule
that typed it (``events.<cue>``, refined by ACLED's precedence: :mod:`.precedence`), and the
perpetrators its sentence names (:mod:`.blame`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollwatch.extract import sources
from tollwatch.extract.events import precedence
from tollwatch.extract.events import rules as R
from tollwatch.extract.events.blame import campaign, find_perpetrators
from tollwatch.extract.lexicons import find_event_cues
from tollwatch.extract.pipeline import Context
from tollwatch.model import Perpetrator, Span

__all__ = ["EventMention", "run", "sentence_events"]


@dataclass(frozen=True, kw_only=True, slots=True)
class EventMention:
    """Words naming a violent event ("a wave of artillery fire"), typed in ACLED's terms."""

    event_type: str
    sub_event_type: str
    span: Span
    sentence: int
    perpetrators: tuple[Perpetrator, ...] = ()
    priority: int = 0  # how specific the words are (lexicons.EventCue.priority)
    weak: bool = False  # "attack", "strike": says that something happened, not what
    anaphoric: bool = False  # "the strike", "Tuesday's attack": refers back to a told event
    rule: str | None = None  # the registered rules that typed it ("events.shelling+...")


_DEFINITE = re.compile(
    r"(?:(?<![\w-])(?:the|this|that|these|those|its)|[\w-]+['’]s)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


def sentence_events(
    context: Context, sentence: int, *, table: dict[int, list[sources.Attribution]] | None = None
) -> list[EventMention]:
    """The event mentions of one sentence, with the perpetrators its words give."""
    text = context.text
    sent = context.sentences[sentence]
    cues = find_event_cues(sent.text)
    if not cues:
        return []
    perps = precedence.merge_perpetrators(
        [p for _, p in find_perpetrators(context, sentence, table=table)]
    )
    out: list[EventMention] = []
    habit = campaign(context, sentence)
    for cs, ce, cue in cues:
        start, end = sent.start + cs, sent.start + ce
        anaphoric = _DEFINITE.search(text[max(sent.start, start - 40) : start]) is not None
        out.append(
            EventMention(
                event_type=cue.event_type,
                sub_event_type=cue.sub_event_type,
                span=Span(start=start, end=end, text=text[start:end]),
                sentence=sentence,
                perpetrators=perps,
                priority=cue.priority,
                weak=cue.weak,
                anaphoric=anaphoric,
                rule=f"{cue.rule}+{R.CAMPAIGN}" if habit else cue.rule,
            )
        )
    return precedence.apply(context, sentence, out)


def run(context: Context) -> None:
    """Find the event mentions of every sentence."""
    table = sources.attributions(context)
    events: list[EventMention] = []
    for sent in context.sentences:
        events.extend(sentence_events(context, sent.index, table=table))
    context.events = events
