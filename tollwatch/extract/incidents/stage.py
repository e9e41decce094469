"""The ``incidents`` stage: group the claims, then give each incident its facts."""

from __future__ import annotations

from dataclasses import replace

from tollwatch.extract import dates as dates_stage
from tollwatch.extract import places as places_stage
from tollwatch.extract import sources
from tollwatch.extract.incidents import cues, facts, initial
from tollwatch.extract.incidents.grouping import Inc, group
from tollwatch.extract.incidents.situation import sentence_of
from tollwatch.extract.pipeline import Context, Stage
from tollwatch.model import Claim, Incident, Perpetrator

__all__ = ["STAGE", "run"]


def run(context: Context) -> None:
    """Group the claims into incidents and fill their type, blame, date, place and figures."""
    claims: list[Claim] = list(context.claims)
    # The figures stage marks rising tolls (``is_update``) and counts of some of the victims
    # ("six children were among the dead": ``subset``), typed on the claims.
    among = {c.id for c in claims if c.subset}
    grouping = group(context, claims, subsets=among)
    incs, of_claim, rising = grouping.incs, grouping.of_claim, grouping.update_of
    # Counts a first report gave are superseded too, but they pick no headline: the rising
    # tolls alone (``rising``) supersede what the report told before them.
    update_of = dict(rising)
    for inc in incs:
        initial.supersede_initial(inc.claims, update_of, grouping.why)
    table = sources.attributions(context)

    taken = {s for inc in incs for s in inc.sentences}
    if not incs:
        lead_inc = facts.claimless_lead(context)
        if lead_inc is not None:
            incs = [lead_inc]
            taken = set(lead_inc.sentences)
    starts = sorted((inc.first_sentence, inc.key) for inc in incs)
    ids = {key: f"i{n + 1}" for n, (_, key) in enumerate(starts)}
    incidents: list[Incident] = []
    first_claim: dict[str, int] = {}
    killed: dict[str, int] = {}
    for n, (_, key) in enumerate(starts):
        inc = incs[key]
        limit = starts[n + 1][0] if n + 1 < len(starts) else len(context.sentences)
        extra = facts.context_sentences(context, inc, taken, limit)
        mentions = list(inc.mentions)
        for j in extra:
            mentions.extend(m for m in context.events if m.sentence == j)
        best = facts.type_mention(context, inc, mentions, taken, lead=n == 0)
        # The claims' own sentences first: they say when and where best.
        sentences = sorted(inc.sentences) + sorted(set(extra) - inc.sentences)
        final_claims = [
            replace(c, incident=ids[key], update_of=update_of.get(c.id, c.update_of))
            for c in inc.claims
        ]
        perps = facts.perpetrators_of(
            context, sorted(sentences), table, within=facts.told_within(inc, sentences, taken)
        )
        if grouping.cuts:
            perps = _own_side(context, perps, inc, grouping.cuts)
        if not perps and incidents and facts.also_new_place(context, inc, grouping.why):
            # "Air strikes also killed four in X": the actor of the incident before
            perps = facts.also_actor(incidents[-1].perpetrators)
        if not perps and best is not None:
            others = {s for other in incs if other is not inc for s in other.sentences}
            perps = facts.report_perpetrators(context, best, others)
        incident = Incident(
            id=ids[key],
            event_type=best.event_type if best else None,
            sub_event_type=best.sub_event_type if best else None,
            date=dates_stage.date_for(context, sentences, lead=_lead_rest(inc, taken, n)),
            place=places_stage.place_for(context, sentences),
            perpetrators=perps,
            headline=facts.headline(final_claims, rising, subsets=among),
            estimates=facts.estimates(final_claims),
            evidence=best.span if best else None,
            type_rule=best.rule if best else None,
        )
        incidents.append(incident)
        tolls = [c for c in final_claims if c.figure == "killed"]
        if tolls:
            killed[incident.id] = min((c.count_span or c.evidence).start for c in tolls)
        if final_claims:
            first_claim[incident.id] = min(
                (c.count_span or c.evidence).start for c in (tolls or final_claims)
            )
    incidents = _sums_take_their_parts(incidents, {ids[i.key] for i in incs if i.closed})
    # Put the claims back in text order with their incidents and the rule that placed them.
    new_claims: list[Claim] = []
    for c in claims:
        rule = grouping.why.get(c.id, c.incident_rule)
        if c.id in of_claim:
            key = of_claim[c.id]
            new_claims.append(
                replace(
                    c,
                    incident=ids[key],
                    update_of=update_of.get(c.id, c.update_of),
                    incident_rule=rule,
                )
            )
        else:
            # A situation figure has no incident but may have a place ("displaced in Idlib").
            where = places_stage.place_for(
                context, [sentence_of(context, (c.count_span or c.evidence).start)]
            )
            new_claims.append(replace(c, incident=None, place=where, incident_rule=rule))
    context.claims = new_claims
    context.incidents = incidents
    if context.report.published is None:
        undated = [i.id for i in incidents if i.date is None]
        if undated:
            context.notes.append(
                f"no date for {', '.join(undated)}: the report gives no date words for "
                f"{'it' if len(undated) == 1 else 'them'} and has no publication date"
            )
    context.main_incident = facts.main(incidents, first_claim, killed)


