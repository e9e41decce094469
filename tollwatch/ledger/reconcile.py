"""Reconciliation: one low / best / high per figure from the claims of several voices.

Pure functions over :class:`tollwatch.model.Claim`; no database code. The store (and the
``incidents`` extraction stage, for one report) calls :func:`estimate` with the claims of ONE
figure of ONE incident and a named rule:

``conservative`` (ACLED)
    ``low = best`` = the lowest *credible* figure (see "credibility tiers"); ``high`` = the
    highest figure any voice gives.
``ucdp`` (UCDP GED)
    ``low`` = the lowest credible figure, ``high`` = the highest figure any voice gives, and
    ``best`` = the figure stated by the most independent voices when at least two voices give
    it and no other figure is given as often; otherwise the lower median of the voices'
    figures (each voice's figure is its current claim, see below). ``best`` is clamped into
    ``[low, high]``.
``latest``
    Each voice's latest figure supersedes its earlier ones (rising tolls): a claim another
    claim names in ``update_of`` is dropped, and of a voice's remaining claims only those
    latest in ``order`` (an optional mapping claim id -> sortable, e.g. (report publication
    date, claim position)) are kept. ``low`` = lowest credible of what is left, ``high`` =
    highest, ``best`` = the figure of the most recent voice (by ``order``; ties and no order:
    the highest of the current figures).
``max``
    ``best = high`` = the highest figure any voice gives; ``low`` = the lowest credible.

Before any rule:

* Subset claims (``part_of`` set, "including five children") never add to the total: they are
  left out. Only when every claim is a subset do they stand in as "at least" figures (their
  largest value), because the total is at least any of its parts.
* Claims in people win over claims in households; a set of households-only claims is
  estimated in households.
* Copies count once: ``copies`` maps a claim id, or a source key (see ``sources``), to its
  canonical one. Claims whose canonical claim id agrees, or which state the same figure
  (qualifier, value, bounds, unit) in the same voice from the same canonical source, are one
  claim; the representative is an original (an id not in ``copies``), lowest id first.
* A *voice* is an independent source: the claimant (case and spaces aside) when the report
  names one, else the report's own voice: ``sources[claim.id]`` (canonicalised through
  ``copies``) when given, else one shared "report" voice (one report's claims).

Credibility tiers (for ``low`` and the conservative figure): 1 exact, at least, range (its
low); 2 about; 3 vague counts (ACLED's values: tens 10, dozens 12, …, as extraction gives
them); 4 at most ("up to 21" is a ceiling, not a floor). The lowest figure of the first
non-empty tier is the lowest credible figure.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from tollwatch import errors, model

RULES: tuple[str, ...] = ("conservative", "ucdp", "latest", "max")
GRADES: tuple[str, ...] = ("confirmed", "fair", "weak", "contested")

_TIER: dict[str, int] = {
    "exact": 1,
    "at_least": 1,
    "range": 1,
    "about": 2,
    "vague": 3,
    "at_most": 4,
}
_REPORT_VOICE = "\x00report"


def natural_key(text: str) -> tuple[object, ...]:
    """Sort key that orders ``c2`` before ``c10`` (ids are text with numbers)."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def check_rule(rule: str) -> str:
    """Return ``rule`` if it is a known reconcile rule, else raise ConfigError."""
    if rule not in RULES:
        raise errors.ConfigError(
            f"unknown reconcile rule {rule!r}: expected one of {', '.join(RULES)}"
        )
    return rule


def _norm_name(name: str | None) -> str | None:
    if name is None:
        return None
    cleaned = " ".join(re.sub(r"[^\w]+", " ", name.casefold()).split())
    return cleaned or None


def _canonical(key: str, copies: Mapping[str, str]) -> str:
    # Follow chains (a copy of a copy) with a bound, so a cyclic mapping cannot hang.
    seen = 0
    while key in copies and copies[key] != key and seen < 32:
        key = copies[key]
        seen += 1
    return key


def voice_of(
    claim: model.Claim,
    *,
    copies: Mapping[str, str] | None = None,
    sources: Mapping[str, str] | None = None,
) -> str:
    """The independent voice a claim speaks for: its claimant, else its (canonical) report."""
    name = _norm_name(claim.claimant)
    if name is not None:
        return name
    if sources is not None and claim.id in sources:
        return "\x00src:" + _canonical(sources[claim.id], copies or {})
    return _REPORT_VOICE


