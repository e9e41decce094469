"""The records tollwatch produces: frozen, keyword-only dataclasses.

These mirror the report record of ``shared/spec/output.md`` (the public output contract).
Every extracted fact carries its evidence: character offsets into the report text exactly as
``Report.text`` holds it. ``to_dict`` gives the JSON shape of the contract.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

FIGURES: tuple[str, ...] = (
    "killed",
    "injured",
    "missing",
    "kidnapped",
    "detained",
    "displaced",
    "evacuated",
    "returned",
    "at_risk",
    "affected",
)
QUALIFIERS: tuple[str, ...] = ("exact", "at_least", "at_most", "about", "range", "vague")
VICTIMS: tuple[str, ...] = (
    "civilians",
    "children",
    "women",
    "men",
    "fighters",
    "soldiers",
    "police",
    "aid_workers",
    "medics",
    "journalists",
    "people",
)
UNITS: tuple[str, ...] = ("people", "households")
CLAIMANT_KINDS: tuple[str, ...] = (
    "government",
    "state_media",
    "armed_group",
    "monitor",
    "ngo",
    "un_agency",
    "rescue",
    "medical",
    "local_official",
    "activists",
    "witness",
    "media",
    "other",
)

# ACLED's event types and sub-event types, spelled as ACLED spells them.
ACLED_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
SUB_EVENT_TO_EVENT: dict[str, str] = {
    sub: event for event, subs in ACLED_EVENT_TYPES.items() for sub in subs
}


# Characters that show nothing and mean nothing in a report: the zero-width space, the word
# joiner, the zero-width no-break space (a BOM inside the text) and the soft hyphen. Pasted web
# text carries them inside words and numbers ("1\u200b2 killed" reads as "12 killed").
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
# Marks that cannot belong to a digit: combining marks (an accent over "1" in "1\u03012"),
# joiners, direction marks and variation selectors right after a digit. Dropped, so that a
# number reads as the digits it shows.
_MARKS_AFTER_DIGIT = re.compile(
    "(?<=[0-9])[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u200c-\u200f\u202a-\u202e\u2066-\u2069\ufe00-\ufe0f]+"
)


# What no text can hold: NUL (no PostgreSQL text column takes it) and lone UTF-16 surrogates
# (a JSON "\ud800" with no pair; they cannot be written as UTF-8). Each becomes U+FFFD, the
# replacement character, so that offsets into the text do not move.
_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")
# Control characters in a one-line field (a title, an outlet): terminal escapes among them.
_FIELD_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def normalise_text(text: str) -> str:
    """The form of a report's text that its id hashes: NFC, unified newlines, trimmed, with
    invisible characters dropped (see ``_INVISIBLE`` and ``_MARKS_AFTER_DIGIT``) and what no
    store can hold replaced (``_UNWRITABLE``)."""
    text = _UNWRITABLE.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _MARKS_AFTER_DIGIT.sub("", text)
    return text.strip()


def clean_field(value: str | None) -> str | None:
    """A one-line metadata field (title, outlet, url, id) as it can be stored and shown:
    control characters become a space, what no store can hold U+FFFD, whitespace is trimmed;
    None when nothing is left."""
    if value is None:
        return None
    value = _UNWRITABLE.sub("\ufffd", value)
    value = _INVISIBLE.sub("", unicodedata.normalize("NFC", value))
    value = " ".join(_FIELD_CONTROLS.sub(" ", value).split())
    return value or None


def content_id(text: str) -> str:
    """Stable id of a report: the SHA-256 of its normalised text."""
    return "sha256:" + hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, kw_only=True, slots=True)
class Span:
    """A stretch of the report text: ``text == report.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, kw_only=True, slots=True)
