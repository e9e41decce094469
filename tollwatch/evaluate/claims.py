"""The ``claims`` task: every figure claim, its claimant and incident, and the incidents' facts.

Where the README leaves a choice, this module makes it:

- predictions are matched to gold claims with the same ``figure`` and ``value`` one to one, in
  text order, required gold claims before optional ones. ``claimant_acc``,
  ``incident_pair_acc`` and the incident scores use the claims matched to *required* gold
  claims (a match with an optional claim "counts neither way"). Two claims are in the same
  incident when both have one and it is the same (two situation figures are not).
- ``date_acc``: a gold null date (no date words for the incident) agrees with no date and with
  the publication date standing in (``date.basis`` "publication"), as the output contract
  gives such an incident.
- ``place_acc``: the predicted place's name or words are one of the gold names, and its admin1
  is the gold admin1, for whichever of the two the gold gives.
- ``blame_acc``: gold and predicted perpetrators pair one to one; a pair agrees when every
  word of the gold actor (singular or plural) is a word of the predicted actor and the
  ``alleged_by`` names agree as claimants do.
- names are compared with case, accents and punctuation aside.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from tollwatch.evaluate.common import (
    EvalDoc,
    Failure,
    Score,
    Tally,
    claim_str,
    claimants_agree,
    fold_name,
    incident_by_id,
    judge_rules,
    name_words,
    place_str,
)
from tollwatch.model import Claim, Perpetrator, PlaceRef, ReportRecord

CLAIMS_SCORES: tuple[str, ...] = (
    "claim_precision",
    "claim_recall",
    "claim_f1",
    "claimant_acc",
    "incident_pair_acc",
    "date_acc",
    "place_acc",
    "type_acc",
    "blame_acc",
)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def actor_agrees(gold_actor: str, predicted_actor: str) -> bool:
    """Every word of the gold actor (singular or plural) is a word of the predicted actor."""
    predicted = {_singular(w) for w in name_words(predicted_actor)}
    gold = [_singular(w) for w in name_words(gold_actor)]
    return bool(gold) and all(w in predicted for w in gold)


def match_claims(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Claim]
) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index) of claims with the same figure and value, one to one.

    Within one (figure, value), predictions pair with required gold claims first, in order,
    then with optional ones.
    """
    pairs: list[tuple[int, int]] = []
    gold_by_key: dict[tuple[str, int], list[int]] = {}
    for gi, g in enumerate(gold):
        gold_by_key.setdefault((str(g.get("figure")), int(g.get("value", -1))), []).append(gi)
    pred_by_key: dict[tuple[str, int], list[int]] = {}
    for pi, p in enumerate(predicted):
        pred_by_key.setdefault((p.figure, p.value), []).append(pi)
    for key, gis in gold_by_key.items():
        ordered = sorted(gis, key=lambda gi: (bool(gold[gi].get("optional")), gi))
        pairs.extend(zip(ordered, pred_by_key.get(key, []), strict=False))
    return sorted(pairs)


def _place_agrees(gold_place: Mapping[str, Any] | None, place: PlaceRef | None) -> bool:
    if not gold_place:
        return place is None
    if place is None:
        return False
    names = gold_place.get("name")
    if names:
        names = [names] if isinstance(names, str) else list(names)
        wanted = {fold_name(n) for n in names}
        if fold_name(place.name) not in wanted and fold_name(place.text or "") not in wanted:
            return False
    admin1 = gold_place.get("admin1")
    if admin1:
        accepted = [admin1] if isinstance(admin1, str) else list(admin1)
        if fold_name(place.admin1 or "") not in {fold_name(a) for a in accepted}:
            return False
    return True


def _blame_agrees(gold: Sequence[Mapping[str, Any]], predicted: Sequence[Perpetrator]) -> bool:
    if len(gold) != len(predicted):
        return False
    unused = list(predicted)
    for g in gold:
        hit = next(
            (
                p
                for p in unused
                if actor_agrees(str(g.get("actor", "")), p.actor)
                and claimants_agree(g.get("alleged_by"), p.alleged_by)
            ),
            None,
        )
        if hit is None:
            return False
        unused.remove(hit)
    return True


