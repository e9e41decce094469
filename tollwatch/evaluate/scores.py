"""The scores of ``shared/eval/README.md``, computed from gold records and predicted records.

Each scorer takes the evaluation documents (:class:`EvalDoc`: a report and its gold) and the
predictions (``{doc_id: ReportRecord}``) and returns ``{score name: Score}``. A score keeps its
numerator, its denominator and the documents it failed on, so ``--examples`` can show them.

Where the README leaves a choice, this module makes it as follows (and only here):

- claims: predictions are matched to gold claims with the same ``figure`` and ``value`` one to
  one, in text order, required gold claims before optional ones. ``claimant_acc``,
  ``incident_pair_acc`` and the incident scores use the claims matched to *required* gold
  claims (a match with an optional claim "counts neither way"). Two claims are in the same
  incident when both have one and it is the same (two situation figures are not).
- ``place_acc``: the predicted place's name or words are one of the gold names, and its admin1
  is the gold admin1, for whichever of the two the gold gives.
- ``blame_acc``: gold and predicted perpetrators pair one to one; a pair agrees when every
  word of the gold actor (singular or plural) is a word of the predicted actor and the
  ``alleged_by`` names agree as claimants do.
- displacement: the claim that matched is the first (in text order) whose figure is one of
  displaced/evacuated/returned/at_risk/affected and whose value is the gold figure. Its place
  is its own ``place`` when the record gives claims one, else its incident's place, else the
  main incident's place. ``country_acc`` and
  ``location_acc`` count the docs whose gold gives a country / a location.
- names are compared with case, accents and punctuation aside.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tollwatch.model import Claim, Incident, Perpetrator, PlaceRef, Report, ReportRecord

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
TOLL_SCORES: tuple[str, ...] = (
    "killed_headline_exact",
    "killed_recall",
    "cause_acc",
    "actor_acc",
    "admin1_acc",
    "group_pair_f1",
)
DISPLACEMENT_SCORES: tuple[str, ...] = ("figure_recall", "unit_acc", "country_acc", "location_acc")
# Scored in tollwatch.evaluate.casualty.
CASUALTY_SCORES: tuple[str, ...] = (
    "killed_recall",
    "killed_headline_in_range",
    "killed_range_exact",
    "zero_killed_acc",
    "injured_recall",
    "injured_headline_in_range",
    "date_acc",
    "place_acc",
    "country_acc",
)
TASK_SCORES: dict[str, tuple[str, ...]] = {
    "claims": CLAIMS_SCORES,
    "toll": TOLL_SCORES,
    "displacement": DISPLACEMENT_SCORES,
    "casualty": CASUALTY_SCORES,
}

DISPLACEMENT_FIGURES = frozenset({"displaced", "evacuated", "returned", "at_risk", "affected"})

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


# --------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, kw_only=True)
class EvalDoc:
    """One document of an evaluation file: the report to extract and its gold."""

    doc_id: str
    task: str
    report: Report
    gold: Mapping[str, Any]
    line: int | None = None


@dataclass(frozen=True, kw_only=True)
class Failure:
    """A document a score counted as wrong: what the gold expected and what we predicted."""

    doc_id: str
    expected: str
    predicted: str


@dataclass(frozen=True, kw_only=True)
class Score:
    """One score: ``value = hits / total``, or None when it could not be computed."""

    name: str
    value: float | None
    hits: float = 0
    total: int = 0
    note: str | None = None
    failures: tuple[Failure, ...] = ()

    @property
    def computed(self) -> bool:
        return self.value is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "hits": self.hits,
            "total": self.total,
            "note": self.note,
        }


@dataclass
class _Tally:
    """A running accuracy: counts and the failures behind them."""

    name: str
    hits: int = 0
    total: int = 0
    failures: list[Failure] = field(default_factory=list)

    def add(self, ok: bool, *, doc_id: str, expected: Any = "", predicted: Any = "") -> None:
        self.total += 1
        if ok:
            self.hits += 1
        else:
            self.failures.append(
                Failure(doc_id=doc_id, expected=str(expected), predicted=str(predicted))
            )

    def score(self, *, empty_note: str = "no document to score") -> Score:
        if self.total == 0:
            return Score(name=self.name, value=None, note=empty_note)
        return Score(
            name=self.name,
            value=self.hits / self.total,
            hits=self.hits,
            total=self.total,
            failures=tuple(self.failures),
        )


# --------------------------------------------------------------------------------------
# Comparing names


@functools.lru_cache(maxsize=4096)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name, with case, accents and punctuation aside."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    # "Ma'arrat" and "Maarrat" are one word, and so are "U.N." and "UN".
    folded = re.sub(r"['’‘ʿʾ`.]", "", folded)
    return tuple(re.findall(r"[^\W_]+", folded))


def fold_name(name: str) -> str:
    """A name folded for equality: words joined by single spaces."""
    return " ".join(name_words(name))


def _contains(outer: Sequence[str], inner: Sequence[str]) -> bool:
    n = len(inner)
    return any(tuple(outer[i : i + n]) == tuple(inner) for i in range(len(outer) - n + 1))


def claimants_agree(gold: str | None, predicted: str | None) -> bool:
    """Null with null; else the gold name's words within the predicted name's, or the reverse."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    g, p = name_words(gold), name_words(predicted)
    if not g or not p:
        return g == p
    return _contains(p, g) or _contains(g, p)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def actor_agrees(gold_actor: str, predicted_actor: str) -> bool:
    """Every word of the gold actor (singular or plural) is a word of the predicted actor."""
    predicted = {_singular(w) for w in name_words(predicted_actor)}
    gold = [_singular(w) for w in name_words(gold_actor)]
    return bool(gold) and all(w in predicted for w in gold)


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