def _lower(claim: model.Claim) -> int:
    """The least the claim says (for tiers 1-3); for at_most its value."""
    if claim.qualifier == "range" and claim.low is not None:
        return claim.low
    return claim.value


def _upper(claim: model.Claim) -> int:
    """The most the claim says."""
    if claim.qualifier == "range" and claim.high is not None:
        return max(claim.high, claim.value)
    if claim.high is not None:
        return max(claim.high, claim.value)
    return claim.value


def _tier(claim: model.Claim) -> int:
    return _TIER.get(claim.qualifier, 2)


@dataclass(frozen=True, kw_only=True, slots=True)
class _Used:
    claim: model.Claim
    voice: str


def _prepare(
    claims: Sequence[model.Claim],
    copies: Mapping[str, str],
    sources: Mapping[str, str] | None,
) -> list[_Used]:
    """Drop subsets, pick the unit, merge copies: the claims a rule works on."""
    if not claims:
        return []
    figures = sorted({c.figure for c in claims})
    if len(figures) > 1:
        raise errors.InputError(
            f"estimate() takes the claims of one figure; got {', '.join(figures)}"
        )
    whole = [c for c in claims if c.part_of is None]
    if not whole:
        # Only parts are known: each is a floor of the total, never a sum of them.
        top = max(claims, key=lambda c: (_upper(c), natural_key(c.id)))
        whole = [top]
        floor_only = True
    else:
        floor_only = False
    people = [c for c in whole if c.unit == "people"]
    if people:
        whole = people

    # Union-find over claim ids: same canonical claim id, or same statement, same voice,
    # same canonical source.
    parent: dict[str, str] = {c.id: c.id for c in whole}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            # Keep the smaller root so the result is independent of claim order.
            lo, hi = sorted((ra, rb), key=natural_key)
            parent[hi] = lo

    by_key: dict[Hashable, str] = {}
    voices: dict[str, str] = {}
    for c in sorted(whole, key=lambda c: natural_key(c.id)):
        voice = voice_of(c, copies=copies, sources=sources)
        voices[c.id] = voice
        keys: list[Hashable] = [("claim", _canonical(c.id, copies))]
        keys.append(("said", voice, c.qualifier, c.value, c.low, c.high, c.unit))
        for key in keys:
            if key in by_key:
                union(by_key[key], c.id)
            else:
                by_key[key] = c.id

    groups: dict[str, list[model.Claim]] = defaultdict(list)
    for c in whole:
        groups[find(c.id)].append(c)
    used: list[_Used] = []
    for members in groups.values():
        rep = min(members, key=lambda c: (c.id in copies, natural_key(c.id)))
        if floor_only:
            rep = _as_floor(rep)
        used.append(_Used(claim=rep, voice=voices[rep.id]))
    used.sort(key=lambda u: natural_key(u.claim.id))
    return used


def _as_floor(claim: model.Claim) -> model.Claim:
    """A subset claim standing in for an unknown total: the total is at least its value."""
    return model.Claim(
        id=claim.id,
        figure=claim.figure,
        value=_upper(claim),
        low=_upper(claim),
        high=None,
        qualifier="at_least",
        count_text=claim.count_text,
        victims=claim.victims,
        unit=claim.unit,
        part_of=None,
        claimant=claim.claimant,
        claimant_kind=claim.claimant_kind,
        incident=claim.incident,
        evidence=claim.evidence,
        count_span=claim.count_span,
        update_of=claim.update_of,
        claimant_cue=claim.claimant_cue,
    )


def _lowest_credible(used: Sequence[_Used]) -> int:
    best_tier = min(_tier(u.claim) for u in used)
    return min(_lower(u.claim) for u in used if _tier(u.claim) == best_tier)


def _highest(used: Sequence[_Used]) -> int:
    return max(_upper(u.claim) for u in used)


