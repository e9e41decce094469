"""Reconciliation: one low / best / high per figure from the claims of several voices.

Pure functions over :class:`tollwatch.model.Claim`, with no database code: extraction (one
report's record) and the ledger (every report of an incident) call :func:`estimate` on the
claims of ONE figure of ONE incident, so a rule means the same in ``tollwatch extract`` and
in ``tollwatch incidents``. The ledger passes three mappings that one report does not need:
``sources`` (claim id -> the report it came from), ``copies`` (a copy report, or claim, ->
its original) and ``order`` (claim id -> its report's publication date).

What every rule does first
--------------------------
1. **Statements.** Claims that say the same thing are one statement:

   * a *restatement*: a claim in the report's own voice (no claimant) giving the same number
     (value and unit) as a claim a named source makes in the same report is that source's
     claim: "Air strikes kill at least 14" over a story whose lead says "killed at least 14
     civilians, a monitoring group said" is the monitoring group speaking, not a second voice;
     a source giving the same number twice in one report says it once;
   * a *copy*: claims whose canonical claim id agrees (``copies``), and claims of one voice
     stating the same figure (qualifier, value, bounds, unit), are one statement: a syndicated
     story, or two reports quoting the same monitor, count once. The report's own voice is
     its canonical report (a copy speaks with its original's voice).
2. **Subsets.** A statement that is part of another ("including six children", a part of a
   running total) never adds to the total; a headline restating a part is a part too. Only
   when every statement is a part do they stand in as a floor (the largest, as "at least").
3. **Updates.** A statement another names in ``update_of`` ("the toll had risen to 27") is
   superseded, with its restatements and copies; of one voice's statements in several
   reports, only those of its latest publication date count: a source's later figure
   replaces its earlier one, lower or higher.
4. **Units.** Figures in people win over figures in households; households-only figures are
   estimated in households.
5. **Voices.** A voice is the named claimant (case and spaces aside), else the report's own
   voice. A voice's figure is its highest current statement among its firmest ones (a stated
   count before a vague word, a vague word before a ceiling "up to 40").
6. **Parties.** Voices whose claimant kind is ``government``, ``state_media`` or
   ``armed_group`` speak for a party to the conflict. UCDP and ACLED both read the warring
   parties' tolls with caution (a side minimising its own losses, or boasting of the
   enemy's): for the rules that pick one most reliable figure (``ucdp``, ``latest``) a
   party's figure counts only when no independent voice gives one. ``low`` and ``high``
   span every voice, parties included, so their figures stay visible.

Then ``low`` is the lowest *credible* figure of any voice: the lowest of the firmest tier
present (1 exact, at least, range (its low); 2 about; 3 vague counts, which extraction gives
ACLED's values: tens 10, dozens 12, ...; 4 at most, a ceiling and not a floor). ``high`` is
the highest figure any current statement gives (a range's upper bound, a ceiling's value).
A toll of harm to people "more than 70" gives 71 (its ``low``), "at least 70" gives 70. A voice
that gives a range up to its figure ("between 30 and 42 ... 42 bodies") gives the range's low.

The rules differ only in ``best``
---------------------------------
``conservative`` (ACLED)
    ``best = low``: the lowest credible figure, parties included. ACLED codes "the most
    conservative" toll to avoid overcounting.
``ucdp`` (UCDP GED)
    The figure most independent voices give, when at least two give it and no other figure
    is given as often; otherwise the lower median of their figures (UCDP's best estimate is
    the most reliable figure; with disagreement, the middle one leans low). Voices stating a
    count win over vague words and ceilings.
``latest``
    The figure of the independent voice published last (by ``order``); voices published the
    same day (or one report on its own) tie, and the highest of them wins: tolls rise.
``max``
    ``best = high``: the highest figure any voice gives, the upper bound of the claims.

``best`` is always within ``[low, high]``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tollwatch import errors, model

RULES: tuple[str, ...] = ("conservative", "ucdp", "latest", "max")
DEFAULT_RULE = "ucdp"  # what extraction's records carry and the commands show by default
GRADES: tuple[str, ...] = ("confirmed", "fair", "weak", "contested")
# Claimant kinds that speak for a party to the conflict (see the module doc, "Parties").
PARTY_KINDS: frozenset[str] = frozenset({"government", "state_media", "armed_group"})

_TIER: dict[str, int] = {
    "exact": 1,
    "at_least": 1,
    "range": 1,
    "about": 2,
    "vague": 3,
    "at_most": 4,
}
# Figures of harm to people: their "more than N" is N + 1 at the least (see _least_toll).
_TOLLS = frozenset({"killed", "injured", "missing", "kidnapped", "detained"})
_REPORT_VOICE = "\x00report"
_ONE_REPORT = "\x00one report"


@lru_cache(maxsize=1 << 16)
def natural_key(text: str) -> tuple[object, ...]:
    """Sort key that orders ``c2`` before ``c10`` (ids are text with numbers).

    Cached: the ledger sorts the same claim ids again for every rule at every refresh."""
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


def _lower(claim: model.Claim) -> int:
    """The least the claim says (for tiers 1-3: a range's low, a toll "more than 70" 71); for
    at_most its value."""
    if claim.qualifier == "range" and claim.low is not None:
        return claim.low
    return _least_toll(claim)


def _upper(claim: model.Claim) -> int:
    """The most the claim says (an open toll "more than 70" says 71 at the most it is sure
    of)."""
    if claim.high is not None:
        return max(claim.high, claim.value)
    return _least_toll(claim)


def _least_toll(claim: model.Claim) -> int:
    """A claim's value, or the low of an at_least toll of harm to people: "more than 70
    killed" (low 71) is 71 killed at the least, as UCDP and Airwars code it; a displacement
    figure stays the number as reported ("more than 1,800 families": 1,800, as IDMC)."""
    if claim.qualifier == "at_least" and claim.low is not None and claim.figure in _TOLLS:
        return max(claim.low, claim.value)
    return claim.value


def _tier(claim: model.Claim) -> int:
    return _TIER.get(claim.qualifier, 2)


def _firmness(claim: model.Claim) -> int:
    """0 a stated count (tiers 1-2), 1 a vague word, 2 a ceiling."""
    return {1: 0, 2: 0, 3: 1}.get(_tier(claim), 2)


def _position(claim: model.Claim) -> tuple[object, ...]:
    return (claim.evidence.start, natural_key(claim.id))


@dataclass(frozen=True, kw_only=True, slots=True)
class Statement:
    """One thing one voice said: a claim with its restatements and copies merged in."""

    claim: model.Claim  # the representative: an original, a named claimant's, earliest
    members: tuple[str, ...]  # ids of every claim merged into it
    voice: str  # the voice key (see the module doc)
    party: bool  # the voice speaks for a party to the conflict
    part: bool  # a subset of another statement
    superseded: bool  # named in an update_of by a claim outside it
    when: object | None  # its first publication (``order``), None when unknown


class _Union:
    """Union-find over claim ids; the smaller id (natural order) is the root."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb), key=natural_key)
            self.parent[hi] = lo


def statements(
    claims: Sequence[model.Claim],
    *,
    copies: Mapping[str, str] | None = None,
    sources: Mapping[str, str] | None = None,
    order: Mapping[str, object] | None = None,
) -> list[Statement]:
    """The statements of the claims of one figure (steps 1-3 of the module doc), in claim
    order. Claims of several figures should be passed one figure at a time."""
    copies = copies or {}
    order = order or {}
    ids = [c.id for c in claims]
    if len(set(ids)) != len(ids):
        raise errors.InputError("estimate() takes claims with distinct ids")

    def report_of(c: model.Claim) -> str:
        if sources is None:
            return _ONE_REPORT
        return sources.get(c.id, f"\x00claim:{c.id}")

    def is_copy(c: model.Claim) -> bool:
        if _canonical(c.id, copies) != c.id:
            return True
        return sources is not None and c.id in sources and report_of(c) in copies

    uf = _Union(ids)
    named: dict[str, str] = {}  # claim id -> the voice it speaks with
    for c in claims:
        name = _norm_name(c.claimant)
        if name is not None:
            named[c.id] = name
    # Restatements: an unnamed claim giving the number a named source gives in its report.
    by_report: dict[str, list[model.Claim]] = defaultdict(list)
    for c in sorted(claims, key=_position):
        by_report[report_of(c)].append(c)
    restated: dict[str, str] = {}
    canon = {c.id: _canonical(c.id, copies) for c in claims}
    for members in by_report.values():
        speakers = [c for c in members if c.id in named]
        for c in members:
            for y in speakers:
                if (
                    y is not c
                    and y.value == c.value
                    and y.unit == c.unit
                    # a part of the claim, or of a copy of it (copies count as their original)
                    and (y.part_of is None or _canonical(y.part_of, copies) != canon[c.id])
                    and (c.part_of is None or _canonical(c.part_of, copies) != canon[y.id])
                    and named.get(c.id, named[y.id]) == named[y.id]
                ):
                    # The report's own voice restating a source speaks for it; a source
                    # giving its number twice in one report ("kills 18" in the title, "18,
                    # a monitor said" in the lead) says one thing, a part if either is.
                    if c.id not in named:
                        restated[c.id] = y.id
                    uf.union(c.id, y.id)
                    break

    def voice(c: model.Claim) -> str:
        if c.id in named:
            return named[c.id]
        if c.id in restated:
            return named[restated[c.id]]
        if sources is not None and c.id in sources:
            return "\x00src:" + _canonical(sources[c.id], copies)
        return _REPORT_VOICE

    voices = {c.id: voice(c) for c in claims}
    seen: dict[Hashable, str] = {}
    for c in sorted(claims, key=lambda c: natural_key(c.id)):
        keys: list[Hashable] = [("claim", _canonical(c.id, copies))]
        keys.append(
            ("said", voices[c.id], c.part_of is None, c.qualifier, c.value, c.low, c.high, c.unit)
        )
        for key in keys:
            if key in seen:
                uf.union(seen[key], c.id)
            else:
                seen[key] = c.id

    groups: dict[str, list[model.Claim]] = defaultdict(list)
    for c in claims:
        groups[uf.find(c.id)].append(c)
    updaters: dict[str, set[str]] = defaultdict(set)  # claim id -> ids of claims updating it
    for c in claims:
        if c.update_of is not None:
            updaters[c.update_of].add(c.id)
    out: list[Statement] = []
    for members in groups.values():
        inside = {m.id for m in members}
        rep = min(members, key=lambda m: (is_copy(m), m.id not in named, _position(m)))
        dates = [order[m.id] for m in members if m.id in order]
        out.append(
            Statement(
                claim=rep,
                members=tuple(sorted(inside, key=natural_key)),
                voice=voices[rep.id],
                party=any(m.claimant_kind in PARTY_KINDS for m in members if m.id in named),
                # a part of another statement, or some of the victims ("six children were
                # among the dead", people named beside a count: Claim.subset)
                part=any(
                    (m.part_of is not None and m.part_of not in inside) or m.subset for m in members
                ),
                superseded=any(updaters.get(m.id, set()) - inside for m in members),
                when=min(dates) if dates else None,  # type: ignore[type-var]
            )
        )
    out.sort(key=lambda s: natural_key(s.claim.id))
    return out


def _as_floor(claim: model.Claim) -> model.Claim:
    """A subset claim standing in for an unknown total: the total is at least its value."""
    top = _upper(claim)
    return dataclasses.replace(
        claim, value=top, low=top, high=None, qualifier="at_least", part_of=None
    )


def _current(stmts: Sequence[Statement]) -> list[Statement]:
    """The statements a rule works on: wholes, one unit, not superseded, each voice's latest."""
    whole = [s for s in stmts if not s.part]
    if not whole:
        # Only parts are known: each is a floor of the total, never a sum of them.
        top = max(stmts, key=lambda s: (_upper(s.claim), natural_key(s.claim.id)))
        whole = [dataclasses.replace(top, claim=_as_floor(top.claim), part=False)]
    people = [s for s in whole if s.claim.unit == "people"]
    if people:
        whole = people
    left = [s for s in whole if not s.superseded] or whole  # a cycle of updates: keep all
    by_voice: dict[str, list[Statement]] = defaultdict(list)
    for s in left:
        by_voice[s.voice].append(s)
    out: list[Statement] = []
    for members in by_voice.values():
        dated = [s for s in members if s.when is not None]
        if dated:
            newest = max(s.when for s in dated)  # type: ignore[type-var]
            # Statements without a date cannot be shown to be older: they stay.
            members = [s for s in members if s.when is None or s.when == newest]
        out.extend(members)
    out.sort(key=lambda s: natural_key(s.claim.id))
    return out


def _voice_figures(current: Sequence[Statement]) -> list[Statement]:
    """Each voice's figure: its highest statement among its firmest (module doc, step 5)."""
    by_voice: dict[str, list[Statement]] = defaultdict(list)
    for s in current:
        by_voice[s.voice].append(s)
    out = []
    for members in by_voice.values():
        firm = min(_firmness(s.claim) for s in members)
        # max() keeps the first of equal keys: members are in claim-id order, so the choice
        # does not depend on the order the claims came in.
        out.append(
            max(
                (s for s in members if _firmness(s.claim) == firm),
                key=lambda s: (s.claim.value, -_tier(s.claim)),
            )
        )
    return sorted(out, key=lambda s: natural_key(s.claim.id))


def voice_figures(
    claims: Sequence[model.Claim],
    *,
    copies: Mapping[str, str] | None = None,
    sources: Mapping[str, str] | None = None,
    order: Mapping[str, object] | None = None,
) -> list[Statement]:
    """Each independent voice's current figure of the claims of ONE figure (steps 1-5 of the
    module doc): the statements every rule picks from."""
    if not claims:
        return []
    return _voice_figures(_current(statements(claims, copies=copies, sources=sources, order=order)))


def _lowest_credible(figures: Sequence[Statement], current: Sequence[Statement] = ()) -> int:
    best_tier = min(_tier(s.claim) for s in figures)
    return min(_voice_low(s, current) for s in figures if _tier(s.claim) == best_tier)


def _voice_low(figure: Statement, current: Sequence[Statement]) -> int:
    """The least a voice says: its figure's low, or the low of a range it gives up to that
    figure ("between 30 and 42 were killed ... 42 bodies": 30)."""
    low = _lower(figure.claim)
    for s in current:
        c = s.claim
        if (
            s.voice == figure.voice
            and c.qualifier == "range"
            and c.low is not None
            and c.low < low <= _upper(c)
        ):
            low = c.low
    return low


def _candidates(figures: Sequence[Statement]) -> list[Statement]:
    """The voices a single best figure is chosen from: independent ones, stated counts."""
    chosen = [s for s in figures if not s.party] or list(figures)
    firm = min(_firmness(s.claim) for s in chosen)
    return [s for s in chosen if _firmness(s.claim) == firm]


def _ucdp_best(candidates: Sequence[Statement]) -> int:
    values = sorted(s.claim.value for s in candidates)
    counts = Counter(values).most_common()
    if counts[0][1] >= 2 and (len(counts) == 1 or counts[1][1] < counts[0][1]):
        return counts[0][0]
    return values[(len(values) - 1) // 2]


def _latest_best(candidates: Sequence[Statement]) -> int:
    dated = [s for s in candidates if s.when is not None]
    if dated:
        newest = max(s.when for s in dated)  # type: ignore[type-var]
        candidates = [s for s in dated if s.when == newest]
    return max(s.claim.value for s in candidates)


def estimate(
    claims: Sequence[model.Claim],
    *,
    rule: str = "ucdp",
    copies: Mapping[str, str] | None = None,
    sources: Mapping[str, str] | None = None,
    order: Mapping[str, object] | None = None,
) -> model.Estimate:
    """Low / best / high for the claims of ONE figure under a named rule (see module doc).

    ``copies`` maps a claim id or a report key to its canonical one (copies count once);
    ``sources`` maps a claim id to the key of the report it came from (without it, all the
    claims are one report's); ``order`` maps a claim id to its report's publication date (or
    anything sortable; equal values are the same time). ``Estimate.claims`` lists the
    representative claim of each statement the figures were taken from. Returns
    ``Estimate(low=None, best=None, high=None)`` for no claims. Raises ConfigError for an
    unknown rule and InputError for claims of several figures.
    """
    check_rule(rule)
    if not claims:
        return model.Estimate(low=None, best=None, high=None, rule=rule, claims=())
    figures_given = sorted({c.figure for c in claims})
    if len(figures_given) > 1:
        raise errors.InputError(
            f"estimate() takes the claims of one figure; got {', '.join(figures_given)}"
        )
    current = _current(statements(claims, copies=copies, sources=sources, order=order))
    voices = _voice_figures(current)
    low = _lowest_credible(voices, current)
    high = max(max(_upper(s.claim) for s in current), low)
    if rule == "conservative":
        best = low
    elif rule == "max":
        best = high
    elif rule == "ucdp":
        best = _ucdp_best(_candidates(voices))
    else:  # latest
        best = _latest_best(_candidates(voices))
    best = min(max(best, low), high)
    ids = tuple(sorted((s.claim.id for s in current), key=natural_key))
    return model.Estimate(low=low, best=best, high=high, rule=rule, claims=ids)


def _by_figure(claims: Sequence[model.Claim]) -> dict[str, list[model.Claim]]:
    by_figure: dict[str, list[model.Claim]] = defaultdict(list)
    for c in claims:
        by_figure[c.figure].append(c)
    ranked = sorted(
        by_figure, key=lambda f: (model.FIGURES.index(f) if f in model.FIGURES else 99, f)
    )
    return {f: by_figure[f] for f in ranked}


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
    return {
        f: estimate(mine, rule=rule, copies=copies, sources=sources, order=order)
        for f, mine in _by_figure(claims).items()
    }


def record_estimates(record: model.ReportRecord, *, rule: str) -> model.ReportRecord:
    """The record with each incident's estimates made under ``rule`` (its claims unchanged)."""
    check_rule(rule)
    incidents = tuple(
        dataclasses.replace(
            inc, estimates=estimates([c for c in record.claims if c.incident == inc.id], rule=rule)
        )
        for inc in record.incidents
    )
    return dataclasses.replace(record, incidents=incidents)


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
    order: Mapping[str, object] | None = None,
    n_sources: int | None = None,
    perpetrators_by_report: Mapping[str, Sequence[model.Perpetrator]] | None = None,
) -> str:
    """The grade of one incident, after Airwars: confirmed, fair, weak or contested.

    * ``contested``: sources blame different parties (:func:`is_contested`, with
      ``perpetrators_by_report`` when given); this wins.
    * Independent sources = the distinct voices of its current statements (as the estimates
      see them: restatements, copies and superseded figures merged away), or ``n_sources``
      (independent reports) when larger. Independent reports = distinct canonical
      ``sources`` of its claims, or ``n_sources`` when larger (1 without either).
    * Agreement: on the headline figure (``killed``, else the first figure in
      ``model.FIGURES`` order present), each voice's figure is within 1.5x of the lowest or
      2 apart (:func:`figures_agree`).
    * ``confirmed``: 3 or more independent sources that agree, in 2 or more independent
      reports (one report quoting three voices is not yet confirmation).
    * ``fair``: 2 or more sources that agree (short of confirmed), or 3 or more that disagree.
    * ``weak``: 1 source (or none), or 2 that disagree.
    """
    if is_contested(perpetrators, by_report=perpetrators_by_report):
        return "contested"
    copies = copies or {}
    voices: set[str] = set()
    headline: list[int] | None = None
    for mine in _by_figure(claims).values():
        figures = _voice_figures(
            _current(statements(mine, copies=copies, sources=sources, order=order))
        )
        voices |= {s.voice for s in figures}
        if headline is None:
            headline = [s.claim.value for s in figures]
    count = max(len(voices), n_sources or 0)
    whole = [c for c in claims if c.part_of is None]
    reports = {_canonical(sources[c.id], copies) for c in whole if sources and c.id in sources}
    n_reports = max(len(reports), n_sources or 0, 1)
    agree = figures_agree(headline or [])
    if count >= 3:
        return "confirmed" if agree and n_reports >= 2 else "fair"
    if count == 2:
        return "fair" if agree else "weak"
    return "weak"
