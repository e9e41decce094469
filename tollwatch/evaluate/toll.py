"""The ``toll`` task (FA-KES): the headline killed figure, cause, actor, governorate, linking."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from tollwatch.evaluate.common import (
    EvalDoc,
    Failure,
    Score,
    Tally,
    claim_by_id,
    claim_str,
    fold_name,
    main_incident,
    place_str,
)
from tollwatch.model import Perpetrator, ReportRecord

TOLL_SCORES: tuple[str, ...] = (
    "killed_headline_exact",
    "killed_recall",
    "cause_acc",
    "actor_acc",
    "admin1_acc",
    "group_pair_f1",
)

# FA-KES causes and the ACLED sub-event types each one covers (the README's mapping).
CAUSE_SUB_EVENTS: dict[str, frozenset[str]] = {
    "shelling": frozenset({"Air/drone strike", "Shelling/artillery/missile attack"}),
    "explosion": frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"}),
    "chemical": frozenset({"Chemical weapon"}),
    "shooting": frozenset({"Armed clash", "Attack"}),
    "execution": frozenset({"Attack"}),
}
# FA-KES actors, by the words that name them in the gold and in our perpetrators. Order
# matters: the first class whose words appear wins ("Islamic State" before "state").
ACTOR_CLASSES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "isis",
        ("isis", "isil", "islamic state", "daesh", "daish", "is militants", "is fighters"),
    ),
    (
        "nusra",
        (
            "nusra",
            "fateh al sham",
            "fatah al sham",
            "tahrir al sham",
            "hts",
            "hayat tahrir",
            "hayat tahrir al sham",
        ),
    ),
    (
        "sdf",
        (
            "self administration",
            "sdf",
            "syrian democratic forces",
            "ypg",
            "ypj",
            "kurdish",
            "kurds",
            "asayish",
            "pyd",
        ),
    ),
    (
        "coalition",
        (
            "coalition",
            "us led",
            "u s led",
            "american",
            "us forces",
            "u s forces",
            "us warplanes",
            "us aircraft",
            "french",
            "british",
            "pentagon",
        ),
    ),
    (
        "government",
        (
            "syrian government",
            "government",
            "regime",
            "syrian army",
            "assad",
            "russia",
            "russian",
            "pro government",
            "loyalist",
            "state forces",
            "syrian arab army",
            "national defence forces",
            "ndf",
        ),
    ),
    (
        "opposition",
        (
            "armed opposition",
            "opposition",
            "rebel",
            "rebels",
            "free syrian army",
            "fsa",
            "insurgents",
            "jaish al islam",
            "ahrar al sham",
            "faylaq al rahman",
        ),
    ),
)
# When the actor's words name no class, the kind the extractor gave it decides.
ACTOR_KIND_CLASSES: dict[str, str] = {
    "state": "government",
    "rebel": "opposition",
    "coalition": "coalition",
    "kurdish": "sdf",
}


def actor_class(text: str) -> str | None:
    """The FA-KES actor class a name belongs to (government, isis, coalition, …), or None."""
    folded = " " + fold_name(text) + " "
    for cls, cues in ACTOR_CLASSES:
        if any(f" {cue} " in folded for cue in cues):
            return cls
    return None


def perpetrator_class(perp: Perpetrator) -> str | None:
    """The FA-KES actor class of a predicted perpetrator: by its words, else by its kind."""
    return actor_class(perp.actor) or ACTOR_KIND_CLASSES.get(perp.actor_kind or "")


def cause_class(cause: str) -> str | None:
    """The key of :data:`CAUSE_SUB_EVENTS` for a gold FA-KES cause, or None for unknown."""
    folded = fold_name(cause)
    for key in CAUSE_SUB_EVENTS:
        if key in folded.split():
            return key
    return None


def _gold_total(gold: Mapping[str, Any]) -> tuple[int, int]:
    killed = gold.get("killed", {}) or {}
    civilians = int(killed.get("civilians") or 0)
    return civilians + int(killed.get("noncivilians") or 0), civilians


def pair_f1(
    gold_groups: Mapping[str, str], predicted_groups: Mapping[str, str | None]
) -> tuple[float | None, int, int, int]:
    """F1 of "same group" over all pairs of documents: (f1, true pos., predicted pos., gold pos.).

    A document missing from ``predicted_groups`` (or with no group) is linked to nothing.
    """
    ids = sorted(gold_groups)
    tp = pred_pos = gold_pos = 0
    for a, b in itertools.combinations(ids, 2):
        gold_same = gold_groups[a] == gold_groups[b]
        pa, pb = predicted_groups.get(a), predicted_groups.get(b)
        pred_same = pa is not None and pa == pb
        gold_pos += gold_same
        pred_pos += pred_same
        tp += gold_same and pred_same
    if gold_pos == 0 and pred_pos == 0:
        return None, tp, pred_pos, gold_pos
    f1 = 2 * tp / (pred_pos + gold_pos)  # = 2PR/(P+R)
    return f1, tp, pred_pos, gold_pos


def score_toll(
    docs: Sequence[EvalDoc],
    preds: Mapping[str, ReportRecord],
    *,
    groups: Mapping[str, str | None] | None = None,
    groups_note: str | None = None,
) -> dict[str, Score]:
    """killed_headline_exact, killed_recall, cause_acc, actor_acc, admin1_acc, group_pair_f1.

    ``groups`` maps doc ids to the incident group the ledger linked each report's main
    incident into; without it ``group_pair_f1`` is not computed (``groups_note`` says why).
    """
    headline, recall = Tally("killed_headline_exact"), Tally("killed_recall")
    cause, actor, admin1 = Tally("cause_acc"), Tally("actor_acc"), Tally("admin1_acc")
    for doc in docs:
        record = preds.get(doc.doc_id)
        gold = doc.gold
        main = main_incident(record)
        total, civilians = _gold_total(gold)
        if total > 0:
            claim = claim_by_id(record, main.headline.get("killed")) if main else None
            headline.add(
                claim is not None and claim.value == total,
                doc_id=doc.doc_id,
                expected=f"headline killed = {total}",
                predicted=(
                    claim_str(claim)
                    if claim
                    else ("no main incident" if main is None else "no headline killed claim")
                ),
                rules=claim.rule if claim else None,
            )
            wanted = {v for v in (total, civilians) if v > 0}
            killed = [c for c in (record.claims if record else ()) if c.figure == "killed"]
            recall.add(
                any(c.value in wanted for c in killed),
                doc_id=doc.doc_id,
                expected=f"a killed claim of {' or '.join(map(str, sorted(wanted)))}",
                predicted=", ".join(claim_str(c) for c in killed) or "no killed claim",
            )
        gold_cause = cause_class(str(gold.get("cause", "unknown")))
        if gold_cause is not None:
            sub = main.sub_event_type if main else None
            cause.add(
                sub in CAUSE_SUB_EVENTS[gold_cause],
                doc_id=doc.doc_id,
                expected=f"{gold.get('cause')} ({' or '.join(sorted(CAUSE_SUB_EVENTS[gold_cause]))})",
                predicted=str(sub) if main else "no main incident",
                rules=main.type_rule if main else None,
            )
        gold_actor_text = str(gold.get("actor") or "unknown")
        gold_actor = (
            None if fold_name(gold_actor_text) == "unknown" else actor_class(gold_actor_text)
        )
        # An actor blamed without a name ("terrorist rocket attacks", "gunmen": actor_kind
        # "unnamed") names no side of the war: FA-KES codes such a report's actor unknown.
        perps = [p for p in (main.perpetrators if main else ()) if p.actor_kind != "unnamed"]
        if gold_actor is None:
            ok = not perps
        else:
            ok = any(perpetrator_class(p) == gold_actor for p in perps)
        actor.add(
            ok,
            doc_id=doc.doc_id,
            expected=f"{gold_actor_text} ({gold_actor or 'no perpetrator'})",
            predicted=", ".join(f"{p.actor} ({perpetrator_class(p)})" for p in perps)
            or "no perpetrator",
            rules=[p.rule for p in perps],
        )
        accepted = gold.get("admin1") or []
        accepted = [accepted] if isinstance(accepted, str) else list(accepted)
        if accepted:
            place = main.place if main else None
            admin1.add(
                place is not None
                and fold_name(place.admin1 or "") in {fold_name(a) for a in accepted},
                doc_id=doc.doc_id,
                expected=" or ".join(accepted),
                predicted=place_str(place),
                rules=place.rule if place else None,
            )
    out = {t.name: t.score() for t in (headline, recall, cause, actor, admin1)}
    if groups is None:
        out["group_pair_f1"] = Score(
            name="group_pair_f1",
            value=None,
            note=groups_note or "not computed: no cross-report linking was run",
        )
    else:
        gold_groups = {d.doc_id: str(d.gold.get("group")) for d in docs if d.gold.get("group")}
        f1, tp, pred_pos, gold_pos = pair_f1(gold_groups, groups)
        out["group_pair_f1"] = Score(
            name="group_pair_f1",
            value=f1,
            hits=2 * tp,
            total=pred_pos + gold_pos,
            note=(
                f"{tp} pairs linked rightly, {pred_pos} linked, {gold_pos} in the gold"
                if f1 is not None
                else "no pair to score"
            ),
            failures=tuple(_group_failures(gold_groups, groups)),
        )
    return out


def _group_failures(
    gold_groups: Mapping[str, str], groups: Mapping[str, str | None]
) -> Iterable[Failure]:
    by_gold: dict[str, list[str]] = {}
    for doc_id, g in gold_groups.items():
        by_gold.setdefault(g, []).append(doc_id)
    by_pred: dict[str, list[str]] = {}
    for doc_id, g in groups.items():
        if g is not None and doc_id in gold_groups:
            by_pred.setdefault(g, []).append(doc_id)
    for members in by_gold.values():
        if len(members) > 1 and len({groups.get(m) for m in members}) > 1:
            yield Failure(
                doc_id=members[0],
                expected=f"linked with {', '.join(members[1:])}",
                predicted=", ".join(f"{m}: {groups.get(m)}" for m in members),
            )
    for group, members in by_pred.items():
        if len(members) > 1 and len({gold_groups[m] for m in members}) > 1:
            yield Failure(
                doc_id=members[0],
                expected=", ".join(f"{m}: {gold_groups[m]}" for m in members),
                predicted=f"all linked as {group}",
            )