def _current(used: Sequence[_Used], order: Mapping[str, object] | None) -> list[_Used]:
    """Drop superseded claims: named in another's update_of, or earlier in ``order``."""
    superseded = {u.claim.update_of for u in used if u.claim.update_of is not None}
    left = [u for u in used if u.claim.id not in superseded]
    if not left:  # a cycle of updates: keep everything rather than nothing
        left = list(used)
    if not order:
        return left
    by_voice: dict[str, list[_Used]] = defaultdict(list)
    for u in left:
        by_voice[u.voice].append(u)
    out: list[_Used] = []
    for members in by_voice.values():
        ranked = [u for u in members if u.claim.id in order]
        if not ranked:
            out.extend(members)
            continue
        newest = max(order[u.claim.id] for u in ranked)  # type: ignore[type-var]
        out.extend(u for u in ranked if order[u.claim.id] == newest)
        # Claims without a known order cannot be shown to be older: keep them too.
        out.extend(u for u in members if u.claim.id not in order)
    return out


def _voice_figures(used: Sequence[_Used]) -> dict[str, int]:
    """Each voice's figure: the highest value among its current claims."""
    figures: dict[str, int] = {}
    for u in used:
        value = u.claim.value
        figures[u.voice] = max(figures.get(u.voice, value), value)
    return figures


