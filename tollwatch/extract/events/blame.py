"""Blame: who an event's words say did it, and who says so.

Perpetrators come from the words around an event (cheap patterns over the raw text), each
way a registered rule (``Perpetrator.rule``, :mod:`.rules`):

- ``events.blamed``: "X blamed Y for the attack", "an airstrike activists blamed on the
  government", "X accused Y of ..." (``alleged_by`` X);
- ``events.claimed``: "Y claimed responsibility", "claimed by Y" (``alleged_by`` Y itself);
- ``events.agent``: "carried out by X", "killed in strikes by Russian jets";
- ``events.opponent``: "killed in clashes with IS";
- ``events.between``: "clashes between regime forces and IS" (both sides);
- ``events.belong``: "jets believed to be Russian";
- ``events.either`` (:mod:`.either`): "unclear whether the jets were Syrian or Russian";
- ``events.premodifier``: "Russian air strikes", "regime barrel bombs";
- ``events.subject``: "government forces shelled ...";
- ``events.means``: barrel bombs dropped from helicopters: only the state has them.

``alleged_by`` is whoever the sentence attributes its words to (a claimant resolved through
the report: canonical names, "the monitor" → the Observatory), ``None`` for the report's own
voice. Actors resolve through the actors catalogue (:mod:`tollwatch.extract.actors`), generic
state words to the report's country's forces.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import replace

from tollwatch.extract import actors, sources
from tollwatch.extract.events import rules as R
from tollwatch.extract.events.either import EITHER_RE, either
from tollwatch.extract.lexicons import find_event_cues
from tollwatch.extract.pipeline import Context
from tollwatch.model import Perpetrator, Span

__all__ = ["campaign", "find_perpetrators", "report_country"]


def report_country(context: Context) -> str | None:
    """The country the report is about: the country most of its towns and provinces are in
    (the state words "the army", "government forces" name that country's forces); countries
    named as such count only when it names nothing finer ("Russia" in a war report is more
    often an actor than a place). None when it names no place."""
    key = "events.report_country"
    if key in context.cache:
        return context.cache[key]
    finer: dict[str, int] = {}
    whole: dict[str, int] = {}
    for m in context.places:
        if not getattr(m, "eventlike", True):
            continue  # "the Britain-based monitor": not where things happen
        place = getattr(m, "place", None)
        cc = getattr(place, "country", None) if place is not None else None
        if cc:
            counts = whole if getattr(m, "kind", None) == "country" else finer
            counts[cc] = counts.get(cc, 0) + 1
    counts = finer or whole
    country = max(sorted(counts), key=lambda c: counts[c]) if counts else None
    context.cache[key] = country
    return country


def _span(context: Context, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=context.text[start:end])


_BLAME_RE = re.compile(
    r"(?<![\w-])(?:blamed|blames|blaming|accused|accuses|accusing|held)(?![\w-])", re.IGNORECASE
)
_CLAIMED_RE = re.compile(
    r"(?<![\w-])(?:claimed|claims|has claimed|admitted) responsibility", re.IGNORECASE
)
_CLAIMED_BY_RE = re.compile(r"(?<![\w-])claimed by(?![\w-])", re.IGNORECASE)
_BY_RE = re.compile(r"(?<![\w-])by(?![\w-])", re.IGNORECASE)
# "by X" names who did it after these words (and after an event word).
_AGENT_VERBS = re.compile(
    r"(?:carried out|launched|conducted|fired|dropped|committed|perpetrated|staged|waged|caused"
    r"|killed|hit|struck|targeted|shelled|bombed|attacked|shot|executed|kidnapped|abducted"
    r"|seized|stormed|beheaded|massacred|wounded|injured|destroyed|pounded|ambushed|led"
    r"|operations?|sorties|campaign|offensive|assault|attacks?|fire|strikes?|raids?|bombardment|shelling)"
    r"(?:\s+[\w-]+){0,2}\s*$",
    re.IGNORECASE,
)
_WHETHER = re.compile(r"(?<![\w-])whether(?![\w-])", re.IGNORECASE)
# "backed by Russia", "run by the opposition": "by" that does not name who did it.
_NOT_AGENT = re.compile(
    r"(?:backed|supported|run|held|controlled|displaced|given|reported|documented|recorded"
    r"|cited|confirmed|compiled|published|funded|armed|trained|surrounded|besieged|followed"
    r"|accompanied|joined|replaced|organi[sz]ed|used)\s*$",
    re.IGNORECASE,
)


def _actor_perpetrators(
    context: Context,
    phrase: str,
    start: int,
    end: int,
    alleged_by: str | None,
    rule: str,
) -> list[Perpetrator]:
    """The perpetrators an actor phrase names: its actor, or each of the actors it joins
    ("Syrian government or Russian war planes", "Russian and Syrian jets")."""
    return [
        Perpetrator(
            actor=actor.name,
            actor_kind=actor.kind,
            alleged_by=alleged_by,
            evidence=_span(context, start, end),
            rule=rule,
        )
        for actor in actors.resolve_all(phrase, country=report_country(context))
    ]


_OPPONENT_RE = re.compile(
    r"(?<![\w-])(?:killed|died|dead|wounded|injured)\s+(?:[\w-]+\s+){0,3}?(?:in\s+)?(?:clashes|fighting|battles?|gunfights?|confrontations)\s+(?:with|against)(?![\w-])",
    re.IGNORECASE,
)
_BETWEEN_RE = re.compile(
    r"(?<![\w-])(?:clashes|clashed|fighting|battles?|infighting|confrontations)\s+(?:between|among|pitting)(?![\w-])",
    re.IGNORECASE,
)
# What follows a killing verb used passively ("killed in", "killed by", "killed."); an active
# one takes its victims next ("killed 33 people", "kills dozens").
_PASSIVE_AFTER = re.compile(
    r"\s*(?:$|[,.;:!?\"“”()-]|at\b(?!\s+least)|(?:in|on|by|when|as|after|during|while|since|near|and|or"
    r"|overnight|yesterday|today|early|late|last|this)\b)",
    re.IGNORECASE,
)
_BELONG_RE = re.compile(
    r"(?<![\w-])(?:belong(?:s|ing|ed)? to|believed to (?:be|belong to|have been)|thought to (?:be|belong to)"
    r"|suspected (?:to be|of being)|(?:apparently|probably|likely) (?:by|from))(?![\w-])",
    re.IGNORECASE,
)
# An actor named right before these words is where something happened or whom it hit.
_TARGET_BEFORE = re.compile(
    r"(?:\b(?:on|against|in|at|near|of|toward|towards|from|into|inside|targeting|targeted|hit|struck"
    r"|killing|killed|with|between|and|among|including|said|told)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,1})$",
    re.IGNORECASE,
)
_SPEECH_AFTER = re.compile(
    r"^\s+(?:\w+\s+)?(?:said|says|told|reported|claimed|announced|accused|blamed)\b", re.IGNORECASE
)


# A verb of attack right before an actor's words makes them its object ("Syrian jets pound
# IS positions"), not who did something.
_OBJECT_OF = re.compile(
    r"(?<![\w-])(?:pound(?:s|ed|ing)?|bomb(?:s|ed|ing)?|shell(?:s|ed|ing)?|hit(?:s|ting)?"
    r"|struck|strikes?|target(?:s|ed|ing)?|attack(?:s|ed|ing)?|repel(?:s|led|ling)?"
    r"|foil(?:s|ed|ing)?|thwart(?:s|ed|ing)?|ambush(?:es|ed|ing)?|repuls(?:e|es|ed|ing)"
    r"|halt(?:s|ed|ing)?|stop(?:s|ped|ping)?|push(?:es|ed|ing)? back|fend(?:s|ed|ing)? off"
    r"|beat(?:s|ing)? back|(?:an?|the) (?:attack|raid|strike|offensive) on)\s+"
    r"(?:(?:the|an?|an attempted|a major|a new|a fresh)\s+)?$",
    re.IGNORECASE,
)


_VERB_IN_PHRASE = re.compile(
    r"(?<![\w-])(?:pound(?:s|ed)?|shell(?:s|ed)|bomb(?:s|ed)|hits|struck|target(?:s|ed)"
    r"|repel(?:s|led)?|foil(?:s|ed)?|thwart(?:s|ed)?|ambush(?:es|ed)|repuls(?:e|es|ed)"
    r"|halt(?:s|ed)|stop(?:s|ped))\s+(?:(?:the|an?)\s+)?",
    re.IGNORECASE,
)


def _premodifier_actors(context: Context, lo: int, s0: int, e0: int) -> list[Perpetrator]:
    """The actors in the words right before an event word: "Russian air strikes", "Syrian
    regime bombardment", "US-led coalition warplanes", not the target of a verb before them
    ("jets pounded IS positions")."""
    text = context.text
    np = sources.speaker_before(text, lo, s0)
    if np is not None:
        toks = list(re.finditer(r"\S+", text[np[0] : np[1]]))
        if len(toks) > 4:  # only the words that modify the event word
            np = (np[0] + toks[-4].start(), np[1])
        if _OBJECT_OF.search(text[lo : np[0]]):
            return []
        # A headline's words run together ("Syrian Jets Pound ISIS Offensive"): after a verb
        # of attack, the words before the event word are its object.
        if _VERB_IN_PHRASE.search(text, np[0], s0) is not None:
            return []
        found = _actor_perpetrators(context, text[np[0] : e0], np[0], e0, None, R.PREMODIFIER)
        if found:
            return found
    return _actor_perpetrators(context, text[s0:e0], s0, e0, None, R.PREMODIFIER)


# When an actor acted, between it and its verb's object ("terrorists fired at dawn several
# shells", "the army shelled on Monday the village"): not a place the actor stands in.
_WHEN_WORDS = re.compile(
    r"\b(?:at (?:dawn|dusk|night|noon|midnight|daybreak)|on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"(?: (?:morning|afternoon|evening|night))?|in the (?:morning|afternoon|evening|night))\b",
    re.IGNORECASE,
)


_LOWER_WORD = re.compile(r"(?<![\w-])[a-z]")
_WORD = re.compile(r"\w")


def _subject_actor(context: Context, lo: int, s0: int) -> Perpetrator | None:
    """An actor that is the subject of the event's clause: "regime forces have continued
    their bombardment", "troops allied to the regime stepped up attacks"."""
    text = context.text
    start = max(lo, s0 - 70)
    window = text[start:s0]
    # Stay in the clause: after the last clause break.
    brk = max(window.rfind(c) for c in (",", ";", ":", '"', "“", "”", " - ", "("))
    if brk >= 0:
        start += brk + 1
        window = text[start:s0]
    best: Perpetrator | None = None
    for m in actors.find(window, country=report_country(context)):
        if True:
            actor = m.actor
            before = window[: m.start]
            # "the army and its allies shelled": the allies are on the same side.
            after = re.sub(
                r"^\s+and (?:its |their )?(?:allies|allied (?:forces|militias|fighters))",
                "",
                window[m.end :],
            )
            if _TARGET_BEFORE.search(before) or _SPEECH_AFTER.match(after):
                continue
            if _WORD.search(after) and (not _LOWER_WORD.search(after) or find_event_cues(after)):
                # "Tags IS Syria airstrikes", "IS Syria airstrikes overnight airstrikes": names
                # in a row with no verb of the actor's, or event words of their own between
                continue
            if _OBJECT_OF.search(before):
                continue  # "troops foiled an ISIS offensive": the attacked side's offensive
            if re.search(
                r"\b(?:on|against|in|at|near|of|said|told|and|but|while|as|when|after)\b",
                _WHEN_WORDS.sub(" ", after),
                re.IGNORECASE,
            ):
                continue
            if re.search(r"\b(?:was|were|been|being|is|are)\b", after, re.IGNORECASE):
                continue  # "regime forces were killed": a passive's subject is the victim
            p = Perpetrator(
                actor=actor.name,
                actor_kind=actor.kind,
                alleged_by=None,
                evidence=_span(context, start + m.start, start + m.end),
                rule=R.SUBJECT,
            )
            if best is None or (
                p.evidence and best.evidence and p.evidence.start > best.evidence.start
            ):
                best = p
    return best


def _np_after(text: str, start: int, hi: int) -> tuple[int, int] | None:
    """The actor phrase after ``start``: up to a clause boundary or "for"/"of"/"on"."""
    m = re.match(
        r"\s*(.{1,80}?)(?=\s+(?:for|on|over|after|in|with|that|who|which|as|because|and then"
        r"|near|at|backed|supported|aided|said|says|according|while|when|during|since|under|into|to)\b"
        r"|\s+of\s+(?![A-Z])|[,.;:\"“”()]|$)",
        text[start:hi],
    )
    if not m:  # no boundary near: the first words will do
        m = re.match(r"\s*(.{1,60})(?=\s)", text[start:hi])
    if not m:
        return None
    s = start + m.start(1)
    return (s, s + len(m.group(1)))


def _blame_subject(context: Context, sentence: int, lo: int, verb_start: int) -> str | None:
    """Who blames: the subject before "blamed"/"accused", resolved through the report as a
    claimant is ("the monitor" is the Observatory named before); None for a pronoun or no
    subject (the sentence's speaker is then the blamer)."""
    text = context.text
    span = sources.speaker_before(text, lo, verb_start)
    if span is None:
        return None
    phrase = text[span[0] : span[1]]
    # "An airstrike activists blamed on ...": the event words are not the blamer.
    cues = find_event_cues(phrase)
    if cues:
        last_end = max(e for _, e, _ in cues)
        phrase = phrase[last_end:].strip()
    if not phrase:
        return None
    if phrase.lower() in {"he", "she", "it", "they"}:
        return None
    speaker = sources.speaker_from_phrase(phrase)
    if speaker is None or speaker.kind == "pronoun":
        return None
    start = verb_start - len(phrase)
    speaker = sources.describes(context, speaker, start, verb_start) or speaker
    return speaker.name


# Perpetrators depend only on the report text and its sentences; two stages ask for them.
_CACHE_LOCK = threading.Lock()
_PERPETRATORS: OrderedDict[tuple[str, int, int], list[tuple[int, Perpetrator]]] = OrderedDict()


def find_perpetrators(
    context: Context,
    sentence: int,
    *,
    table: dict[int, list[sources.Attribution]] | None = None,
) -> list[tuple[int, Perpetrator]]:
    """The actors a sentence blames or names as doing something: (position, perpetrator).

    The position is where the actor's words stand, so each can be tied to the nearest event.
    The result is shared (cached per report text and sentence): do not change it.
    """
    key = (context.report.id, len(context.sentences), sentence)
    # The report's own cache first: a batch of long reports passes each stage in turn
    # (run_many) and can outgrow the shared cache below between the events and incidents.
    mine: dict[tuple[str, int, int], list[tuple[int, Perpetrator]]] = context.cache.setdefault(
        "events.perpetrators", {}
    )
    cached = mine.get(key)
    if cached is None:
        with _CACHE_LOCK:
            cached = _PERPETRATORS.get(key)
    if cached is not None:
        mine[key] = cached
        return cached
    out = [] if campaign(context, sentence) else _find_perpetrators(context, sentence, table=table)
    mine[key] = out
    with _CACHE_LOCK:
        _PERPETRATORS[key] = out
        while len(_PERPETRATORS) > 2000:
            _PERPETRATORS.popitem(last=False)
    return out


# Words of a campaign or a habit, not of one event: "is regularly bombed by", "air strikes have
# intensified since September", "for months", "almost daily".
_CAMPAIGN = re.compile(
    r"(?<![\w-])(?:regularly|routinely|frequently|(?:almost |nearly )?daily|constantly"
    r"|(?:has|have|had) (?:been )?(?:intensified|escalated|stepped up|increased))(?![\w-])",
    re.IGNORECASE,
)


def campaign(context: Context, sentence: int) -> bool:
    """Does the sentence tell of a campaign or a habit ("Idlib is regularly bombed by Syrian
    and Russian jets") and give no toll of its own? Its actors are the war's background,
    not who carried out the report's incidents: the sentence blames nobody
    (``events.campaign``)."""
    if _CAMPAIGN.search(context.sentences[sentence].text) is None:
        return False
    key = "events.toll_sentences"
    tolls = context.cache.get(key)
    if tolls is None:
        starts = [s.start for s in context.sentences]
        tolls = {
            bisect_right(starts, (c.count_span or c.evidence).start) - 1
            for c in context.claims
            if c.figure in {"killed", "injured"}
        }
        context.cache[key] = tolls
    return sentence not in tolls


def _add_self_claim(
    context: Context, out: list[tuple[int, Perpetrator]], start: int, end: int, evidence_end: int
) -> None:
    """An actor claiming an attack itself ("Islamic State claimed responsibility", "claimed
    by the group"): the actor named at ``start:end`` is both perpetrator and who says so."""
    phrase = context.text[start:end]
    actor = actors.resolve(phrase, country=report_country(context))
    if actor:
        # the actor says it itself: its name as the sources catalogue has it
        speaker = sources.speaker_from_phrase(phrase)
        perp = Perpetrator(
            actor=actor.name,
            actor_kind=actor.kind,
            alleged_by=speaker.name if speaker else sources.strip_det(phrase),
            evidence=_span(context, start, evidence_end),
            rule=R.CLAIMED,
        )
        out.append((start, perp))


def _find_perpetrators(
    context: Context,
    sentence: int,
    *,
    table: dict[int, list[sources.Attribution]] | None = None,
) -> list[tuple[int, Perpetrator]]:
    text = context.text
    sent = context.sentences[sentence]
    lo, hi = sent.start, sent.end
    out: list[tuple[int, Perpetrator]] = []

    def speaker_at(pos: int) -> str | None:
        att = sources.claimant_for(context, sentence=sentence, position=pos, table=table)
        return att.speaker.name if att else None

    # Blame: "X blamed Y for ...", "... X blamed on Y", "X accused Y of ...".
    for m in _BLAME_RE.finditer(text, lo, hi):
        after = text[m.end() : hi]
        # "held" blames only in "held X responsible"; "a checkpoint held by the SDF",
        # "areas held by rebels" say who controls a place, and that side is usually the
        # one attacked.
        if m.group().lower() == "held" and not re.match(
            r"[^.;:]{1,80}?\b(?:responsible|accountable|liable)\b", after, re.IGNORECASE
        ):
            continue
        alleged = _blame_subject(context, sentence, lo, m.start())
        if alleged is None:
            # "X put the toll at 45 and blamed Y", "..., the monitor said, blaming Y": the
            # blamer is who the sentence's words are attributed to.
            alleged = speaker_at(m.start())
        on = re.match(r"\s+(?:by\s+(?P<by>[^,.;]{1,60}?)\s+)?on\s+", after)
        if on:  # "blamed on the government" (passive: the blamer is before or after "by")
            if on.group("by"):
                sp = sources.speaker_from_phrase(on.group("by"))
                alleged = sp.name if sp else alleged
            np = _np_after(text, m.end() + on.end(), hi)
        else:
            np = _np_after(text, m.end(), hi)
        if np is None:
            continue
        phrase = text[np[0] : np[1]]
        if re.match(r"\s*(?:the )?(?:responsibility|blame)\b", phrase):
            continue
        # "Y was blamed for": the actor is before the verb and the report does not say who.
        if re.match(r"\s*for\b", after) and re.search(
            r"\b(?:was|were|is|are|been|being)\s*$", text[lo : m.start()]
        ):
            subj = sources.speaker_before(
                text,
                lo,
                re.search(r"\b(?:was|were|is|are|been|being)\s*$", text[lo : m.start()]).start()
                + lo,
            )
            if subj:
                for p in _actor_perpetrators(
                    context, text[subj[0] : subj[1]], subj[0], subj[1], None, R.BLAMED
                ):
                    out.append((subj[0], p))
            continue
        for p in _actor_perpetrators(context, phrase, np[0], np[1], alleged, R.BLAMED):
            out.append((np[0], p))
    # "X claimed responsibility": the actor says so itself.
    for m in _CLAIMED_RE.finditer(text, lo, hi):
        subj = sources.speaker_before(text, lo, m.start())
        if subj:
            _add_self_claim(context, out, subj[0], subj[1], m.end())
    for m in _CLAIMED_BY_RE.finditer(text, lo, hi):
        np = _np_after(text, m.end(), hi)
        if np:
            _add_self_claim(context, out, np[0], np[1], np[1])
    # Agents: "carried out by X", "killed in strikes by Russian jets".
    cues = find_event_cues(text[lo:hi])
    cue_ends = {lo + e for _, e, _ in cues}
    for m in _BY_RE.finditer(text, lo, hi):
        before = text[max(lo, m.start() - 40) : m.start()]
        if _NOT_AGENT.search(before):
            continue
        if _WHETHER.search(text, lo, m.start()):
            # "it determines whether strikes were carried out by Syrian or Russian jets": a
            # question, not an allegation (the speaker who hesitates: events.either)
            continue
        if not (
            _AGENT_VERBS.search(before)
            or (m.start() - 1) in cue_ends
            or m.start() - 1 in {e + 0 for e in cue_ends}
        ):
            continue
        np = _np_after(text, m.end(), hi)
        if np is None:
            continue
        for p in _actor_perpetrators(
            context, text[np[0] : np[1]], np[0], np[1], speaker_at(np[0]), R.AGENT
        ):
            out.append((np[0], p))
    # "killed in clashes with IS": the other side of a fight killed them.
    for m in _OPPONENT_RE.finditer(text, lo, hi):
        np = _np_after(text, m.end(), hi)
        if np is None:
            continue
        for p in _actor_perpetrators(
            context, text[np[0] : np[1]], np[0], np[1], speaker_at(np[0]), R.OPPONENT
        ):
            out.append((np[0], p))
    # "clashes between regime forces and IS": both sides fought.
    # The sides are every actor the phrase names, found as whole names ("the Islamic State of
    # Iraq and the Levant and the Nusra Front": not split at each "and").
    for m in _BETWEEN_RE.finditer(text, lo, hi):
        rest = text[m.end() : hi]
        stop = re.search(r"[,.;:]|\b(?:in|on|near|at|since|after|killed|left|have|has)\b", rest)
        phrase_end = m.end() + (stop.start() if stop else len(rest))
        alleged = speaker_at(m.start())
        sides: set[str] = set()
        for found in actors.find(text[m.end() : phrase_end], country=report_country(context)):
            if found.patron or found.actor.name in sides:
                continue
            sides.add(found.actor.name)
            ps = m.end() + found.start
            p = Perpetrator(
                actor=found.actor.name,
                actor_kind=found.actor.kind,
                alleged_by=alleged,
                evidence=_span(context, ps, m.end() + found.end),
                rule=R.BETWEEN,
            )
            out.append((ps, p))
    # "it was unclear whether the strikes were carried out by Syrian or Russian jets": each
    # of the actors the speaker hesitates between.
    for m in EITHER_RE.finditer(text, lo, hi):
        alleged = speaker_at(m.end())
        for ps, p in either(context, m.end(), hi, alleged, country=report_country(context)):
            out.append((ps, p))
    # "jets believed to be Russian", "planes thought to belong to the government".
    for m in _BELONG_RE.finditer(text, lo, hi):
        np = _np_after(text, m.end(), hi)
        if np is None:
            continue
        for p in _actor_perpetrators(
            context, text[np[0] : np[1]], np[0], np[1], speaker_at(np[0]), R.BELONG
        ):
            out.append((np[0], p))
    # Premodifiers and subjects: "Russian air strikes", "regime forces shelled".
    for cs, ce, cue in cues:
        s0, e0 = lo + cs, lo + ce
        own = text[s0:e0]
        if cue.kill_verb and _PASSIVE_AFTER.match(text, e0, hi):
            continue  # "47 fighters killed in a blast": who stands before was killed
        if _WHETHER.search(text, lo, s0) and not EITHER_RE.search(text, lo, s0):
            continue  # "... determines whether they were Russian or coalition aircraft"
        found = _premodifier_actors(context, lo, s0, e0)
        if not found:
            subject = _subject_actor(context, lo, s0)
            found = [subject] if subject is not None else []
        if (
            not found
            and cue.sub_event_type == "Air/drone strike"
            and re.search(r"barrel[- ]bomb|helicopter", own, re.IGNORECASE)
        ):
            # Only the state drops barrel bombs from helicopters in a civil war.
            found = _actor_perpetrators(context, "government", s0, e0, None, R.MEANS)
        for p in found:
            start = p.evidence.start if p.evidence else s0
            out.append((start, replace(p, alleged_by=speaker_at(s0))))
    # One perpetrator per actor and blamer.
    # Of two mentions of one actor by one blamer, the more direct ("whether X or Y carried
    # it out" over "X warplanes"), in the place of the first.
    unique: dict[tuple[str, str | None], tuple[int, Perpetrator]] = {}
    for pos, p in sorted(out, key=lambda x: x[0]):
        key = (p.actor, p.alleged_by)
        have = unique.get(key)
        if have is None:
            unique[key] = (pos, p)
        elif _rule_strength(p) > _rule_strength(have[1]):
            unique[key] = (have[0], p)
    return list(unique.values())


def _rule_strength(p: Perpetrator) -> int:
    return R.STRENGTH.get((p.rule or "").split("+")[0], 1)