def score_claims(docs: Sequence[EvalDoc], preds: Mapping[str, ReportRecord]) -> dict[str, Score]:
    """claim_precision/recall/f1, claimant_acc, incident_pair_acc, date/place/type/blame_acc."""
    tp = n_required = n_predicted = 0
    pr_failures: list[Failure] = []
    rc_failures: list[Failure] = []
    claimant = Tally("claimant_acc")
    pairs = Tally("incident_pair_acc")
    dates, places, types, blames = (
        Tally("date_acc"),
        Tally("place_acc"),
        Tally("type_acc"),
        Tally("blame_acc"),
    )
    for doc in docs:
        record = preds.get(doc.doc_id)
        gold_claims = list(doc.gold.get("claims", []))
        gold_incidents = doc.gold.get("incidents", {}) or {}
        claims = list(record.claims) if record else []
        matched = match_claims(gold_claims, claims)
        required = [(gi, pi) for gi, pi in matched if not gold_claims[gi].get("optional")]
        optional_hits = len(matched) - len(required)
        tp += len(required)
        n_required += sum(1 for g in gold_claims if not g.get("optional"))
        n_predicted += len(claims) - optional_hits
        matched_pred = {pi for _, pi in matched}
        matched_gold = {gi for gi, _ in matched}
        optional_pred = {pi for gi, pi in matched if gold_claims[gi].get("optional")}
        for pi, c in enumerate(claims):
            if pi not in optional_pred:  # a match with an optional claim counts neither way
                judge_rules(c.rule, pi in matched_pred)
            if pi not in matched_pred:
                pr_failures.append(
                    Failure(doc_id=doc.doc_id, expected="no such claim", predicted=claim_str(c))
                )
        for gi, g in enumerate(gold_claims):
            if gi not in matched_gold and not g.get("optional"):
                rc_failures.append(
                    Failure(
                        doc_id=doc.doc_id,
                        expected=f"{g.get('figure')}={g.get('value')} per {g.get('claimant')}",
                        predicted="no claim with that figure and value",
                    )
                )
        for gi, pi in required:
            g, c = gold_claims[gi], claims[pi]
            claimant.add(
                claimants_agree(g.get("claimant"), c.claimant),
                doc_id=doc.doc_id,
                expected=f"{g.get('figure')}={g.get('value')} claimant {g.get('claimant')!r}",
                predicted=f"{claim_str(c)}: claimant {c.claimant!r}",
                rules=c.claimant_rule,
            )
        for (ga, pa), (gb, pb) in itertools.combinations(required, 2):
            gold_a, gold_b = gold_claims[ga].get("incident"), gold_claims[gb].get("incident")
            pred_a, pred_b = claims[pa].incident, claims[pb].incident
            gold_same = gold_a is not None and gold_a == gold_b
            pred_same = pred_a is not None and pred_a == pred_b
            pairs.add(
                gold_same == pred_same,
                doc_id=doc.doc_id,
                expected=f"{_gold_str(gold_claims[ga])} & {_gold_str(gold_claims[gb])}: "
                + ("same incident" if gold_same else "different incidents"),
                predicted=f"{claims[pa].id}:{pred_a} & {claims[pb].id}:{pred_b}",
                rules=(claims[pa].incident_rule, claims[pb].incident_rule),
            )
        for gi, pi in required:
            gid = gold_claims[gi].get("incident")
            if gid is None:
                continue
            gold_incident = gold_incidents.get(gid, {})
            c = claims[pi]
            inc = incident_by_id(record, c.incident)
            label = f"{_gold_str(gold_claims[gi])} ({gid}) as {c.id} ({c.incident})"
            gold_date = gold_incident.get("date")
            pred_date = inc.date.start.isoformat() if inc and inc.date and inc.date.start else None
            # A gold null date: the report gives no date words for the incident, which the
            # record says with the publication date on the basis "publication" (output.md).
            undated = inc is not None and inc.date is not None and inc.date.basis == "publication"
            dates.add(
                gold_date == pred_date or (gold_date is None and undated),
                doc_id=doc.doc_id,
                expected=f"{label}: {gold_date}",
                predicted=str(pred_date),
                rules=inc.date.rule if inc and inc.date else None,
            )
            pred_place = inc.place if inc else None
            places.add(
                _place_agrees(gold_incident.get("place"), pred_place),
                doc_id=doc.doc_id,
                expected=f"{label}: {gold_incident.get('place')}",
                predicted=place_str(pred_place),
                rules=pred_place.rule if pred_place else None,
            )
            gold_type = gold_incident.get("sub_event_type")
            pred_type = inc.sub_event_type if inc else None
            types.add(
                gold_type == pred_type,
                doc_id=doc.doc_id,
                expected=f"{label}: {gold_type}",
                predicted=str(pred_type),
                rules=inc.type_rule if inc else None,
            )
            gold_perps = list(gold_incident.get("perpetrators", []) or [])
            pred_perps = list(inc.perpetrators) if inc else []
            blames.add(
                _blame_agrees(gold_perps, pred_perps),
                doc_id=doc.doc_id,
                expected=f"{label}: {gold_perps}",
                predicted=str([p.to_dict() for p in pred_perps]),
                rules=[p.rule for p in pred_perps],
            )
    precision = tp / n_predicted if n_predicted else (1.0 if n_required == 0 else 0.0)
    recall = tp / n_required if n_required else None
    out = {
        "claim_precision": Score(
            name="claim_precision",
            value=precision,
            hits=tp,
            total=n_predicted,
            failures=tuple(pr_failures),
            note=None if n_predicted else "no claim predicted",
        ),
        "claim_recall": Score(
            name="claim_recall",
            value=recall,
            hits=tp,
            total=n_required,
            failures=tuple(rc_failures),
            note=None if n_required else "no required gold claim",
        ),
    }
    if recall is None:
        f1: float | None = None
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    out["claim_f1"] = Score(
        name="claim_f1",
        value=f1,
        hits=2 * tp,  # F1 = 2TP / (predicted + gold)
        total=n_predicted + n_required,
        failures=tuple(rc_failures + pr_failures),
    )
    for tally in (claimant, pairs, dates, places, types, blames):
        out[tally.name] = tally.score(empty_note="no matched claim to score")
    return out


def _gold_str(g: Mapping[str, Any]) -> str:
    return f"{g.get('figure')}={g.get('value')}"
