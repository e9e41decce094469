"""Lexicons: the organisations that report on conflicts, the armed actors, and event words.

Plain Python data with small matching helpers. Each entry is a regular expression (the ways
a name is written in English-language reports) and what it means. The lists are about who
reports on and who fights in conflicts in general (Syria first, as the project's reports are
mostly Syrian), never about particular reports.

- :data:`ORGANISATIONS`: claimants, with their ``claimant_kind`` (model.CLAIMANT_KINDS).
- :data:`ROLE_KINDS`: words naming a person's role ("a nurse", "the governor") and the kind
  they imply when no organisation is named.
- :data:`ACTORS`: armed actors, normalised to a readable name and an ``actor_kind``.
- :data:`EVENT_CUES`: words naming a violent event, typed with ACLED's sub-event types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tollwatch.extract import actors
from tollwatch.extract.actors import ACTOR_KINDS as ACTOR_KINDS  # re-exported
from tollwatch.extract.actors import Actor
from tollwatch.model import SUB_EVENT_TO_EVENT

# Verbs of a toll's rise or revision ("rose to 45", "was later revised to 82"): the figures
# stage marks the new count an update; the numbers stage reads "rose from 31 to 45" as a
# change of one count, not a range.
TOLL_RISE_VERBS = frozenset(
    """rise rises rose risen rising climb climbs climbed climbing increase increases increased
    increasing jump jumps jumped mount mounts mounted mounting soar soared grow grows grew grown
    swell swelled swollen raise raised raising bring brought bringing push pushed pushing
    revise revised revising update updated updating""".split()
)


@dataclass(frozen=True, kw_only=True, slots=True)
class Organisation:
    """An organisation that reports figures, and how it is written."""

    pattern: str  # regular expression, matched on word boundaries
    kind: str  # model.CLAIMANT_KINDS
    generic: bool = False  # "a monitor", "activists": a kind of source, not one named body
    case_sensitive: bool = False  # acronyms ("WHO", "IS") must keep their case


def _o(pattern: str, kind: str, *, generic: bool = False, cs: bool = False) -> Organisation:
    return Organisation(pattern=pattern, kind=kind, generic=generic, case_sensitive=cs)


_DEFENCE = r"Defen[cs]e"
_CENTRE = r"Cent(?:er|re)"
_ORG = r"Organi[sz]ation"

# Longer names come before their shorter forms so that the longest name wins a tie.
ORGANISATIONS: tuple[Organisation, ...] = (
    # Monitors.
    _o(r"Syrian Observatory for Human Rights", "monitor"),
    _o(r"Syrian Observatory", "monitor"),
    _o(r"SOHR", "monitor", cs=True),
    _o(r"Syrian Network for Human Rights", "monitor"),
    _o(r"SNHR", "monitor", cs=True),
    _o(rf"Violations Documentation {_CENTRE}", "monitor"),
    _o(r"VDC", "monitor", cs=True),
    _o(r"Airwars", "monitor"),
    _o(r"Raqqa is Being Slaughtered Silently", "monitor"),
    _o(r"Action Group for Palestinians of Syria", "monitor"),
    _o(r"Syrian Human Rights Committee", "monitor"),
    _o(r"Deir ?ez-?Zor 24", "monitor"),
    _o(r"Observatory", "monitor", generic=True),
    _o(
        r"(?:British|Britain|UK|U\.K\.|London|Coventry)[- ]based (?:war |conflict )?monitor(?:ing group|ing body)?",
        "monitor",
        generic=True,
    ),
    _o(
        r"(?:war |conflict |human rights )?monitor(?:ing)? (?:group|network|organi[sz]ation|body)",
        "monitor",
        generic=True,
    ),
    _o(r"(?:war |conflict )?monitors?", "monitor", generic=True),
    _o(
        r"(?:monitoring and )?documentation (?:office|centre|center|group)", "monitor", generic=True
    ),
    # Rescue.
    _o(r"White Helmets", "rescue"),
    _o(rf"Syrian Civil {_DEFENCE}", "rescue"),
    _o(rf"Civil {_DEFENCE}", "rescue"),
    _o(
        r"(?:search[- ]and[- ])?rescue (?:workers?|teams?|group|service|volunteers)",
        "rescue",
        generic=True,
    ),
    _o(r"rescuers", "rescue", generic=True),
    # Medical.
    _o(r"Syrian American Medical Society", "medical"),
    _o(r"SAMS", "medical", cs=True),
    _o(r"M[ée]decins Sans Fronti[èe]res", "medical"),
    _o(r"Doctors Without Borders", "medical"),
    _o(r"MSF", "medical", cs=True),
    _o(r"Union of Medical Care and Relief Organi[sz]ations", "medical"),
    _o(r"UOSSM", "medical", cs=True),
    _o(r"Physicians for Human Rights", "medical"),
    # "the health office of Taiz province", "the provincial health department"
    _o(
        r"health (?:directorate|office|department|bureau|authorit(?:y|ies))",
        "medical",
        generic=True,
    ),
    _o(
        r"(?:medical|hospital) (?:sources?|officials?|staff|workers?|director)",
        "medical",
        generic=True,
    ),
    _o(r"(?:para)?medics", "medical", generic=True),
    _o(r"doctors?", "medical", generic=True),
    _o(r"hospital", "medical", generic=True),
    # Red Cross / Red Crescent and other NGOs.
    _o(r"International Committee of the Red Cross", "ngo"),
    _o(r"ICRC", "ngo", cs=True),
    _o(r"Syrian Arab Red Crescent", "ngo"),
    _o(r"SARC", "ngo", cs=True),
    _o(r"International Federation of Red Cross and Red Crescent Societies", "ngo"),
    _o(r"Red Cross", "ngo"),
    _o(r"Red Crescent", "ngo"),
    _o(r"Human Rights Watch", "ngo"),
    _o(r"HRW", "ngo", cs=True),
    _o(r"Amnesty International", "ngo"),
    _o(r"Amnesty", "ngo"),
    _o(r"Save the Children", "ngo"),
    _o(r"Norwegian Refugee Council", "ngo"),
    _o(r"International Rescue Committee", "ngo"),
    _o(r"Mercy Corps", "ngo"),
    _o(r"Oxfam", "ngo"),
    _o(r"Handicap International", "ngo"),
    _o(r"Syria Campaign", "ngo"),
    _o(r"Reporters Without Borders|Reporters Sans Fronti[èe]res", "ngo"),
    _o(r"RSF|CPJ|SCPR", "ngo", cs=True),
    _o(r"Committee to Protect Journalists", "ngo"),
    _o(r"Syrian Cent(?:er|re) for Policy Research", "ngo"),
    _o(r"Siege Watch", "monitor"),
    _o(r"Syrian Archive", "monitor"),
    _o(
        r"(?:aid|relief|humanitarian) (?:groups?|agenc(?:y|ies)|organi[sz]ations?|workers?)",
        "ngo",
        generic=True,
    ),
    # UN agencies.
    _o(r"UN Commission of Inquiry|U\.N\. Commission of Inquiry|Commission of Inquiry", "un_agency"),
    _o(r"Office for the Coordination of Humanitarian Affairs", "un_agency"),
    _o(r"OCHA", "un_agency", cs=True),
    _o(r"(?:UN|U\.N\.|United Nations) [Rr]efugee [Aa]gency", "un_agency"),
    _o(r"United Nations High Commissioner for Refugees", "un_agency"),
    _o(r"UNHCR", "un_agency", cs=True),
    _o(r"UNICEF|Unicef", "un_agency", cs=True),
    _o(r"United Nations Children'?s Fund", "un_agency"),
    _o(rf"World Health {_ORG}", "un_agency"),
    _o(r"WHO", "un_agency", cs=True),
    _o(r"World Food Programm?e", "un_agency"),
    _o(r"WFP", "un_agency", cs=True),
    _o(rf"International {_ORG} for Migration", "un_agency"),
    _o(r"IOM", "un_agency", cs=True),
    _o(r"UNRWA", "un_agency", cs=True),
    _o(r"OHCHR", "un_agency", cs=True),
    _o(
        r"(?:UN|U\.N\.|United Nations) (?:human rights office|rights office|humanitarian office|agency|envoy|official|spokes(?:man|woman|person)|Secretary[- ]General|investigators|office)",
        "un_agency",
    ),
    _o(r"United Nations|U\.N\.?|UN", "un_agency", cs=True),
    _o(r"NGOs?", "ngo", cs=True),
    # State media.
    _o(r"Syrian Arab News Agency", "state_media"),
    _o(r"SANA|Sana", "state_media", cs=True),
    _o(r"al-Ikhbariya|Ikhbariya", "state_media"),
    _o(
        r"(?:Syrian |Russian |Iranian |Turkish |official )?state[- ](?:run )?(?:media|television|TV|news agency|news|broadcaster)",
        "state_media",
        generic=True,
    ),
    _o(
        r"(?:Syria's |Syrian |the )?official (?:news agency|media|television|TV)",
        "state_media",
        generic=True,
    ),
    _o(r"Syrian (?:National |state |Arab )?(?:television|TV)|Syria TV", "state_media"),
    _o(
        r"(?:government|regime)[- ](?:run |controlled )?(?:media|television|TV)",
        "state_media",
        generic=True,
    ),
    _o(r"IRNA|TASS|RIA Novosti|Xinhua", "state_media", cs=True),
    # Armed groups and their media.
    _o(r"Amaq(?: News Agency)?", "armed_group"),
    _o(r"Syrian Democratic Forces", "armed_group"),
    _o(r"SDF|YPG|YPJ|PYD", "armed_group", cs=True),
    _o(r"Hezbollah|Hizbollah|Hizballah", "armed_group"),
    _o(r"Free Syrian Army", "armed_group"),
    _o(r"FSA", "armed_group", cs=True),
    _o(
        r"Jaish al-Islam|Army of Islam|Ahrar al-Sham|Hayat Tahrir al-Sham|Tahrir al-Sham",
        "armed_group",
    ),
    _o(r"(?:al-)?Nusra Front|Jabhat al-Nusra|Jabhat Fateh al-Sham", "armed_group"),
    _o(
        r"(?:rebel|opposition|insurgent) (?:group|fighters|sources?|commanders?|officials?|spokes(?:man|woman)|factions?)",
        "armed_group",
        generic=True,
    ),
    _o(r"rebels|insurgents|militants", "armed_group", generic=True),
    # Government.
    _o(
        r"(?:Syrian |Russian |Turkish |Iraqi |Iranian |Israeli )?(?:Interior|Health|Defen[cs]e|Foreign|Information) Ministry",
        "government",
    ),
    _o(
        r"Ministry of (?:the )?(?:Interior|Health|Defen[cs]e|Foreign Affairs|Information)",
        "government",
    ),
    _o(r"Pentagon|Kremlin|CENTCOM|Central Command|Combined Joint Task Force", "government"),
    _o(r"(?:US|U\.S\.|American) military", "government"),
    _o(
        r"(?:coalition|military|army|security|government|official|police) (?:sources?|officials?|spokes(?:man|woman|person)|statement|command)",
        "government",
        generic=True,
    ),
    _o(
        r"(?:Syrian |Iraqi |Turkish |Russian )?(?:army|military|police|armed forces)",
        "government",
        generic=True,
    ),
    _o(
        r"(?:Syrian |Turkish |Russian |Iraqi )?(?:government|authorities|regime)",
        "government",
        generic=True,
    ),
    # Local officials.
    _o(r"(?:local|city|provincial|town|village) council", "local_official", generic=True),
    _o(r"(?:provincial )?governor|mayor|municipality", "local_official", generic=True),
    _o(r"local officials?|local authorities", "local_official", generic=True),
    # Activists.
    _o(r"Local Coordination Committees?", "activists"),
    _o(r"LCCs?", "activists", cs=True),
    _o(r"Aleppo Media (?:Cent(?:er|re))", "activists"),
    _o(
        r"(?:opposition |local |media |anti-government |Syrian )?activists?",
        "activists",
        generic=True,
    ),
    # Witnesses.
    _o(r"(?:eye)?witnesses|(?:eye)?witness", "witness", generic=True),
    _o(r"residents?|survivors?|locals", "witness", generic=True),
    # Media.
    _o(
        r"Shaam News Network|Shaam Network|Orient TV|Syria Direct|Al[- ]Mayadeen|Al[- ]Mayadin"
        r"|Al[- ]Manar(?: TV)?|Sputnik|RT|Press TV|Fars(?: News Agency)?|Tasnim",
        "media",
        cs=True,
    ),
    _o(
        r"Reuters|Agence France-Presse|AFP|Associated Press|AP|BBC|CNN|Al Jazeera|Al-Jazeera|Al Arabiya|Al-Arabiya|Sky News|Anadolu(?: Agency)?|Orient News|Enab Baladi|Smart News(?: Agency)?|Step News(?: Agency)?|Qasioun|al-Araby al-Jadeed|The New York Times|The Guardian",
        "media",
        cs=True,
    ),
    _o(
        r"(?:local |pro-government |opposition |Kurdish |Turkish )?(?:media|news agency|correspondents?|reporters?|journalists?)",
        "media",
        generic=True,
    ),
)

# Role words of a person who speaks, and the claimant kind they imply ("a nurse" is a
# witness to what they saw, "the governor" a local official). First match wins.
ROLE_KINDS: tuple[tuple[str, str], ...] = (
    (r"governor|mayor|council|municipal|local official|district chief", "local_official"),
    (
        r"minister|ministry|ambassador|president|prime minister|lawmaker|MP|spokes(?:man|woman|person) for the (?:government|army|ministry)",
        "government",
    ),
    (
        r"general|colonel|brigadier|army|military|police|security (?:source|official)|officer",
        "government",
    ),
    (r"monitor|observatory", "monitor"),
    (r"rescue|civil defen[cs]e|white helmets?|volunteer", "rescue"),
    (r"doctor|surgeon|medic|hospital|physician|health official", "medical"),
    (
        r"nurse|witness|resident|survivor|shopkeeper|farmer|father|mother|relative|neighbou?r|teacher|student|photographer",
        "witness",
    ),
    (r"activist", "activists"),
    (r"commander|rebel|fighter|militant|insurgent|faction", "armed_group"),
    (r"UN |U\.N\.|United Nations|envoy", "un_agency"),
    (r"journalist|reporter|correspondent|editor", "media"),
    (r"aid worker|humanitarian|charity", "ngo"),
    (r"official", "government"),
)


@dataclass(frozen=True, kw_only=True, slots=True)
class OrgMatch:
    """An organisation named in a stretch of text."""

    start: int
    end: int
    text: str
    kind: str
    generic: bool


@lru_cache(maxsize=1)
def _org_regexes() -> tuple[tuple[re.Pattern[str], Organisation], ...]:
    out = []
    for org in ORGANISATIONS:
        flags = 0 if org.case_sensitive else re.IGNORECASE
        out.append((re.compile(rf"(?<![\w-])(?:{org.pattern})(?![\w-])", flags), org))
    return tuple(out)


@lru_cache(maxsize=1)
def _org_any() -> re.Pattern[str]:
    parts = [f"(?:{o.pattern})" if o.case_sensitive else f"(?i:{o.pattern})" for o in ORGANISATIONS]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


@lru_cache(maxsize=8192)
def find_organisations(text: str) -> tuple[OrgMatch, ...]:
    """Every organisation named in ``text``, in text order, not overlapping: at each place
    the longest name wins, a specific name over a generic one of the same length.

    One pass of a combined pattern finds where names start; only there are the single
    patterns tried. Cached: speaker phrases recur within and across reports."""
    regexes = _org_regexes()
    found: list[OrgMatch] = []
    pos = 0
    any_org = _org_any()
    while True:
        hit = any_org.search(text, pos)
        if hit is None:
            break
        start = hit.start()
        best: OrgMatch | None = None
        for regex, org in regexes:
            m = regex.match(text, start)
            if m is None:
                continue
            cand = OrgMatch(
                start=start, end=m.end(), text=m.group(), kind=org.kind, generic=org.generic
            )
            if best is None or (cand.end, not cand.generic) > (best.end, not best.generic):
                best = cand
        if best is None:  # the combined pattern and the single ones disagree: move on
            pos = hit.end()
            continue
        found.append(best)
        pos = best.end
    return tuple(found)


@lru_cache(maxsize=1)
def _role_regexes() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(rf"(?<![\w-])(?:{p})", re.IGNORECASE if p != "MP" else 0), kind)
        for p, kind in ROLE_KINDS
    )


@lru_cache(maxsize=8192)
def role_kind(text: str) -> str | None:
    """The claimant kind implied by the role words in ``text`` ("a nurse" → witness), or None."""
    for regex, kind in _role_regexes():
        if regex.search(text):
            return kind
    return None


# ---------------------------------------------------------------------------------------------
# Armed actors: the catalogue in tollwatch/data/actors.toml (tollwatch.extract.actors).

ACTORS: tuple[Actor, ...] = actors.catalogue()


def actor_for(phrase: str) -> Actor | None:
    """The actor ``phrase`` names ("Russian warplanes" → Russia), or None
    (:func:`tollwatch.extract.actors.resolve`)."""
    return actors.resolve(phrase)


# ---------------------------------------------------------------------------------------------
# Event words.


@dataclass(frozen=True, kw_only=True, slots=True)
class EventCue:
    """Words naming a violent event, and the ACLED sub-event type they imply."""

    pattern: str
    sub_event_type: str
    priority: int  # higher: more specific; the most specific cue types an incident
    weak: bool = False  # "attack", "strike": types an incident only when nothing better is said
    kill_verb: bool = False  # "killed": types nothing; only its active subject is an actor

    @property
    def event_type(self) -> str:
        return SUB_EVENT_TO_EVENT[self.sub_event_type]


_AIR = "Air/drone strike"
_SHELL = "Shelling/artillery/missile attack"
_IED = "Remote explosive/landmine/IED"
_SUICIDE = "Suicide bomb"
_CHEM = "Chemical weapon"
_CLASH = "Armed clash"
_ATTACK = "Attack"
_ABDUCT = "Abduction/forced disappearance"


def _e(
    pattern: str, sub: str, priority: int, *, weak: bool = False, kill_verb: bool = False
) -> EventCue:
    return EventCue(
        pattern=pattern, sub_event_type=sub, priority=priority, weak=weak, kill_verb=kill_verb
    )


EVENT_CUES: tuple[EventCue, ...] = (
    _e(
        r"(?:chlorine|sarin|toxic[- ]gas|poison[- ]gas|gas|chemicals?)[- ](?:filled|laden|loaded|tipped)|"
        r"chemical (?:weapons? )?(?:attacks?|strikes?|weapons?|agents?|gas|munitions?|bombs?)|chlorine(?: gas)?(?: attacks?| bombs?)?|sarin(?: gas)?(?: attacks?)?|nerve (?:agent|gas)s?|mustard gas|toxic (?:gas|chemicals?|fumes|substances?)|poison(?:ous)? gas|gas attacks?|suffocation|suffocated",
        _CHEM,
        90,
    ),
    _e(
        r"suicide (?:bomb(?:er|ers|ing|ings|s)?|attacks?|attackers?|car[- ]bomb(?:s|ing|er)?|truck[- ]bomb(?:s|er)?|blasts?|explosions?|vests?|belts?|operations?)|blew (?:himself|herself|themselves) up|self-detonat\w*|explosive (?:vest|belt)s?",
        _SUICIDE,
        85,
    ),
    _e(
        r"car[- ]bomb(?:s|ing|ings)?|truck[- ]bombs?|booby[- ]trap(?:ped|s)?(?: car| vehicle)?|(?:bomb|explosives?)[- ]laden (?:car|vehicle|truck)s?|roadside bombs?|improvised explosive devices?|IEDs?|bomb blasts?|bomb attacks?|(?:motorcycle|motorbike|bicycle|vehicle) bombs?|planted (?:bombs?|explosives?)|explosive devices?|landmines?|land mines?|mines? (?:exploded|blast|explosion|went off)|unexploded ordnance|explosions?|blasts?|exploded|detonated|bombs? (?:exploded|went off)",
        _IED,
        60,
    ),
    _e(r"grenades?", "Grenade", 65),
    _e(
        r"barrel[- ]bomb(?:s|ing|ings|ed)?|(?:air|aerial)[- ]?(?:strikes?|raids?|attacks?|bombardments?|bombing|assaults?|campaign)|airstrikes?|air raids?|war ?planes?|fighter jets?|jets?|helicopters?|aircraft|air force|drones?(?: strikes?| attacks?)?|bombing raids?|bombing runs?|vacuum bombs?|cluster (?:bombs?|munitions?)|incendiary (?:bombs?|weapons?|munitions?)|(?:Russian|Syrian|coalition|regime|government|American|U\.S\.|US|Israeli|Turkish) (?:strikes?|raids?|planes?|bombing)",
        _AIR,
        70,
    ),
    _e(
        r"shell(?:s|ing|ed)|artillery(?: fire| shells?| barrages?)?|mortars?(?: shells?| rounds?| fire| attacks?| bombs?)?|rockets?(?: fire| attacks?| launchers?)?|missiles?(?: strikes?| attacks?)?|Grads?|surface-to-surface|tank fire|bombardments?|heavy weapons fire|cannon fire|hell cannons?",
        _SHELL,
        50,
    ),
    _e(
        r"clash(?:es|ed)?|fighting|battles?|fought|firefights?|gun ?battles?|skirmish(?:es)?|ambush(?:ed|es)?|counter-?attacks?|infighting",
        _CLASH,
        30,
    ),
    _e(
        r"kidnapp(?:ed|ing|ings)|abduct(?:ed|ion|ions)|taken hostage|hostages?|forcibly disappeared|disappearances?",
        _ABDUCT,
        40,
    ),
    _e(r"arrests?|arrested|detained|detentions?|rounded up", "Arrests", 20),
    _e(r"rap(?:e|ed|es)|sexual violence|sexually assaulted", "Sexual violence", 45),
    _e(
        r"(?:(?:opened|open) fire|fired) (?:on|at) (?:civilians|protesters|people|worshippers|a crowd|them|residents|families)|gunmen|shot dead|shot and killed|gunned down|shot (?:them|him|her)|shootings?|sniper(?: fire)?s?|executions?|executed|beheaded|beheadings?|decapitated|slaughtered|crucified|in cold blood|summary killings?|firing squad|stabbed|tortured to death|burned alive|lynched",
        _ATTACK,
        55,
    ),
    # "Bombing" in a war report is mostly from the air; car bombs and blasts have their words.
    _e(r"bombing(?:s)?|bombed|bombs", _AIR, 15),
    # Weak words: they name an event without saying what kind.
    _e(r"strikes?|raids?|struck|hit|targeted|pounded", _AIR, 10, weak=True),
    # "Massacre" and "offensive" say how bad or how big, not what weapon: weak as well.
    _e(r"massacres?|massacred", _ATTACK, 8, weak=True),
    _e(r"(?:military |ground )?offensives?", _CLASH, 7, weak=True),
    _e(r"attacks?|attacked|assaults?|assaulted|violence|bloodshed", _ATTACK, 5, weak=True),
    # Killing verbs: they type nothing, but their subject is who killed.
    _e(r"kill(?:s|ed|ing)?|murder(?:s|ed|ing)?|slew|slain", _ATTACK, 2, weak=True, kill_verb=True),
)


@lru_cache(maxsize=1)
def _event_regexes() -> tuple[tuple[re.Pattern[str], EventCue], ...]:
    return tuple(
        (re.compile(rf"(?<![\w-])(?:{cue.pattern})(?![\w-])", re.IGNORECASE), cue)
        for cue in EVENT_CUES
    )


@lru_cache(maxsize=1)
def _event_any() -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(f"(?:{c.pattern})" for c in EVENT_CUES) + r")(?![\w-])",
        re.IGNORECASE,
    )


def find_event_cues(text: str) -> list[tuple[int, int, EventCue]]:
    """Every event word in ``text``: (start, end, cue), in text order, not overlapping.

    At each place the longest words win ("suicide car bomb" over "car bomb", "air strike"
    over "strike"), then the more specific cue.
    """
    regexes = _event_regexes()
    out: list[tuple[int, int, EventCue]] = []
    pos = 0
    any_cue = _event_any()
    while True:
        hit = any_cue.search(text, pos)
        if hit is None:
            break
        start = hit.start()
        best: tuple[int, int, EventCue] | None = None
        for regex, cue in regexes:
            m = regex.match(text, start)
            if m is not None and (
                best is None or (m.end(), cue.priority) > (best[1], best[2].priority)
            ):
                best = (start, m.end(), cue)
        if best is None:
            pos = hit.end()
            continue
        out.append(best)
        pos = best[1]
    return out