def _ucdp_best(used: Sequence[_Used]) -> int:
    figures = sorted(_voice_figures(_current(used, None)).values())
    counts = Counter(figures).most_common()
    if len(counts) > 0 and counts[0][1] >= 2 and (len(counts) == 1 or counts[1][1] < counts[0][1]):
        return counts[0][0]
    return figures[(len(figures) - 1) // 2]


def _clamp(value: int, low: int, high: int) -> int:
    return min(max(value, low), high)


def estimate(
    claims: Sequence[model.Claim],
    *,
    rule: str = "ucdp",
    copies: Mapping[str, str] | None = None,
    sources: Mapping[str, str] | None = None,
    order: Mapping[str, object] | None = None,
) -> model.Estimate:
    """Low / best / high for the claims of ONE figure under a named rule (see module doc).

    ``copies`` maps a claim id or source key to its canonical one (copies count once);
    ``sources`` maps a claim id to the key of the report it came from (its own voice when it
    names no claimant); ``order`` maps a claim id to a sortable publication order (``latest``).
    Returns ``Estimate(low=None, best=None, high=None)`` for no claims. Raises ConfigError for
    an unknown rule and InputError for claims of several figures.
    """
    check_rule(rule)
    used = _prepare(claims, copies or {}, sources)
    if not used:
        return model.Estimate(low=None, best=None, high=None, rule=rule, claims=())
    if rule == "latest":
        used = _current(used, order)
    low = _lowest_credible(used)
    high = _highest(used)
    if high < low:  # only ceilings below a floor cannot happen; guard the invariant anyway
        high = low
    if rule == "conservative":
        best = low
    elif rule == "max":
        best = high
    elif rule == "ucdp":
        best = _clamp(_ucdp_best(used), low, high)
    else:  # latest
        figures = _voice_figures(used)
        if order and any(u.claim.id in order for u in used):
            ranked = [u for u in used if u.claim.id in order]
            newest = max(order[u.claim.id] for u in ranked)  # type: ignore[type-var]
            best = max(u.claim.value for u in ranked if order[u.claim.id] == newest)
        else:
            best = max(figures.values())
        best = _clamp(best, low, high)
    ids = tuple(u.claim.id for u in sorted(used, key=lambda u: natural_key(u.claim.id)))
    return model.Estimate(low=low, best=best, high=high, rule=rule, claims=ids)


def estimates(
    claims: Sequence[model.Claim],
    *,
    rule: str = "ucdp",
    copies: Mapping[str, str] | None = None,
    sources: Mapping[str, str] | None = None,
    order: Mapping[str, object] | None = None,
) -> dict[str, model.Estimate]:
    """One estimate per figure (in ``model.FIGURES`` order) of the claims of one incident."""
    check_rule(rule)
    by_figure: dict[str, list[model.Claim]] = defaultdict(list)
    for c in claims:
        by_figure[c.figure].append(c)
    ranked = sorted(
        by_figure, key=lambda f: (model.FIGURES.index(f) if f in model.FIGURES else 99, f)
    )
    return {
        f: estimate(by_figure[f], rule=rule, copies=copies, sources=sources, order=order)
        for f in ranked
    }


def independent_voices(
    claims: Sequence[model.Claim],
    *,
    copies: Mapping[str, str] | None = None,
    sources: Mapping[str, str] | None = None,
) -> set[str]:
    """The distinct independent voices among the claims (copies merged)."""
    return {voice_of(c, copies=copies, sources=sources) for c in claims}


# Grading thresholds (after Airwars' grades), documented in grade().
AGREE_RATIO = 1.5
AGREE_GAP = 2


def figures_agree(values: Sequence[int]) -> bool:
    """Voices agree when the highest figure is within 1.5x the lowest, or 2 apart."""
    if len(values) < 2:
        return True
    lo, hi = min(values), max(values)
    return hi - lo <= AGREE_GAP or hi <= lo * AGREE_RATIO


def _actor_key(p: model.Perpetrator) -> str:
    return p.actor_kind or _norm_name(p.actor) or p.actor


def is_contested(
    perpetrators: Sequence[model.Perpetrator],
    *,
    by_report: Mapping[str, Sequence[model.Perpetrator]] | None = None,
) -> bool:
    """Sources blame different parties: two accusers whose blamed parties do not overlap.

    The accuser is ``alleged_by`` (null = the report's own voice); parties compare by
    ``actor_kind`` when known, else by actor name. One accuser naming two parties (a joint
    attack) is not a contest. ``by_report`` (report key -> its perpetrators) keeps each
    report's own voice apart, so two reports blaming different parties in their own voice
    are a contest; ``perpetrators`` without it are taken as one report's.
    """
    blamed: dict[str, set[str]] = defaultdict(set)
    for p in perpetrators:
        blamed[_norm_name(p.alleged_by) or _REPORT_VOICE].add(_actor_key(p))
    for report, perps in (by_report or {}).items():
        for p in perps:
            blamed[_norm_name(p.alleged_by) or f"{_REPORT_VOICE}:{report}"].add(_actor_key(p))
    groups = list(blamed.values())
    return any(not (a & b) for i, a in enumerate(groups) for b in groups[i + 1 :])


def grade(
    claims: Sequence[model.Claim],
    *,
    perpetrators: Sequence[model.Perpetrator] = (),
    copies: Mapping[str, str] | None = None,
    sources: Mapping[str, str] | None = None,
    n_sources: int | None = None,
    perpetrators_by_report: Mapping[str, Sequence[model.Perpetrator]] | None = None,
) -> str:
    """The grade of one incident, after Airwars: confirmed, fair, weak or contested.

    * ``contested``: sources blame different parties (:func:`is_contested`, with
      ``perpetrators_by_report`` when given); this wins.
    * Independent sources = distinct voices of its claims (:func:`voice_of`, copies merged),
      or ``n_sources`` (independent reports) when larger. Independent reports = distinct
      canonical ``sources`` of its claims, or ``n_sources`` when larger (1 without either).
    * Agreement: on the headline figure (``killed``, else the first figure in
      ``model.FIGURES`` order present), each voice's figure (its highest value) is within
      1.5x of the lowest or 2 apart (:func:`figures_agree`).
    * ``confirmed``: 3 or more independent sources that agree, in 2 or more independent
      reports (one report quoting three voices is not yet confirmation).
    * ``fair``: 2 or more sources that agree (short of confirmed), or 3 or more that disagree.
    * ``weak``: 1 source (or none), or 2 that disagree.
    """
    if is_contested(perpetrators, by_report=perpetrators_by_report):
        return "contested"
    copies = copies or {}
    whole = [c for c in claims if c.part_of is None]
    voices = independent_voices(whole, copies=copies, sources=sources)
    count = max(len(voices), n_sources or 0)
    reports = {_canonical(sources[c.id], copies) for c in whole if sources and c.id in sources}
    n_reports = max(len(reports), n_sources or 0, 1)
    present = {c.figure for c in whole}
    headline = next((f for f in model.FIGURES if f in present), None)
    values: dict[str, int] = {}
    for c in whole:
        if c.figure == headline:
            v = voice_of(c, copies=copies, sources=sources)
            values[v] = max(values.get(v, c.value), c.value)
    agree = figures_agree(list(values.values()))
    if count >= 3:
        return "confirmed" if agree and n_reports >= 2 else "fair"
    if count == 2:
        return "fair" if agree else "weak"
    return "weak"