def _sums_take_their_parts(incidents: list[Incident], sums: set[str]) -> list[Incident]:
    """A toll summed over several attacks that names no actor, or only says "killed", takes
    the blame and the type of the attacks told after it (``incidents.sum_blame``,
    ``incidents.sum_type``): they are what it sums."""
    if not sums:
        return incidents
    out = list(incidents)
    for n, inc in enumerate(incidents):
        if inc.id not in sums:
            continue
        parts = [i for i in incidents[n + 1 :] if i.id not in sums]
        if not parts:
            continue
        perps = inc.perpetrators
        if not perps:
            found = [p for i in parts for p in i.perpetrators]
            perps = tuple(
                replace(
                    p, rule=f"{p.rule}+{cues.SUM_BLAME.name}" if p.rule else cues.SUM_BLAME.name
                )
                for p in facts.merge(found)
            )
        typed = next((i for i in parts if i.sub_event_type and i.sub_event_type != "Attack"), None)
        retype = typed is not None and inc.sub_event_type in (None, "Attack")
        out[n] = replace(
            inc,
            perpetrators=perps,
            event_type=typed.event_type if retype else inc.event_type,
            sub_event_type=typed.sub_event_type if retype else inc.sub_event_type,
            type_rule=f"{typed.type_rule}+{cues.SUM_TYPE.name}" if retype else inc.type_rule,
        )
    return out


def _own_side(
    context: Context, perps: tuple[Perpetrator, ...], inc: Inc, cuts: dict[int, int]
) -> tuple[Perpetrator, ...]:
    """Of a sentence "Meanwhile" splits in two, only the actors named on the incident's own
    side ("... in Aleppo city Meanwhile in Damascus one was hurt by rounds fired by X")."""
    keep = []
    for p in perps:
        at = p.evidence.start if p.evidence is not None else None
        s = next(
            (
                j
                for j in cuts
                if at is not None and context.sentences[j].start <= at < context.sentences[j].end
            ),
            None,
        )
        if s is None or any(u.sentence == s and u.start <= at < u.end for u in inc.units):
            keep.append(p)
    return tuple(keep)


_LEAD = 3  # sentences of the lead: the title line and the first paragraph's first two


def _lead_rest(inc: Inc, taken: set[int], n: int) -> list[int]:
    """For the report's first incident, when it is told in the lead, the other sentences of
    the lead that no incident holds: a title ("Air strikes kill 8 militants") is dated by
    the lead that tells it ("... fired on them on Saturday"), after its own sentences."""
    if n != 0 or inc.first_sentence >= _LEAD:
        return []
    return [j for j in range(_LEAD) if j not in taken and j not in inc.sentences]


STAGE = Stage(
    name="incidents",
    requires=("claims", "places", "dates", "events"),
    provides=("incidents", "main_incident"),
    run=run,
)