# --------------------------------------------------------------------------------------
# Helpers over records


def _incident(record: ReportRecord | None, incident_id: str | None) -> Incident | None:
    if record is None or incident_id is None:
        return None
    return next((i for i in record.incidents if i.id == incident_id), None)


def main_incident(record: ReportRecord | None) -> Incident | None:
    """The record's main incident, or None."""
    return _incident(record, record.main_incident if record else None)


def _claim(record: ReportRecord | None, claim_id: str | None) -> Claim | None:
    if record is None or claim_id is None:
        return None
    return next((c for c in record.claims if c.id == claim_id), None)


def _place_str(place: PlaceRef | None) -> str:
    if place is None:
        return "no place"
    return f"{place.name} (text {place.text!r}, admin1 {place.admin1}, country {place.country})"


def _claim_str(claim: Claim) -> str:
    who = f" per {claim.claimant}" if claim.claimant else ""
    return f"{claim.id} {claim.figure}={claim.value}{who}"


# --------------------------------------------------------------------------------------
# claims


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
    claimant = _Tally("claimant_acc")
    pairs = _Tally("incident_pair_acc")
    dates, places, types, blames = (
        _Tally("date_acc"),
        _Tally("place_acc"),
        _Tally("type_acc"),
        _Tally("blame_acc"),
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
        for pi, c in enumerate(claims):
            if pi not in matched_pred:
                pr_failures.append(
                    Failure(doc_id=doc.doc_id, expected="no such claim", predicted=_claim_str(c))
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
                predicted=f"{_claim_str(c)}: claimant {c.claimant!r}",
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
            )
        for gi, pi in required:
            gid = gold_claims[gi].get("incident")
            if gid is None:
                continue
            gold_incident = gold_incidents.get(gid, {})
            c = claims[pi]
            inc = _incident(record, c.incident)
            label = f"{_gold_str(gold_claims[gi])} ({gid}) as {c.id} ({c.incident})"
            gold_date = gold_incident.get("date")
            pred_date = inc.date.start.isoformat() if inc and inc.date and inc.date.start else None
            dates.add(
                gold_date == pred_date,
                doc_id=doc.doc_id,
                expected=f"{label}: {gold_date}",
                predicted=str(pred_date),
            )
            pred_place = inc.place if inc else None
            places.add(
                _place_agrees(gold_incident.get("place"), pred_place),
                doc_id=doc.doc_id,
                expected=f"{label}: {gold_incident.get('place')}",
                predicted=_place_str(pred_place),
            )
            gold_type = gold_incident.get("sub_event_type")
            pred_type = inc.sub_event_type if inc else None
            types.add(
                gold_type == pred_type,
                doc_id=doc.doc_id,
                expected=f"{label}: {gold_type}",
                predicted=str(pred_type),
            )
            gold_perps = list(gold_incident.get("perpetrators", []) or [])
            pred_perps = list(inc.perpetrators) if inc else []
            blames.add(
                _blame_agrees(gold_perps, pred_perps),
                doc_id=doc.doc_id,
                expected=f"{label}: {gold_perps}",
                predicted=str([p.to_dict() for p in pred_perps]),
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


# --------------------------------------------------------------------------------------
# toll


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
    headline, recall = _Tally("killed_headline_exact"), _Tally("killed_recall")
    cause, actor, admin1 = _Tally("cause_acc"), _Tally("actor_acc"), _Tally("admin1_acc")
    for doc in docs:
        record = preds.get(doc.doc_id)
        gold = doc.gold
        main = main_incident(record)
        total, civilians = _gold_total(gold)
        if total > 0:
            claim = _claim(record, main.headline.get("killed")) if main else None
            headline.add(
                claim is not None and claim.value == total,
                doc_id=doc.doc_id,
                expected=f"headline killed = {total}",
                predicted=(
                    _claim_str(claim)
                    if claim
                    else ("no main incident" if main is None else "no headline killed claim")
                ),
            )
            wanted = {v for v in (total, civilians) if v > 0}
            killed = [c for c in (record.claims if record else ()) if c.figure == "killed"]
            recall.add(
                any(c.value in wanted for c in killed),
                doc_id=doc.doc_id,
                expected=f"a killed claim of {' or '.join(map(str, sorted(wanted)))}",
                predicted=", ".join(_claim_str(c) for c in killed) or "no killed claim",
            )
        gold_cause = cause_class(str(gold.get("cause", "unknown")))
        if gold_cause is not None:
            sub = main.sub_event_type if main else None
            cause.add(
                sub in CAUSE_SUB_EVENTS[gold_cause],
                doc_id=doc.doc_id,
                expected=f"{gold.get('cause')} ({' or '.join(sorted(CAUSE_SUB_EVENTS[gold_cause]))})",
                predicted=str(sub) if main else "no main incident",
            )
        gold_actor_text = str(gold.get("actor") or "unknown")
        gold_actor = (
            None if fold_name(gold_actor_text) == "unknown" else actor_class(gold_actor_text)
        )
        perps = list(main.perpetrators) if main else []
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
                predicted=_place_str(place),
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


# --------------------------------------------------------------------------------------
# displacement

_DIGIT_NUMBER = re.compile(r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d)|\d+")


def numbers_in_digits(text: str) -> set[int]:
    """The whole numbers written in digits in ``text`` ("120,000", "1 500", "4000")."""
    return {int(re.sub(r"\D", "", m.group())) for m in _DIGIT_NUMBER.finditer(text)}


def iso3(country: str | None) -> str | None:
    """ISO 3166-1 alpha-3 for an alpha-2 code (alpha-3 codes pass through), or None."""
    if not country:
        return None
    code = country.strip().upper()
    if len(code) == 3:
        return code
    from tollwatch.extract.gazetteer import ISO2_TO_ISO3

    return ISO2_TO_ISO3.get(code)


def claim_place(record: ReportRecord | None, claim: Claim) -> PlaceRef | None:
    """Where a claim's figure is: its own place (a situation figure may carry one), else its
    incident's place, else the main incident's place."""
    own = getattr(claim, "place", None)
    if isinstance(own, PlaceRef):
        return own
    for inc in (_incident(record, claim.incident), main_incident(record)):
        if inc is not None and inc.place is not None:
            return inc.place
    return None


# Words that say what kind of unit a gold location is ("West Java Province", "Shan state").
_UNIT_WORDS = re.compile(
    r"\s+(?:province|state|district|region|governorate|county|department|prefecture)$",
    re.IGNORECASE,
)


def _location_agrees(gold: str, place: PlaceRef | None) -> bool:
    """The gold location names the predicted place at some level of its hierarchy.

    IDETECT's annotators give the location at the granularity they chose: a town, a
    province ("Shan state") or the country ("Iraq" for a figure about Fallujah). A prediction
    agrees when one part of the gold (parts split at commas; the unit word dropped) is the
    place's name, its words in the report, its admin1, its admin2 or its country's name,
    spelling variants folded as the gazetteer folds them.
    """
    if place is None:
        return False
    from tollwatch.extract.gazetteer import COUNTRY_NAMES, fold

    country = COUNTRY_NAMES.get((place.country or "").upper())
    levels = {fold(n) for n in (place.name, place.text, place.admin1, place.admin2, country) if n}
    levels.discard("")
    parts = [_UNIT_WORDS.sub("", p.strip()) for p in gold.split(",")]
    return any(p and fold(p) in levels for p in parts)


def score_displacement(
    docs: Sequence[EvalDoc], preds: Mapping[str, ReportRecord]
) -> dict[str, Score]:
    """figure_recall, unit_acc, country_acc, location_acc."""
    figure, unit = _Tally("figure_recall"), _Tally("unit_acc")
    country, location = _Tally("country_acc"), _Tally("location_acc")
    for doc in docs:
        gold = doc.gold
        value = gold.get("figure")
        if not isinstance(value, int) or value not in numbers_in_digits(doc.report.text):
            continue
        record = preds.get(doc.doc_id)
        candidates = [
            c for c in (record.claims if record else ()) if c.figure in DISPLACEMENT_FIGURES
        ]
        claim = next((c for c in candidates if c.value == value), None)
        figure.add(
            claim is not None,
            doc_id=doc.doc_id,
            expected=f"{gold.get('term')} {value} {gold.get('unit')}",
            predicted=", ".join(_claim_str(c) for c in candidates) or "no displacement claim",
        )
        if claim is None:
            continue
        unit.add(
            claim.unit == gold.get("unit"),
            doc_id=doc.doc_id,
            expected=str(gold.get("unit")),
            predicted=f"{_claim_str(claim)}: {claim.unit}",
        )
        place = claim_place(record, claim)
        if gold.get("country"):
            predicted_country = iso3(place.country) if place else None
            country.add(
                predicted_country == gold["country"],
                doc_id=doc.doc_id,
                expected=str(gold["country"]),
                predicted=f"{_claim_str(claim)}: {predicted_country} ({_place_str(place)})",
            )
        if gold.get("location"):
            location.add(
                _location_agrees(str(gold["location"]), place),
                doc_id=doc.doc_id,
                expected=str(gold["location"]),
                predicted=f"{_claim_str(claim)}: {_place_str(place)}",
            )
    return {t.name: t.score() for t in (figure, unit, country, location)}