class Report:
    """One report as read: its text and what is known about it."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str = "en"
    doc_id: str | None = None  # the id the input gave it (a JSONL record's "id")
    source: str | None = None  # where it was read from ("reports.jsonl:12", "<stdin>"); not output
    # What a text file's first lines say (tollwatch.ingest.header); not output: the place it
    # was filed from ("BEIRUT"), and the outlet whose story it republishes.
    dateline: str | None = None
    syndicated_from: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "outlet": self.outlet,
            "url": self.url,
            "language": self.language,
        }
        return out


@dataclass(frozen=True, kw_only=True, slots=True)
class Claim:
    """One figure as somebody stated it."""

    id: str
    figure: str
    value: int
    low: int | None
    high: int | None
    qualifier: str
    count_text: str
    victims: tuple[str, ...] = ()
    unit: str = "people"
    part_of: str | None = None
    claimant: str | None = None
    claimant_kind: str | None = None
    incident: str | None = None
    evidence: Span
    # The words the report uses for the claimant ("the Britain-based monitor", "he"), beside
    # its canonical name in ``claimant``.
    claimant_text: str | None = None
    count_span: Span | None = None  # where count_text stands in the report
    update_of: str | None = None  # id of the earlier claim a rising toll supersedes
    claimant_cue: str | None = None  # the words that named the claimant
    # Where a situation figure (incident None: "50,000 displaced in Idlib") is; an incident's
    # figures have their incident's place.
    place: PlaceRef | None = None
    # What the figures stage knows of the count, for the incidents stage (not output): it
    # tells a toll that rose ("the toll rose to 45": supersedes the figure before it), and a
    # count of some of the victims, not a toll ("six children were among the dead").
    is_update: bool = False
    subset: bool = False
    # a total the report's words make of counts it gives ("five women and a child were
    # killed", "11 killed ... Another five died"): its parts name it in part_of, and each part
    # is a count of its own (an added total's parts may tell of different incidents)
    total: bool = False
    # The registered rules (tollwatch.extract.rules) behind the claim: which pattern made the
    # number a figure, how its claimant was found, why it is in its incident (or in none).
    rule: str | None = None
    claimant_rule: str | None = None
    incident_rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "figure": self.figure,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "count_text": self.count_text,
            "victims": list(self.victims),
            "unit": self.unit,
            "part_of": self.part_of,
            "claimant": self.claimant,
            "claimant_text": self.claimant_text,
            "claimant_kind": self.claimant_kind,
            "incident": self.incident,
            "update_of": self.update_of,
            "place": self.place.to_dict() if self.place else None,
            "evidence": self.evidence.to_dict(),
            "rule": self.rule,
            "claimant_rule": self.claimant_rule,
            "incident_rule": self.incident_rule,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class DateRef:
    """When an incident happened: a resolved range and the words that gave it."""

    start: date | None
    end: date | None
    precision: int | None  # UCDP date_prec: 1 day, 2 2-6 days, 3 week, 4 month, 5 year
    text: str
    span: Span | None = None
    rule: str | None = None
    # How it was found: "stated" (the words name it), "relative" (they count from the
    # publication date: "on Monday", "yesterday"), "publication" (no date words: the
    # publication date stands in, precision 2). None where nobody said (older records).
    basis: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "precision": self.precision,
            "text": self.text,
            "basis": self.basis,
            "rule": self.rule,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class PlaceRef:
    """Where an incident happened: the gazetteer entry chosen and why."""

    name: str
    text: str
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None  # UCDP where_prec 1-7
    gazetteer_id: str | None = None
    rule: str | None = None  # registered rule names joined by "+" (tollwatch.extract.rules)
    span: Span | None = None
    note: str | None = None  # how the rules decided, in words ("country context (SY); ...")

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "text": self.text,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "gazetteer_id": self.gazetteer_id,
            "rule": self.rule,
            "note": self.note,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Perpetrator:
    """An actor blamed for an incident, and who blamed it (null = the report itself)."""

    actor: str
    # state | foreign_state | coalition | rebel | jihadist | kurdish | militia | other
    # (tollwatch.extract.actors.ACTOR_KINDS; the actor is a canonical name of data/actors.toml)
    actor_kind: str | None = None
    alleged_by: str | None = None
    evidence: Span | None = None
    rule: str | None = None  # the registered rule that found the blame

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "actor_kind": self.actor_kind,
            "alleged_by": self.alleged_by,
            "rule": self.rule,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Estimate:
    """Low / best / high for one figure of one incident, and the rule that made it."""

    low: int | None
    best: int | None
    high: int | None
    rule: str
    claims: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "best": self.best,
            "high": self.high,
            "rule": self.rule,
            "claims": list(self.claims),
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Incident:
    """One event a report tells of."""

    id: str
    event_type: str | None = None
    sub_event_type: str | None = None
    date: DateRef | None = None
    place: PlaceRef | None = None
    perpetrators: tuple[Perpetrator, ...] = ()
    headline: dict[str, str] = field(default_factory=dict)
    estimates: dict[str, Estimate] = field(default_factory=dict)
    evidence: Span | None = None  # the words that name the event ("a wave of artillery fire")
    type_rule: str | None = None  # the registered rule that chose the event type

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": self.date.to_dict() if self.date else None,
            "place": self.place.to_dict() if self.place else None,
            "perpetrators": [p.to_dict() for p in self.perpetrators],
            "headline": dict(self.headline),
            "estimates": {k: v.to_dict() for k, v in self.estimates.items()},
            "evidence": self.evidence.to_dict() if self.evidence else None,
            "type_rule": self.type_rule,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class ReportRecord:
    """What one report yields: the contract's record."""

    report: Report
    claims: tuple[Claim, ...] = ()
    incidents: tuple[Incident, ...] = ()
    main_incident: str | None = None
    # What a reviewer should know about how the report was read: a number refused as
    # implausible, an impossible date, a report cut at the work limit.
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"report": self.report.to_dict()}
        if self.report.doc_id is not None:
            out["doc_id"] = self.report.doc_id
        out["claims"] = [c.to_dict() for c in self.claims]
        out["incidents"] = [i.to_dict() for i in self.incidents]
        out["main_incident"] = self.main_incident
        out["notes"] = list(self.notes)
        return out


@dataclass(frozen=True, kw_only=True, slots=True)
class Discard:
    """An input that could not be read as a report, and why (one line)."""

    source: str  # the file name as given, or "<stdin>"
    reason: str
    line: int | None = None  # the JSONL line, when the file is a corpus
    doc_id: str | None = None  # the record's id, when it had one

    @property
    def where(self) -> str:
        """``FILE`` or ``FILE:LINE``."""
        return f"{self.source}:{self.line}" if self.line is not None else self.source

    @property
    def message(self) -> str:
        """``FILE:LINE: reason``, the one-line form the CLI prints after ``Error:``."""
        return f"{self.where}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "line": self.line,
            "doc_id": self.doc_id,
            "reason": self.reason,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Page:
    """An HTML page read from an archive or fetched from the web, not yet turned into a report.

    Its main text is taken out (trafilatura) where extraction runs, so a cluster does that
    work too. ``key`` identifies the input itself (a WARC payload digest, a fetched URL), so a
    run over the same archive again skips the page before parsing it.
    """

    source: str  # where it came from: "archive.warc.gz:17", a URL
    data: bytes
    key: str
    url: str | None = None
    published: date | None = None  # used when the page states no date
    line: int | None = None  # the record's number in its archive
