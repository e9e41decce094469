"""Which attribution governs a figure, and the claims the ``sources`` stage makes.

For a figure's number, in order (each a registered rule, :mod:`.rules`):

1. inside a quotation: the quotation's speaker, named next to it (``sources.quote``);
2. a source right after the figure: "a figure of 20,000 given by X" (``sources.given_by``);
3. "X said (that) ... N killed": the nearest speaker before it (``sources.said_before``);
4. "according to X" anywhere in the sentence (``sources.according_to``);
5. "..., X said" / "..., said X" after it (``sources.said_after``);
6. none: the report's own voice (``sources.own_voice``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from tollwatch.extract.pipeline import Context
from tollwatch.extract.sources import rules as R
from tollwatch.extract.sources import words as W
from tollwatch.extract.sources.attributions import Attribution
from tollwatch.extract.sources.attributions import quotes as find_quotes
from tollwatch.extract.sources.discourse import attributions
from tollwatch.model import Claim

__all__ = ["claimant_for", "run"]


def claimant_for(
    context: Context,
    *,
    sentence: int,
    position: int,
    end: int | None = None,
    table: dict[int, list[Attribution]] | None = None,
    quotes: list[tuple[int, int]] | None = None,
) -> Attribution | None:
    """The attribution that governs the words at ``position`` (a figure's number) in
    ``sentence``, or None when the report says it in its own voice. Its ``found_by`` names
    the rule that chose it."""
    table = attributions(context) if table is None else table
    quotes = find_quotes(context.text) if quotes is None else quotes
    end = position if end is None else end
    text = context.text
    # 1. Inside a quotation: the quotation's speaker.
    for qs, qe in quotes:
        if qs < position < qe:
            att = _quote_speaker(context, table, qs, qe)
            if att is not None:
                return replace(att, found_by=R.QUOTE)
            break
    atts = [a for a in table.get(sentence, []) if not _inside_quote(a, quotes, position)]
    # 2. "a figure of 20,000 given by X": the source follows the figure closely.
    for a in atts:
        if (
            a.mode == "by"
            and 0 <= a.verb_start - end <= 60
            and not re.search(r"[,;]", text[end : a.verb_start])
        ):
            return replace(a, found_by=R.GIVEN_BY)
    # 3. "X said (that) ... N killed": the nearest attribution before the figure.
    pre = [a for a in atts if a.mode == "pre" and a.verb_end <= position]
    if pre:
        return replace(pre[-1], found_by=R.SAID_BEFORE)
    according = [a for a in atts if a.mode == "according"]
    if according:
        best = min(according, key=lambda a: abs(a.verb_start - position))
        return replace(best, found_by=R.ACCORDING_TO)
    post = [a for a in atts if a.mode in {"pre", "post_inverted"} and a.verb_start >= end]
    if post:
        return replace(post[0], found_by=R.SAID_AFTER)
    return None


def _inside_quote(att: Attribution, quotes: list[tuple[int, int]], position: int) -> bool:
    """An attribution inside a quotation that does not hold the figure is not about it."""
    for qs, qe in quotes:
        if qs < att.verb_start < qe and not qs < position < qe:
            return True
    return False


def _sentence_starts(context: Context) -> list[int]:
    key = "sources.sentence_starts"
    starts = context.cache.get(key)
    if starts is None or len(starts) != len(context.sentences):
        starts = context.cache[key] = [s.start for s in context.sentences]
    return starts


def _quote_speaker(
    context: Context, table: dict[int, list[Attribution]], qs: int, qe: int
) -> Attribution | None:
    text = context.text
    starts = _sentence_starts(context)
    # After the quotation: '..." he said', '..." said X' (same or next sentence).
    after_sent = max(0, bisect_right(starts, qe - 1) - 1)
    for idx in (after_sent, after_sent + 1):
        for a in table.get(idx, []):
            if (
                a.mode != "by"
                and qe - 1 <= a.start <= qe + 40
                and a.verb_start <= qe + 60  # not a subject with a clause of its own
                and "\n" not in text[qe : a.start]
            ):
                return a
            if a.mode == "post_inverted" and qe - 1 <= a.verb_start <= qe + 6:
                return a
    # Before it: 'X said: "...' or 'X told Reuters that "...'.
    before_sent = max(0, bisect_right(starts, qs) - 1)
    for a in reversed(table.get(before_sent, [])):
        if (
            a.mode == "pre"
            and 0 <= qs - a.verb_end <= 40
            and not re.search(r"[.!?]", text[a.verb_end : qs])
        ):
            return a
    # A quotation standing alone after a speaker's words: the last speaker before it.
    for idx in range(before_sent, max(-1, before_sent - 2), -1):
        for a in reversed(table.get(idx, [])):
            if a.end <= qs and a.mode in {"pre", "post_inverted"}:
                return a
    return None


def _continued(
    context: Context,
    figures: list,
    order: list[int],
    atts: dict[int, Attribution | None],
    rules: dict[int, str],
) -> None:
    """A figure nothing attributes, in a sentence that goes on from the figure told just
    before it ("... at least eight people were killed, the Observatory said. Five of them died
    in air strikes. Another three were killed in shelling"), is in that figure's source's
    account."""
    prev: int | None = None
    for fi in order:
        fig = figures[fi]
        if fig.rule == "added-total":
            continue  # its source is its parts' (below)
        if atts[fi] is None and prev is not None and atts[prev] is not None:
            gap = fig.sentence - figures[prev].sentence
            if gap in (0, 1) and W.CONTINUATION.search(context.sentences[fig.sentence].text):
                atts[fi] = atts[prev]
                rules[fi] = "+".join(dict.fromkeys([rules[prev].split("+")[0], R.CONTINUED]))
        prev = fi


def _restated(
    figures: list,
    order: list[int],
    atts: dict[int, Attribution | None],
    rules: dict[int, str],
) -> None:
    """A figure of the title or lead that nothing attributes is the figure the report goes on
    to attribute, when it gives the same count of the same figure ("Air strikes kill 12 in
    Idlib ... At least 12 civilians were killed, the Observatory said")."""
    # the first attributed whole figure of each (figure, count) after the lead sentence
    later: dict[tuple[str, int], int] = {}
    for fi in order:
        other = figures[fi]
        if atts[fi] is not None and other.part_of is None and other.sentence > 0:
            later.setdefault((other.figure, other.number.value), fi)
    for fi in order:
        fig = figures[fi]
        if atts[fi] is not None or fig.sentence > 0 or fig.part_of is not None:
            continue  # a part ("two of them children") restates nobody's toll
        found = later.get((fig.figure, fig.number.value))
        if found is not None:
            atts[fi] = atts[found]
            rules[fi] = "+".join(dict.fromkeys([R.RESTATED, *rules[found].split("+")[1:]]))


def _rule_of(att: Attribution | None, *extra: str) -> str:
    if att is None:
        return R.OWN_VOICE
    names = [att.found_by or R.SAID_BEFORE, *extra]
    if att.speaker.rule:
        names.extend(att.speaker.rule.split("+"))
    return "+".join(dict.fromkeys(n for n in names if n))


def run(context: Context) -> None:
    """Turn the figures into claims with their claimants."""
    figures = list(context.figures)
    if not figures:
        context.claims = []
        return
    order = sorted(range(len(figures)), key=lambda i: (figures[i].number.span.start, i))
    ids = {fi: f"c{n + 1}" for n, fi in enumerate(order)}
    table = attributions(context)
    quotes = find_quotes(context.text)
    atts = {
        fi: claimant_for(
            context,
            sentence=figures[fi].sentence,
            position=figures[fi].number.span.start,
            end=figures[fi].number.span.end,
            table=table,
            quotes=quotes,
        )
        for fi in order
    }
    rules = {fi: _rule_of(atts[fi]) for fi in order}
    _continued(context, figures, order, atts, rules)
    _restated(figures, order, atts, rules)
    parts_of: dict[int, list[int]] = {}
    for fi in order:
        if figures[fi].part_of is not None:
            parts_of.setdefault(figures[fi].part_of, []).append(fi)
    for fi in order:
        if figures[fi].rule == "added-total":
            # A total the report adds up from counts told apart ("18 killed, a monitor said.
            # Two more died, medics said") is one source's only when every part is that
            # source's; otherwise the sum is the report's own.
            parts = [atts[pi] for pi in parts_of.get(fi, [])]
            names = {a.speaker.name if a else None for a in parts}
            atts[fi] = parts[0] if len(names) == 1 and parts else None
            rules[fi] = (
                _rule_of(atts[fi], R.ADDED_TOTAL) if atts[fi] else R.OWN_VOICE + "+" + R.ADDED_TOTAL
            )
    claims: list[Claim] = []
    for fi in order:
        fig = figures[fi]
        num = fig.number
        att = atts[fi]
        part_of = ids.get(fig.part_of) if fig.part_of is not None else None
        claims.append(
            Claim(
                id=ids[fi],
                figure=fig.figure,
                value=num.value,
                low=num.low,
                high=num.high,
                qualifier=num.qualifier,
                count_text=num.span.text,
                victims=tuple(fig.victims),
                unit=fig.unit,
                part_of=part_of,
                claimant=att.speaker.name if att else None,
                claimant_text=(att.speaker.text or att.speaker.name) if att else None,
                claimant_kind=att.speaker.kind if att else None,
                incident=None,
                evidence=fig.evidence,
                count_span=num.span,
                claimant_cue=context.text[att.start : att.end] if att else None,
                is_update=fig.is_update,
                subset=fig.subset,
                total=fig.total,
                rule=f"figures.{fig.rule.replace('-', '_')}" if fig.rule else None,
                claimant_rule=rules[fi],
            )
        )
    context.claims = claims
