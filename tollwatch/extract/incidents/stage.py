"""The ``incidents`` stage: group the claims, then give each incident its facts."""

from __future__ import annotations

from dataclasses import replace

from tollwatch.extract import dates as dates_stage
from tollwatch.extract import places as places_stage
from tollwatch.extract import sources
from tollwatch.extract.incidents import facts
from tollwatch.extract.incidents.grouping import Inc, group
from tollwatch.extract.incidents.situation import sentence_of
from tollwatch.extract.pipeline import Context, Stage
from tollwatch.model import Claim, Incident

__all__ = ["STAGE", "run"]


def run(context: Context) -> None:
    """Group the claims into incidents and fill their type, blame, date, place and figures."""
    claims: list[Claim] = list(context.claims)
    # The figures stage marks rising tolls (``is_update``) and counts of some of the victims
    # ("six children were among the dead": ``subset``), typed on the claims.
    among = {c.id for c in claims if c.subset}
    grouping = group(context, claims, subsets=among)
    incs, of_claim, update_of = grouping.incs, grouping.of_claim, grouping.update_of
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
        perps = facts.perpetrators_of(context, sorted(sentences), table)
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
            headline=facts.headline(final_claims, update_of, subsets=among),
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
