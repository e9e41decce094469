"""Stage ``places``: the places a report names, resolved against the gazetteer.

Two finders work side by side: a phrase matcher over the report's words, looking every
capitalised run of up to six words up by its :func:`~tollwatch.extract.gazetteer.fold` key
(fast, and it needs no parse: the small spaCy model misses "Aleppo"), and spaCy's GPE/LOC
entities of the sentences that were parsed. Each mention is then

- resolved: the report's country context (the most mentioned country), admin words around
  the name ("in Idlib province", "Aleppo countryside"), population and nearness to the
  report's other places rank the candidates; ``PlaceRef.rule`` says which rule decided;
- qualified: "east Aleppo", "near Manbij", "northern Syria", "Hama countryside", "the
  outskirts of Damascus" keep the named place's coordinates with the UCDP precision that says
  how vague they are;
- judged event-like or not: "speaking from Turkey", "a Paris meeting", "a British-based
  monitor", "Aleppo-based group", "talks in Geneva" are not where anything happened.

:func:`place_for` gives the place of an event told in some sentences.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tollwatch.extract.gazetteer import (
    DEMONYMS,
    SETTLEMENT_KINDS,
    Candidate,
    Gazetteer,
    Place,
    Ranked,
    default_gazetteer,
    distance_km,
    fold,
    rank,
)
from tollwatch.extract.pipeline import Context, Sentence, Stage
from tollwatch.model import PlaceRef, Span

__all__ = ["Gazetteer", "PlaceMention", "find_places", "place_for", "STAGE"]


@dataclass(frozen=True, kw_only=True, slots=True)
class PlaceMention:
    """A place named in the text, resolved against the gazetteer."""

    place: PlaceRef
    span: Span
    sentence: int
    eventlike: bool = True  # False for "speaking from Turkey", "a Paris meeting", "British-based"
    reason: str | None = None  # why it is not where an event happened
    kind: str | None = None  # the gazetteer entry's kind: city, village, admin1, country, ...
    vague: str | None = None  # the words that made it vague ("east", "near", "countryside")
    population: int = 0


# --------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------

# English words that GeoNames also knows as places somewhere ("Deal", "Police", "Many"): a
# capitalised one at a sentence start or in a name is a word, not a place. Countries and
# provinces are never stopped (see _find_matches).
STOPWORDS = frozenset(
    """a about above across after again against all almost also although always among an and
    another any anyone are around as at away back be because been before being below between
    both but by can could day days did do does done down during each early either else even
    ever every few first for four from further had has have he her here hers him his how however
    i if in into is it its just last late least less like little made make man many may me
    men might more most much must my near never new next no nor not now of off often on once one
    only or other our out over own part people per perhaps same second several she should
    since so some still such than that the their them then there these they third this those
    though three through thus to today too two under until up upon us very via was we well were
    what when where whether which while who whom whose why will with within without would yet
    you your
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    police army government military forces force security council union president minister
    ministry official officials spokesman spokeswoman commander general colonel state
    deal mosque hospital school church market university office media press news agency
    human rights civil defence defense red cross crescent health world bank fund nations
    united islamic free national democratic popular republican royal federal central
    airport camp camps border river lake mount mountain valley road street square bridge
    victoria hope paradise unity liberty independence freedom justice peace progress
    reuters associated afp amnesty watch observatory monitor monitoring coalition
    alliance front brigade brigades movement party group groups committee commission
    said told says added according reported report reports statement video photos
    rebel rebels opposition regime troops fighters militants jihadists civilians
    many most much more several some all both each every other others such none
    god allah prophet mercy grace charity faith
    north south east west northern southern eastern western central middle upper lower
    child children women men family families victims survivors residents
    aid relief rescue medical doctors humanitarian refugees refugee migrants
    gas chemical nerve sarin chlorine barrel bomb bombs rocket rockets mortar
    sea ocean gulf coast island islands desert plain plains highlands
    liwa jaish jabhat harakat ahrar katibat saraya ansar hayat hayaat tahrir fatah fateh
    nusra nusrah sham daesh daash isis isil hezbollah hizbollah hamas taliban shabaab
    white helmets shields area areas fort levant pacific atlantic
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty hundred thousand
    million billion sun moon star independent guardian telegraph mirror express bang
    """.split()
)
# Words before a name that make it a person's, not a place's ("President Assad").
_TITLES = frozenset(
    """president minister mr mrs ms dr general gen colonel col commander sheikh shaikh imam
    king prince princess queen pope emir sultan ayatollah spokesman spokeswoman ambassador
    envoy secretary chief director senator lieutenant lt major maj captain capt sergeant
    brigadier marshal judge mayor governor""".split()
)
# Words after a name that make it part of an organisation's name ("Aleppo Media Center").
_ORG_WORDS = frozenset(
    """media center centre council committee committees observatory news agency times post
    network radio tv television coordination revolutionary front brigade brigades movement
    foundation organization organisation institute association union group office press
    university hospital airport club league party bank company corporation""".split()
)
# Connectors that may stand lowercase inside a multi-word name ("Jub al-Quba", "Ras al Ain").
_CONNECTORS = frozenset(
    "al el il ul ash esh ad ed as es an en ar er at et az ez adh edh ath eth de del della "
    "des di da do dos du la le les of on upon y bin ibn bint".split()
)
_TOKEN = re.compile(r"[^\W_]+(?:['’ʿ‘ʾ][^\W_]+)*")

_DEMONYM_TO_COUNTRY: dict[str, str] = {
    d.casefold(): cc for cc, names in DEMONYMS.items() for d in names
}

# Admin words after a name: what kind of entry they ask for, and the precision they give.
_ADMIN_AFTER = re.compile(
    r"^(?:'s|’s)?[\s-]+(?P<w>countryside|province|governorate|region|state|department|district"
    r"|suburbs|outskirts|rural areas|city|town|village|neighbourhood|neighborhood|area|"
    r"camp|refugee camp|municipality)\b",
    re.IGNORECASE,
)
_ADMIN_WORD_KIND = {
    "countryside": ("admin1", 4),
    "province": ("admin1", 4),
    "governorate": ("admin1", 4),
    "region": ("admin1", 4),
    "state": ("admin1", 4),
    "department": ("admin1", 4),
    "rural areas": ("admin1", 4),
    "district": ("admin2", 3),
    "municipality": ("admin2", 3),
    "suburbs": (None, 2),
    "outskirts": (None, 2),
    "area": (None, 2),
    "camp": (None, 2),
    "refugee camp": (None, 2),
    "city": ("settlement", 1),
    "town": ("settlement", 1),
    "village": ("settlement", 1),
    "neighbourhood": ("settlement", 1),
    "neighborhood": ("settlement", 1),
}
_DIRECTION = (
    r"(?:north|south|east|west|northern|southern|eastern|western|central|"
    r"north[- ]?eastern|north[- ]?western|south[- ]?eastern|south[- ]?western|"
    r"north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west)"
)
_DIRECTION_BEFORE = re.compile(rf"\b(?P<w>{_DIRECTION})\s+$", re.IGNORECASE)
_NEAR_BEFORE = re.compile(
    r"\b(?P<w>near|nearby|outside|around|close to|near to|the outskirts of|"
    r"outskirts of|the suburbs of|suburbs of|on the edge of|edge of|the vicinity of|"
    rf"(?:\d+|a few|several)\s*(?:km|kilometres|kilometers|miles)\s+(?:\(\d+ miles\)\s+)?(?:{_DIRECTION}\s+)?of|"
    rf"{_DIRECTION}\s+of)\s+$",
    re.IGNORECASE,
)
_COUNTRYSIDE_BEFORE = re.compile(
    r"\b(?P<w>rural|the countryside of|countryside of|the province of|province of|"
    r"the governorate of|governorate of)\s+$",
    re.IGNORECASE,
)

# Not where an event happened.
_NOT_EVENT_AFTER = [
    (re.compile(r"^[-\s]?based\b", re.IGNORECASE), "based there"),
    (
        re.compile(r"^-(?:led|backed|supported|brokered|sponsored|made|allied|funded)\b"),
        "an adjective of a country, not a place",
    ),
    (
        re.compile(
            r"^(?:'s|’s)?\s+(?:peace\s+)?(?:meeting|meetings|talks|conference|summit|"
            r"negotiations|agreement|accord|process|deal|declaration|communiqu[eé]|"
            r"round|format|convention|protocol)\b",
            re.IGNORECASE,
        ),
        "a meeting or agreement named after it",
    ),
    (
        re.compile(
            r"^(?:'s|’s)?\s+(?:government|regime|authorities|officials|embassy|ambassador|"
            r"envoy|foreign ministry|foreign minister|defence ministry|defense ministry|"
            r"president|prime minister|allies|delegation|mission to)\b",
            re.IGNORECASE,
        ),
        "a government or its people, not a place",
    ),
    (
        re.compile(
            r"^\s+(?:has\s+|have\s+|had\s+)?(?:said|says|accused|denied|blamed|announced|"
            r"urged|warned|condemned|called|claimed|insisted|rejected|vetoed|voted)\b"
            # "… in Homs has claimed the lives of 40": a toll, not a government speaking
            r"(?!\s+(?:the\s+)?(?:lives?|\d))",
            re.IGNORECASE,
        ),
        "a government speaking, not a place",
    ),
]
# A list of names before the one at hand: "from Iran and Pakistan", "to Turkey, Lebanon and".
_LIST = r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:,\s*|\s+and\s+|,\s+and\s+))*"
_NOT_EVENT_BEFORE = [
    (
        re.compile(
            r"\b(?:speaking|spoke|talking|talked|writing|wrote|reporting|calling|called|"
            r"interviewed|phoned|said)\s+(?:to \w+\s+)?(?:by (?:tele)?phone\s+)?from\s+"
            + _LIST
            + "$",
            re.IGNORECASE,
        ),
        "speaking from there",
    ),
    (
        re.compile(
            r"\b(?:based|headquartered|exiled|in exile|living|lives|residing|resident)\s+in\s+"
            r"(?:the\s+)?$",
            re.IGNORECASE,
        ),
        "based there",
    ),
    (
        re.compile(
            r"\b(?:talks|meeting|meetings|met|meet|conference|summit|negotiations|negotiators|"
            r"gathered|convened|hosted|delegates|diplomats)\b[^.;]{0,40}?\b(?:in|at)\s+"
            r"(?:the\s+)?$",
            re.IGNORECASE,
        ),
        "a meeting held there",
    ),
    (
        re.compile(
            r"\b(?:ambassador|envoy|embassy|consulate|delegation|mission)\s+(?:to|in)\s+"
            r"(?:the\s+)?$",
            re.IGNORECASE,
        ),
        "a diplomatic post",
    ),
    (
        re.compile(
            r"\b(?:fled|flee|flees|fleeing|escaped|crossed|crossing|sought refuge|"
            r"taken|evacuated|moved|travelled|traveled|arrived|sent|deported)\s+"
            r"(?:\w+\s+){0,3}?(?:in)?to\s+(?:neighbouring\s+|neighboring\s+|the\s+)?" + _LIST + "$",
            re.IGNORECASE,
        ),
        "a destination",
    ),
    (
        re.compile(
            r"\b(?:returned|returning|return|returnees|repatriated|deported|expelled)\s+"
            r"(?:\w+\s+){0,2}?from\s+(?:neighbouring\s+|neighboring\s+|the\s+)?" + _LIST + "$",
            re.IGNORECASE,
        ),
        "where people came back from",
    ),
    (
        re.compile(
            r"\b(?:State|Army|Front|Council|Coalition|Forces|Republic|Ministry|University|Bank|"
            r"Office|Commission|Mission|Agency|Committee|Observatory|Movement|Party|Network|"
            r"Centre|Center|Institute|Organisation|Organization)\s+(?:in|of|for)\s+(?:the\s+)?$"
        ),
        "part of an organisation's name",
    ),
]
# "the city"/"the town": refers back to the last city named; with a part word it is vague.
_THE_CITY = re.compile(r"\bthe\s+(?:city|town)\b(?!\s+(?:of|council|'s|’s)\b)", re.IGNORECASE)
_PART_OF_THE_CITY = re.compile(
    r"\bthe\s+(?:[\w-]+\s+){0,4}?(?:side|sides|part|parts|areas?|districts?|neighbou?rhoods?|"
    r"quarters?|outskirts|suburbs|edge|edges|centre|center|east|west|north|south)\s+of\s+$",
    re.IGNORECASE,
)

# An ambiguous name outside the context country needs this many people to be believed; when
# the report has a country, a foreign town must be a big one ("a Paris meeting", "Gaziantep").
MIN_FOREIGN_POPULATION = 15_000
MIN_FOREIGN_POPULATION_IN_CONTEXT = 100_000
FAR_KM = 150.0  # a small place this far from all the report's other places is doubtful
_KIND_RANK = {
    "neighbourhood": 0,
    "village": 1,
    "town": 1,
    "place": 1,
    "city": 2,
    "region": 3,
    "admin3": 3,
    "admin2": 4,
    "admin1": 5,
    "area": 6,
    "country": 7,
}


# --------------------------------------------------------------------------------------------
# Finding the places of a text
# --------------------------------------------------------------------------------------------


@dataclass
class _Match:
    start: int  # offsets in the text searched
    end: int
    key: str
    candidates: list[Candidate]
    sentence: int
    sentence_start: int
    entity: bool = False  # spaCy also took it for a GPE/LOC
    ranked: list[Ranked] | None = None
    unresolved: bool = False
    words: int = 1
    initial: bool = False  # first word of its sentence (capitalised whatever it is)
    text: str = ""  # the text searched


def _is_cap(token: str) -> bool:
    return token[:1].isupper()


_GAP = re.compile(r"[ \t\u00a0]{1,3}|[ \t\u00a0]?[-–][ \t\u00a0]?")


def _ngrams(text: str, base: int) -> list[tuple[int, int, str, int]]:
    """(start, end, key, word count) of every run of words that may be a name in ``text``."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    out = []
    for i, (s, _e, tok) in enumerate(tokens):
        low = tok.lower()
        if not _is_cap(tok) and not (low in _CONNECTORS and text[_e : _e + 1] == "-"):
            continue
        if _is_cap(tok) and low in _FUNCTION_WORDS and text[_e : _e + 1] != "-":
            continue  # "An Aleppo-based group": English "An", not the Arabic article
        end_i = i
        for j in range(i, min(i + 6, len(tokens))):
            if j > i:
                gap = text[tokens[j - 1][1] : tokens[j][0]]
                if not _GAP.fullmatch(gap):
                    break
            tj = tokens[j][2]
            if not _is_cap(tj) and tj.lower() not in _CONNECTORS:
                break
            end_i = j
            if (_is_cap(tj) or tj[:1].isdigit()) and tj.lower() not in _CONNECTORS:
                phrase = text[s : tokens[end_i][1]]
                out.append((base + s, base + tokens[end_i][1], fold(phrase), end_i - i + 1))
                # "Damascus countryside": a province named so (Rif Dimashq), when it is one.
                if j + 1 < len(tokens) and tokens[j + 1][2].lower() == "countryside":
                    if text[tokens[j][1] : tokens[j + 1][0]] == " ":
                        key = fold(text[s : tokens[j + 1][1]])
                        out.append((base + s, base + tokens[j + 1][1], key, end_i - i + 2))
                # "eastern Ghouta": a region whose name starts with a direction word.
                if i > 0 and tokens[i - 1][2].lower() in _DIRECTION_WORDS:
                    ps = tokens[i - 1][0]
                    if text[tokens[i - 1][1] : s] == " ":
                        key = fold(text[ps : tokens[end_i][1]])
                        out.append((base + ps, base + tokens[end_i][1], key, end_i - i + 2))
    return out


def _before(text: str, start: int, width: int = 60) -> str:
    return text[max(0, start - width) : start]


def _after(text: str, end: int, width: int = 40) -> str:
    return text[end : end + width]


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([^\W_]+)[^\w]*$", text[max(0, start - 40) : start])
    return m.group(1) if m else ""


def _at_sentence_start(text: str, start: int, sentence_start: int) -> bool:
    return not text[sentence_start:start].strip(" \"'“‘(")


def find_places(
    text: str,
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    *,
    extra_context: str = "",
) -> list[PlaceMention]:
    """Every place named in ``text`` (split into ``sentences``), resolved and judged.

    ``extra_context`` (e.g. the title when it is not part of the text) counts towards the
    report's country context but yields no mentions.
    """
    return _find_places(text, sentences, gazetteer, extra_context=extra_context)[0]


def _find_places(
    text: str,
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    *,
    extra_context: str = "",
) -> tuple[list[PlaceMention], str | None]:
    """The places of ``text`` and the report's country context (ISO2 or None)."""
    # 1. Phrase matches over capitalised runs of words.
    grams: list[tuple[int, int, str, int, int, int]] = []
    for sent in sentences:
        for s, e, key, n in _ngrams(sent.text, sent.start):
            grams.append((s, e, key, n, sent.index, sent.start))
    # Keys of "Syrias" (an apostrophe lost: "Syria's") are looked up too, to know countries.
    possessive = {fold(text[g[0] : g[1] - 1]) for g in grams if g[3] == 1 and text[g[1] - 1] == "s"}
    found = gazetteer.lookup_folds({g[2] for g in grams} | possessive)
    country_keys = {
        k for k, cands in found.items() if any(c.place.kind == "country" for c in cands)
    }
    # Longest match first, no overlaps.
    grams.sort(key=lambda g: (g[0], -(g[1] - g[0])))
    matches: list[_Match] = []
    last_end = -1
    for s, e, key, n, si, ss in grams:
        if s < last_end or key not in found:
            continue
        m = _Match(
            start=s,
            end=e,
            key=key,
            candidates=found[key],
            sentence=si,
            sentence_start=ss,
            words=n,
            initial=_at_sentence_start(text, s, ss),
            text=text,
        )
        if _keep(text, m, n, country_keys, found):
            matches.append(m)
            last_end = e
    # 2. spaCy's GPE/LOC entities where a sentence was parsed.
    _add_entities(text, sentences, gazetteer, matches)
    matches.sort(key=lambda m: m.start)

    # 3. The report's country context.
    # A country named as a place ("in Syria") counts for more than one named as an actor
    # ("US-led", "Russia said", "speaking from Turkey"); a town or province whose name
    # belongs to one country above all counts for that country.
    counts: Counter[str] = Counter()
    for m in matches:
        eventlike = _not_event(text, m) is None
        country_cands = [c for c in m.candidates if c.place.kind == "country"]
        if country_cands and country_cands[0].place.country:
            located = _LOCATIVE_BEFORE.search(_before(text, m.start, 30))
            weight = 1.0 if (eventlike and located) else 0.3 if eventlike else 0.1
            counts[country_cands[0].place.country] += weight
            continue
        owner = _dominant_country(m.candidates)
        if owner:
            # A big town is good evidence of the report's country; a village that happens to
            # share a word of the text ("Jobar", a German village) is weak evidence.
            big = (
                max(
                    (
                        c.place.population
                        for c in m.candidates
                        if c.place.country == owner and c.place.kind in SETTLEMENT_KINDS
                    ),
                    default=0,
                )
                >= 50_000
            )
            word = _ADMIN_AFTER.match(_after(text, m.end))
            named_unit = (
                word is not None and _ADMIN_WORD_KIND[word.group("w").lower()][0] == "admin1"
            )
            weight = 1.0 if (big or named_unit) else 0.3
            counts[owner] += weight if eventlike else weight / 4
    counts.update(demonym_counts(text + " " + extra_context))
    if extra_context:
        for c_list in gazetteer.lookup_folds(
            {fold(w) for w in re.findall(r"[A-Z][\w'-]+", extra_context)}
        ).values():
            for c in c_list:
                if c.place.kind == "country" and c.place.country:
                    counts[c.place.country] += 1.0
    context_country = counts.most_common(1)[0][0] if counts else None

    # 4. Rank: first alone, then with admin hints and nearness to the places first settled.
    hints = _admin_hints(text, matches, context_country)
    for m in matches:
        m.ranked = _rank(text, m, context_country, hints.get(m.sentence), ())
    near = [
        (r.candidate.place.lat, r.candidate.place.lon)
        for m in matches
        if m.ranked
        for r in m.ranked[:1]
        if r.candidate.place.lat is not None
        and r.candidate.place.kind in SETTLEMENT_KINDS
        and (r.rule == "only candidate" or r.candidate.place.country == context_country)
        # A word matched by chance ("Shot" of "Helicopter is Shot Down", a village abroad)
        # is rejected below: it must not make the report's real places look far-fetched.
        and _plausible(m, r.candidate.place, context_country, r.candidate.primary)
    ]
    out: list[PlaceMention] = []
    resolved: list[tuple[_Match, Ranked]] = []
    elsewhere: set[str] = set()  # names the text puts in another province than the gazetteer
    for m in matches:
        if m.unresolved:
            mention = _unresolved(text, m, context_country)
            if mention:
                out.append(mention)
            continue
        own = m.ranked[0].candidate.place if m.ranked else None
        others = [p for p in near if not own or (p != (own.lat, own.lon))]
        m.ranked = _rank(text, m, context_country, hints.get(m.sentence), others)
        if not m.ranked:
            continue
        best = m.ranked[0]
        place = best.candidate.place
        if not _plausible(m, place, context_country, best.candidate.primary):
            continue
        if _far_fetched(best, others):
            continue
        if _other_province(text, m, best, matches):
            # "Adra in Damascus countryside" where the gazetteer's only Adra-like town lies
            # in another province: a place it lacks, located by the province named.
            elsewhere.add(m.key)
        resolved.append((m, best))
    for m, best in resolved:
        if m.key in elsewhere:
            mention = _unresolved(text, m, context_country)
            if mention:
                out.append(mention)
        else:
            out.append(_mention(text, m, best))
    out.extend(_unknown_parts(text, sentences, out, context_country))
    out = _placed_unknowns(text, sorted(out, key=lambda pm: pm.span.start))
    out.sort(key=lambda pm: pm.span.start)
    out.extend(_the_city(text, sentences, out))
    out.sort(key=lambda pm: pm.span.start)
    return out, context_country


_NAME_WORD = r"(?:[A-Z][\w'’ʿ]*|al|el|ad|ar|as|ash|at|az|an|ez|ed)"
_UNKNOWN_PART = re.compile(
    rf"\b(?P<name>[A-Z][\w'’ʿ]*(?:[\s-]{_NAME_WORD}){{0,4}})"
    # "Rajem al-Sleibi village" or "Rajem al-Sleibi, a small village on the border"
    r"(?:\s+|,\s+an?\s+(?:small\s+|tiny\s+|remote\s+|border\s+)?)"
    r"(?P<w>neighbourhood|neighborhood|district|quarter|area|county|village|town|camp|"
    r"locality|sub-district|subdistrict)\b"
)
# Parts of a city: placed in the last city named even when the text does not say which.
_CITY_PARTS = frozenset("neighbourhood neighborhood district quarter".split())


def _unknown_parts(
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[PlaceMention],
    country: str | None = None,
) -> list[PlaceMention]:
    """'the Jub al-Quba neighbourhood' the gazetteer lacks: a part of the last city named;
    'Siphepha area', 'Uror county' with no city to belong to: a place of the report's
    country known by its name only."""
    out: list[PlaceMention] = []
    cities = [pm for pm in mentions if pm.kind in ("city", "town")]
    known = [pm for pm in mentions if pm.place.gazetteer_id and pm.kind != "country"]
    for sent in sentences:
        for hit in _UNKNOWN_PART.finditer(sent.text):
            s = sent.start + hit.start("name")
            e = sent.start + hit.end("name")
            name = hit.group("name")
            while name.split()[0].lower() in STOPWORDS and " " in name:
                cut = name.index(" ") + 1
                name, s = name[cut:], s + cut
            if name.split()[0].lower() in STOPWORDS or not name.split("-")[-1][:1].isupper():
                continue
            if (name.isupper() and len(name) <= 5) or any(
                w.lower() in _PEOPLES or w.lower() in _DEMONYM_TO_COUNTRY for w in name.split()
            ):
                continue  # "the Arab Sunni village", "a UN camp": who, not where
            if any(pm.span.start < e and s < pm.span.end for pm in mentions):
                continue
            # "the Salah Eddin neighbourhood of/in Aleppo": the city named right after, else
            # the last one named before.
            after_end = sent.start + hit.end()
            word = hit.group("w").lower()
            following = [
                pm
                for pm in (cities if word in _CITY_PARTS else known)
                if after_end <= pm.span.start <= after_end + 12
                and re.fullmatch(
                    r"\s+(?:of|in)\s+(?:the\s+)?(?:city\s+of\s+)?", text[after_end : pm.span.start]
                )
            ]
            prior = [pm for pm in cities if pm.span.end <= s] if word in _CITY_PARTS else []
            if not (following or prior):
                if word in _UNITS_ALONE:
                    unit = _unit_mention(text, sent, s, e, name, word, country)
                    if unit is not None:
                        out.append(unit)
                continue
            city = following[0] if following else prior[-1]
            span = Span(start=s, end=e, text=text[s:e])
            ref = replace(
                city.place,
                name=name,
                text=span.text,
                admin2=city.place.admin2,
                precision=max(2, min(city.place.precision or 2, 4)),
                gazetteer_id=None,
                rule=f"{'an' if word[0] in 'aeiou' else 'a'} {word} not in the gazetteer: "
                f"part of {city.place.name}, "
                + ("named beside it" if following else "named before"),
                span=span,
            )
            out.append(
                PlaceMention(
                    place=ref,
                    span=span,
                    sentence=sent.index,
                    kind="neighbourhood" if word in _CITY_PARTS else "place",
                    vague=hit.group("w"),
                )
            )
    # The same words later on ("Many of the victims in Jub al-Quba ...") name the same part.
    again: list[PlaceMention] = []
    taken = [(pm.span.start, pm.span.end) for pm in [*mentions, *out]]
    for pm in out:
        for hit in re.finditer(rf"(?<![\w-]){re.escape(pm.span.text)}(?![\w-])", text):
            s, e = hit.start(), hit.end()
            if any(a < e and s < b for a, b in taken):
                continue
            sent = next((x for x in sentences if x.start <= s < x.end), None)
            if sent is None:
                continue
            span = Span(start=s, end=e, text=text[s:e])
            again.append(
                replace(
                    pm,
                    place=replace(pm.place, text=span.text, span=span),
                    span=span,
                    sentence=sent.index,
                )
            )
            taken.append((s, e))
    return out + again


# Unit words that make a name a place even when the gazetteer lacks it and no city is named
# ("Siphepha area", "Uror county"), with the UCDP precision of such a place.
_UNITS_ALONE = {
    "area": 2,
    "village": 1,
    "town": 1,
    "locality": 2,
    "county": 3,
    "district": 3,
    "sub-district": 3,
    "subdistrict": 3,
}


def _unit_mention(
    text: str, sent: Sentence, s: int, e: int, name: str, word: str, country: str | None
) -> PlaceMention | None:
    """A place the gazetteer lacks, named with its unit word ("Bimbwi area")."""
    m = _Match(
        start=s,
        end=e,
        key=fold(name),
        candidates=[],
        sentence=sent.index,
        sentence_start=sent.start,
        initial=_at_sentence_start(text, s, sent.start),
        text=text,
    )
    if m.initial and " " not in name:
        return None  # "Police district", "Camp …" at a sentence start: too little evidence
    reason = _not_event(text, m)
    span = Span(start=s, end=e, text=text[s:e])
    ref = PlaceRef(
        name=name,
        text=span.text,
        country=country,
        precision=_UNITS_ALONE[word],
        rule=f"{'an' if word[0] in 'aeiou' else 'a'} {word} not in the gazetteer"
        + ("; country from the report's context" if country else ""),
        span=span,
    )
    return PlaceMention(
        place=ref,
        span=span,
        sentence=sent.index,
        eventlike=reason is None,
        reason=reason,
        kind="place",
        vague=word,
    )


# Between a place the gazetteer lacks and a known one that locates it: "Moadamiya near
# Damascus", "Macina area in Segou region", "Kafr Batna, Rif Dimashq", "X (Y) near Z".
_PLACED_BY = re.compile(
    r"^(?:\s*\([^()]{1,40}\))?(?:\s+(?P<unit>area|county|district|village|town|camp|"
    r"region|locality))?\s*(?:,\s*|\s+(?P<how>in|of|near|outside|close to|north of|"
    r"south of|east of|west of|northeast of|northwest of|southeast of|southwest of)\s+)"
    r"(?:the\s+)?(?:(?:city|town|province|governorate|region)\s+of\s+)?$",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"^\s+(area|county|district|sub-district|village|town|camp|locality)\b", re.IGNORECASE
)
_UNIT_SUFFIX = re.compile(
    r"\s+(?:area|county|district|sub-district|village|town|camp|locality)$", re.IGNORECASE
)


def _placed_unknowns(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Places the gazetteer lacks, located by the known place named right after them: the
    known place's admin1, admin2, country and coordinates, the precision of "near"."""
    out = list(mentions)
    for n, pm in enumerate(out):
        if pm.place.gazetteer_id or pm.place.name is None:
            continue
        name = _UNIT_SUFFIX.sub("", pm.place.name) or pm.place.name
        ref = pm.place
        if ref.precision is None:
            # "Uror county" (the entity took the word) or "Bimbwi area" (it did not).
            word = ref.name[len(name) :].strip().lower()
            unit = _UNIT_AFTER.match(_after(text, pm.span.end))
            if not word and unit:
                word = unit.group(1).lower()
            if word:
                ref = replace(ref, name=name, precision=_UNITS_ALONE.get(word, 2))
        anchor = None
        for other in out[n + 1 : n + 3]:
            if other.sentence != pm.sentence or not other.place.gazetteer_id:
                continue
            gap = text[pm.span.end : other.span.start]
            if other.vague and other.span.text.lower().startswith(other.vague.lower()):
                gap += other.vague + " "  # "near Damascus": the mention took the word
            hit = _PLACED_BY.match(gap)
            if hit and other.place.country and other.kind != "country":
                anchor = (other, hit)
            break
        if anchor is not None:
            other, hit = anchor
            how = (hit.group("how") or "in").lower()
            near = how not in ("in", "of")
            admin1 = other.place.admin1 or (other.place.name if other.kind == "admin1" else None)
            if ref.admin1 is None or ref.country != other.place.country:
                ref = replace(
                    ref,
                    name=name,
                    admin1=admin1,
                    admin2=other.place.admin2 if other.kind not in ("admin1",) else None,
                    country=other.place.country,
                    lat=other.place.lat,
                    lon=other.place.lon,
                    precision=max(ref.precision or 1, 2)
                    if near
                    else ref.precision or (4 if other.kind == "admin1" else 2),
                    rule=f"not in the gazetteer: {how} {other.place.name}",
                )
        if ref is not pm.place:
            out[n] = replace(pm, place=ref, kind=pm.kind or "place")
    # The same name elsewhere in the text is the same place ("Adra", then "Adra in Damascus
    # countryside").
    placed = {
        fold(pm.place.name): pm.place
        for pm in out
        if not pm.place.gazetteer_id and pm.place.admin1 and pm.place.name
    }
    for n, pm in enumerate(out):
        if pm.place.gazetteer_id or pm.place.admin1 or not pm.place.name:
            continue
        known = placed.get(fold(pm.place.name))
        if known is not None:
            ref = replace(known, text=pm.place.text, span=pm.place.span)
            out[n] = replace(pm, place=ref, kind=pm.kind or "place")
    return out


_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|inside|across|throughout|into|within|around|of|near|northern|southern|eastern|"
    r"western|central|north|south|east|west|northeast|northwest|southeast|southwest|"
    r"north-east|north-west|south-east|south-west|war-torn|rural)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _dominant_country(candidates: Sequence[Candidate]) -> str | None:
    """The country a name belongs to above all: its places there outweigh the others tenfold."""
    best: dict[str, int] = {}
    for c in candidates:
        if c.place.country:
            pop = max(c.place.population, 1)
            best[c.place.country] = max(best.get(c.place.country, 0), pop)
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if len(ranked) == 1 or ranked[0][1] >= 10 * ranked[1][1]:
        return ranked[0][0] if ranked[0][1] >= 1000 or len(ranked) == 1 else None
    return None


def demonym_counts(text: str) -> Counter[str]:
    """Country adjectives of ``text`` ("Syrian", "Iraqi"), by ISO2: half a mention each,
    none before "border"."""
    counts: Counter[str] = Counter()
    for hit in re.finditer(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?", text):
        word, end = hit.group(), hit.end()
        cc = _DEMONYM_TO_COUNTRY.get(word.casefold())  # "Sri Lankan", "South Sudanese"
        if cc is None:
            first = word.split()[0]
            cc = _DEMONYM_TO_COUNTRY.get(first.casefold())
            end = hit.start() + len(first)
        if cc is None:
            continue
        after = text[end : end + 12]
        if re.match(r"[\s-]+(?:border|frontier)", after):
            continue  # "the Lebanese border": where a report from the other side stands
        counts[cc] += 0.5  # "Russian warplanes": an actor as often as a place
    return counts


def _keep(
    text: str,
    m: _Match,
    words: int,
    country_keys: frozenset[str] | set[str] = frozenset(),
    found_keys: frozenset[str] | set[str] | dict = frozenset(),
) -> bool:
    """Whether a phrase match may be a place at all (not a common word or part of a name)."""
    surface = text[m.start : m.end]
    has_area = any(c.place.kind == "country" for c in m.candidates)
    low = surface.casefold()
    if low in _DEMONYM_TO_COUNTRY:
        return False
    if _STORM_BEFORE.search(_before(text, m.start, 40)) or _STORM_AFTER.match(_after(text, m.end)):
        return False  # "Cyclone Roanu", "the cyclone, Roanu,", "Haiyan typhoon": a storm's name
    content = [t.lower() for t in _TOKEN.findall(surface) if t.lower() not in _CONNECTORS]
    # "Unity state", "Central province": a common word that names a province when the admin
    # word says so.
    unit = _named_unit(text, m)
    if (
        not has_area
        and not unit
        and all(t in STOPWORDS or t in _PERSON_NAMES or t in _TOPO_WORDS for t in content)
    ):
        return False
    if low in _STOP_PHRASES:
        return False
    if not surface.isupper():
        # "CAR" is the Central African Republic, "Car bomb" is not.
        m.candidates = [
            c for c in m.candidates if not (c.matched.isupper() and len(c.matched) <= 5)
        ]
        if not m.candidates:
            return False
    if words == 1 and surface.isupper() and len(surface) <= 5:
        # Acronyms (ISIS, SDF, UN) are not places; "US", "UK" are countries, and a region
        # known by its acronym ("FATA") is that region, nothing else.
        countries = [
            c
            for c in m.candidates
            if c.place.kind == "country"
            or (c.place.kind in ("area", "region") and c.matched == surface)
        ]
        if not countries:
            return False
        m.candidates = countries
    prev = _name_word_before(text, m.start, m.sentence_start)
    if prev and (fold(prev) in country_keys or fold(prev[:-1]) in country_keys):
        prev = None  # "Syrias Idlib": a country's name before, not a person's
    if prev and prev.lower() in _TITLES:
        return False  # "President Assad"
    if prev and not any(c.place.kind == "country" for c in m.candidates) and not unit:
        # "Jawad al-Rifai", "World War II": the end of a longer name; but "Saraqeb Idlib
        # province" lists a town and its province.
        return False
    small = max((c.place.population for c in m.candidates), default=0) < 100_000
    if not has_area and small and _SAYS_AFTER.match(_after(text, m.end)):
        return False  # "Rifai said": a person
    nxt = _NAME_AFTER.match(_after(text, m.end))
    if (
        nxt
        # "Tal Abyad Raqqa" is a list of places; "Khan al-Assad" is one name.
        and (nxt.group(1) or fold(nxt.group(2)) not in found_keys)
        and not has_area
        and nxt.group(2).lower() not in STOPWORDS
        and nxt.group(2).lower() not in _ADMIN_WORD_KIND
        and (
            nxt.group(1)  # "Bab Al-Mandab", "Ras al-Ain": an Arabic name goes on
            or max((c.place.population for c in m.candidates), default=0) < 100_000
        )
    ):
        return False  # "Tal" of "Tal Rifaat": the start of a longer name the gazetteer lacks
    return True


_STORM_BEFORE = re.compile(
    r"\b(?:cyclone|storm|typhoon|hurricane|tropical depression)"
    r"(?:\s+of\s+the\s+[a-z]+(?:\s+[a-z]+)?)?\s*,?\s*$",
    re.IGNORECASE,
)
_STORM_AFTER = re.compile(r"^\s+(?:cyclone|storm|typhoon|hurricane)\b", re.IGNORECASE)


def _named_unit(text: str, m: _Match) -> bool:
    """Whether the name is followed by a province word and may name a province ("Unity
    state", "Idlib province")."""
    word = _ADMIN_AFTER.match(_after(text, m.end))
    return (
        word is not None
        and _ADMIN_WORD_KIND[word.group("w").lower()][0] == "admin1"
        and any(c.place.kind == "admin1" for c in m.candidates)
    )


_NAME_AFTER = re.compile(r"^[ -]((?i:al|el|ad|ar|as|ash|at|az|an|ez|ed)[- ])?([A-Z][\w'’]*)")
_STOP_PHRASES = frozenset(
    [
        "middle east",
        "near east",
        "far east",
        "white house",
        "arab world",
        "gulf states",
        "security council",
        "human rights",
        "red crescent",
        "red cross",
    ]
)
# Generic words of Arabic place names, never a place alone ("Wadi", "Tal", "Jebel").
_TOPO_WORDS = frozenset(
    """wadi jebel jabal tal tell tel kafr kfar beit bayt umm abu bir khirbet khirbat jisr
    hayy harat ain ayn ras qasr deir dayr nahr sahl burj khan souq suq northeastern northwestern southeastern
    southwestern northeast northwest southeast southwest""".split()
)
# Peoples and faiths spaCy may tag as places.
_PEOPLES = frozenset(
    """alawite alawites sunni sunnis shia shias shiite shiites kurd kurds druze christian
    christians muslim muslims arab arabs turkmen yazidi yazidis assyrian assyrians armenian
    armenians jews jewish israelis palestinians rohingya kurdish arabic bedouin christian
    sunnite shiite alawi ismaili circassian tribal rebel government""".split()
)

_FUNCTION_WORDS = frozenset(
    """a an the in on at of for from to into onto near by with and or but as than over under
    after before since during across through between against around outside inside toward
    towards via while when where if amid among""".split()
)


def _name_word_before(text: str, start: int, sentence_start: int) -> str | None:
    """The capitalised word a name continues ("Jawad" of "Jawad al-Rifai"), or None.

    Words joined to the match by a space or hyphen, connectors ("al") skipped; a word that
    only starts the sentence, a function word ("In") or a direction ("Eastern") does not count.
    """
    pos = start
    while True:
        m = re.search(r"([^\W_]+)([ -])$", text[max(sentence_start, pos - 40) : pos])
        if not m:
            return None
        word = m.group(1)
        word_start = pos - len(m.group(0))
        if (
            word.lower() in _CONNECTORS
            and word.lower() not in ("on", "upon")
            and not word[:1].isupper()
        ):
            pos = word_start
            continue
        if not word[:1].isupper():
            return None
        low = word.lower()
        if (
            low in _FUNCTION_WORDS
            or low in _DIRECTION_WORDS
            or low in _VAGUE_WORDS
            or low in _ADMIN_WORD_KIND
            or low == "capital"
        ):
            return None  # "the Syrian Capital Damascus", "Idlib Province Saraqeb"
        if _at_sentence_start(text, word_start, sentence_start) and low in STOPWORDS:
            return None
        return word


_DIRECTION_WORDS = frozenset(
    """north south east west northern southern eastern western central northeast northwest
    southeast southwest north-east north-west south-east south-west greater upper lower
    rural""".split()
)
_VAGUE_WORDS = frozenset("near outside around province governorate".split())


_SAYS_AFTER = re.compile(
    r"^\s+(?:has\s+|had\s+)?(?:said|says|told|added|explained|stated|noted|wrote|tweeted)\b"
)
# Given names and family names of people in the news that GeoNames also has as places.
_PERSON_NAMES = frozenset(
    """assad bashar hafez hassan hasan hussein husain ali mohammed muhammad mohamed ahmed ahmad
    omar umar abdullah khalid khaled salman saleh salih mahmoud mahmud mustafa yusuf youssef
    ibrahim ismail hamza karim nasser nasrallah putin erdogan trump obama biden""".split()
)


def _add_entities(
    text: str, sentences: Sequence[Sentence], gazetteer: Gazetteer, matches: list[_Match]
) -> None:
    spans = [(m.start, m.end) for m in matches]
    todo: list[tuple[int, int, str, int, int]] = []
    drop: set[int] = set()
    for sent in sentences:
        doc = sent.doc
        if doc is None:
            continue
        for ent in doc.ents:
            s = sent.start + ent.start_char
            e = sent.start + ent.end_char
            if ent.label_ in ("PERSON",):
                for i, m in enumerate(matches):
                    if m.start >= s and m.end <= e and (e - s) > (m.end - m.start):
                        if not any(c.place.kind in ("country", "admin1") for c in m.candidates):
                            drop.add(i)
                continue
            if ent.label_ not in ("GPE", "LOC"):
                continue
            hit = False
            for m in matches:
                if m.start < e and s < m.end:
                    m.entity = True
                    hit = True
            if hit:
                continue
            surface = re.sub(r"^(?:the|The)\s+", "", text[s:e])
            s = e - len(surface)
            if not surface or surface.casefold() in _DEMONYM_TO_COUNTRY:
                continue
            todo.append((s, e, fold(surface), sent.index, sent.start))
    if drop:
        matches[:] = [m for i, m in enumerate(matches) if i not in drop]
    if not todo:
        return
    found = gazetteer.lookup_folds({t[2] for t in todo})
    for s, e, key, si, ss in todo:
        if any(a < e and s < b for a, b in spans):
            continue
        low = text[s:e].casefold()
        if low in STOPWORDS or low in _PEOPLES or low in _TOPO_WORDS or low in _PERSON_NAMES:
            continue
        matches.append(
            _Match(
                start=s,
                end=e,
                key=key,
                candidates=found.get(key, []),
                sentence=si,
                sentence_start=ss,
                entity=True,
                unresolved=key not in found,
                text=text,
            )
        )


_IN_PROVINCE = re.compile(
    r"(?:\s+(?:region|area|district|county))?\s*(?:,\s*|\s+(?:in|of)\s+(?:the\s+)?)"
    r"(?:(?:province|governorate|state)\s+of\s+)?"
)


def _other_province(text: str, m: _Match, best: Ranked, matches: Sequence[_Match]) -> bool:
    """Whether the province named right after a town ("X in Y province", "X, Y countryside")
    is not the province the gazetteer puts the town in: the text means another X."""
    place = best.candidate.place
    if place.kind not in SETTLEMENT_KINDS or not place.admin1 or best.rule.startswith("admin"):
        return False
    nxt = next((o for o in matches if o.start >= m.end and o.sentence == m.sentence), None)
    if nxt is None or not _IN_PROVINCE.fullmatch(text[m.end : nxt.start]):
        return False
    named = text[nxt.start : nxt.end].lower().endswith("countryside") or (
        _named_unit(text, nxt) or text[m.end : nxt.start].rstrip().endswith(" of")
    )
    provinces = [
        c.place
        for c in nxt.candidates
        if c.place.kind == "admin1" and c.place.country == place.country
    ]
    if not named or not provinces:
        return False
    return all(fold(p.name) != fold(place.admin1) for p in provinces)


def _admin_hints(
    text: str, matches: Sequence[_Match], country: str | None
) -> dict[int, tuple[str, int]]:
    """Per sentence, an admin1 the text gives ("… in Idlib province", "Saraqeb, Idlib"), and
    where its name starts (a mention is not its own hint)."""
    hints: dict[int, tuple[str, int]] = {}
    for m in matches:
        ranked = rank([c for c in m.candidates if c.place.kind == "admin1"], country=country)
        if not ranked:
            continue
        admins = [ranked[0].candidate.place]
        after = _after(text, m.end)
        before = _before(text, m.start, 3)
        word = _ADMIN_AFTER.match(after)
        if (
            (word and _ADMIN_WORD_KIND[word.group("w").lower()][0] == "admin1")
            or text[m.start : m.end].lower().endswith("countryside")
            or before.endswith(", ")
        ):
            hints.setdefault(m.sentence, (admins[0].name, m.start))
    return hints


def _rank(
    text: str,
    m: _Match,
    country: str | None,
    admin_hint: tuple[str, int] | None,
    near: Sequence[tuple[float, float]],
) -> list[Ranked]:
    after = _after(text, m.end)
    word = _ADMIN_AFTER.match(after)
    before = _before(text, m.start)
    kind = None
    if word:
        kind = _ADMIN_WORD_KIND[word.group("w").lower()][0]
    elif _COUNTRYSIDE_BEFORE.search(before):
        kind = "admin1"
    cands = m.candidates
    if kind == "settlement":
        settled = [c for c in cands if c.place.kind in SETTLEMENT_KINDS]
        cands = settled or cands
        kind = None
    if kind in ("admin1", "admin2") and not any(c.place.kind == kind for c in cands):
        kind = None  # "Aleppo countryside" where only the city is known: the city's admin1
    hint = admin_hint[0] if admin_hint and admin_hint[1] != m.start else None
    return rank(cands, country=country, admin1=hint, kind=kind, near=near)


def _plausible(m: _Match, place: Place, country: str | None, primary: bool = True) -> bool:
    """Reject small places far from the report's country: a common name matched by chance."""
    if place.kind == "country" or (country and place.country == country):
        return True
    word = _ADMIN_AFTER.match(_after(m.text, m.end))
    named_unit = word is not None and _ADMIN_WORD_KIND[word.group("w").lower()][0] == "admin1"
    if place.kind in ("admin1", "admin2"):
        # A foreign province only when named as one ("Salah ad Din province").
        return not country or named_unit
    if place.kind in ("area", "region") and place.gid.startswith("region:"):
        return True  # the shipped list of well-known regions ("Darfur", "FATA")
    if m.entity and not country:
        return True
    if m.initial and m.words == 1:
        return False  # a capital that only starts the sentence: no evidence of a name
    if not primary:
        return False  # a foreign town by an odd alternate name ("Bustan" for Boston)
    if country:
        return place.population >= MIN_FOREIGN_POPULATION_IN_CONTEXT
    return place.population >= MIN_FOREIGN_POPULATION


def _far_fetched(best: Ranked, near: Sequence[tuple[float, float]]) -> bool:
    """A small place picked by population alone, far from all the report's other places."""
    place = best.candidate.place
    alone = best.rule == "only candidate"
    if best.rule not in (
        "population",
        "primary name",
        "runner-up",
        "only candidate",
    ) and not best.rule.startswith("country context"):
        return False
    if alone and len(near) < 2:
        return False  # one name alone against one other place is too little to judge
    if place.kind not in SETTLEMENT_KINDS or place.population >= 50_000 or not near:
        return False
    if place.lat is None or place.lon is None:
        return False
    return min(distance_km(place.lat, place.lon, la, lo) for la, lo in near) > FAR_KM


def _precision_and_vague(text: str, m: _Match, place: Place) -> tuple[int, str | None, int, int]:
    """UCDP precision of the mention, the vague words, and the span with them."""
    start, end = m.start, m.end
    precision = place.precision
    vague = None
    before = _before(text, start)
    after = _after(text, end)
    word = _ADMIN_AFTER.match(after)
    direction = _DIRECTION_BEFORE.search(before)
    near = _NEAR_BEFORE.search(before)
    country_side = _COUNTRYSIDE_BEFORE.search(before)
    if word:
        w = word.group("w").lower()
        kind, prec = _ADMIN_WORD_KIND[w]
        if kind == "admin1" and place.kind in SETTLEMENT_KINDS:
            prec = 4  # "Aleppo countryside": the province around the city
        if kind == "settlement" or (
            kind == "admin1" and place.kind in ("admin1", "region", "area")
        ):
            prec = place.precision
        if kind == "admin2" and place.kind == "admin2":
            prec = 3
        if prec != place.precision or w in ("suburbs", "outskirts", "countryside"):
            vague = w
        precision = max(prec, 1) if place.kind != "country" else 6
        if vague:  # "Hama countryside", "the Damascus suburbs": the words that make it vague
            end = end + word.end()
    if country_side:
        precision, vague = (4 if place.kind != "country" else 6), country_side.group("w").lower()
        start = country_side.start() + (start - len(before))
    elif near:
        vague = near.group("w").lower()
        precision = 2 if place.kind in SETTLEMENT_KINDS else max(place.precision, 4)
        if place.kind == "country":
            precision = 5
        start = near.start() + (start - len(before))
    elif direction:
        vague = direction.group("w").lower()
        if place.kind == "country":
            precision = 5
        elif place.kind in SETTLEMENT_KINDS:
            precision = max(precision, 2)
        start = direction.start() + (start - len(before))
    return precision, vague, start, end


_DATELINE_AFTER = re.compile(r"^(?:,\s*[A-Z][\w ]{0,30})?\s*(?:\(|[-–—]\s|:\s)")


def _not_event(text: str, m: _Match) -> str | None:
    after = _after(text, m.end)
    surface = text[m.start : m.end]
    if (
        m.initial
        and surface.isupper()
        and len(surface) > 2
        and (_DATELINE_AFTER.match(after) or m.sentence == 0)
    ):
        return "a dateline: where the report was filed"
    before = text[max(m.sentence_start, m.start - 80) : m.start]
    for pattern, reason in _NOT_EVENT_AFTER:
        if pattern.search(after):
            return reason
    for pattern, reason in _NOT_EVENT_BEFORE:
        if pattern.search(before):
            return reason
    nxt = re.match(r"^\s+([A-Z][a-z]+)", after)
    if nxt and nxt.group(1).lower() in _ORG_WORDS:
        return "part of an organisation's name"
    return None


_BORDER_BEFORE = re.compile(
    r"\b(?:near|close to|next to|bordering|the border with|border with|borders with|"
    r"the frontier with|frontier with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _mention(text: str, m: _Match, best: Ranked) -> PlaceMention:
    place = best.candidate.place
    precision, vague, start, end = _precision_and_vague(text, m, place)
    reason = _not_event(text, m)
    if reason is None and place.kind == "country" and _BORDER_BEFORE.search(_before(text, m.start)):
        reason = "a neighbouring country: the event is on the other side of its border"
    span = Span(start=start, end=end, text=text[start:end])
    ref = _ref(place, text=span.text, precision=precision, rule=best.rule, span=span)
    return PlaceMention(
        place=ref,
        span=span,
        sentence=m.sentence,
        eventlike=reason is None,
        reason=reason,
        kind=place.kind,
        vague=vague,
        population=place.population,
    )


def _ref(
    place: Place, *, text: str, precision: int | None, rule: str | None, span: Span | None = None
) -> PlaceRef:
    """A gazetteer place as the record's PlaceRef: admin fields only below its own level."""
    return PlaceRef(
        name=place.name,
        text=text,
        admin1=place.admin1 if place.kind != "country" else None,
        admin2=place.admin2 if place.kind not in ("country", "admin1") else None,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        precision=precision,
        gazetteer_id=place.gid,
        rule=rule,
        span=span,
    )


_ACROSS_BORDER = re.compile(
    r"\b(?:across|over|crossed|crossing)\s+the\s+(?P<d>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+"
    r"(?:border|frontier)\s+(?:in)?to\s+(?:the\s+)?$"
)


def _unresolved(text: str, m: _Match, country: str | None) -> PlaceMention | None:
    """A GPE/LOC entity the gazetteer does not know: kept by its words, in the report's country."""
    surface = text[m.start : m.end]
    if not surface[:1].isupper() or len(surface) < 3:
        return None
    if re.search(r"\b(?:Sea|Ocean|Gulf|River|Bay|Mountains|Lake)$", surface):
        return None  # water and ranges: no country to give them
    span = Span(start=m.start, end=m.end, text=surface)
    reason = _not_event(text, m)
    across = _ACROSS_BORDER.search(_before(text, m.start))
    if across and across.group("d").casefold() not in _DEMONYM_TO_COUNTRY:
        across = None
    if across:
        # "pushed over the Ethiopian border into Melkadida camp": a place in that country.
        country = _DEMONYM_TO_COUNTRY[across.group("d").casefold()]
    ref = PlaceRef(
        name=surface,
        text=surface,
        country=country,
        precision=None,
        rule=f"not in the gazetteer; country from {across.group(0).strip()!r}"
        if across and country
        else "not in the gazetteer; country from the report's context"
        if country
        else "not in the gazetteer",
        span=span,
    )
    return PlaceMention(
        place=ref,
        span=span,
        sentence=m.sentence,
        eventlike=reason is None,
        reason=reason,
        kind=None,
    )


def _the_city(
    text: str, sentences: Sequence[Sentence], mentions: Sequence[PlaceMention]
) -> list[PlaceMention]:
    """ "The city" refers back to the last city named before it."""
    out: list[PlaceMention] = []
    cities = [pm for pm in mentions if pm.kind in SETTLEMENT_KINDS and pm.kind != "neighbourhood"]
    if not cities:
        return out
    for sent in sentences:
        for hit in _THE_CITY.finditer(sent.text):
            s, e = sent.start + hit.start(), sent.start + hit.end()
            if any(pm.span.start <= s < pm.span.end for pm in mentions):
                continue
            prior = [pm for pm in cities if pm.span.end <= s]
            if not prior:
                continue
            ref_m = prior[-1]
            part = _PART_OF_THE_CITY.search(text[max(sent.start, s - 80) : s])
            precision = ref_m.place.precision or 1
            vague = None
            if part:
                s = max(sent.start, s - 80) + part.start()
                precision, vague = max(precision, 2), "part of the city"
            span = Span(start=s, end=e, text=text[s:e])
            ref = replace(
                ref_m.place,
                text=span.text,
                precision=precision,
                rule=f"the city: {ref_m.place.text} named before",
                span=span,
            )
            out.append(
                PlaceMention(
                    place=ref,
                    span=span,
                    sentence=sent.index,
                    eventlike=True,
                    kind=ref_m.kind,
                    vague=vague,
                    population=ref_m.population,
                )
            )
    return out


# --------------------------------------------------------------------------------------------
# The stage and place_for
# --------------------------------------------------------------------------------------------


def _gazetteer(context: Context) -> Gazetteer:
    if isinstance(context.gazetteer, Gazetteer):
        return context.gazetteer
    if context.gazetteer is None:
        context.gazetteer = default_gazetteer()
        return context.gazetteer
    if isinstance(context.gazetteer, str) or hasattr(context.gazetteer, "__fspath__"):
        context.gazetteer = default_gazetteer(context.gazetteer)
        return context.gazetteer
    return context.gazetteer  # a duck-typed gazetteer


def run(context: Context) -> None:
    """Find and resolve the places of the report."""
    gaz = _gazetteer(context)
    context.places, country = _find_places(
        context.text, context.sentences, gaz, extra_context=context.report.title or ""
    )
    _COUNTRY_CACHE[context.report.id] = country or ""
    while len(_COUNTRY_CACHE) > 256:
        _COUNTRY_CACHE.popitem(last=False)


_TITLE_CACHE: OrderedDict[tuple[str, str], list[PlaceMention]] = OrderedDict()


def _title_places(context: Context) -> list[PlaceMention]:
    title = context.report.title
    if not title or title.strip() in context.text[: len(title) + 40]:
        return []  # no title, or it is the text's first line (already searched)
    key = (context.report.id, title)
    if key not in _TITLE_CACHE:
        sent = Sentence(index=-1, start=0, end=len(title), text=title)
        found = find_places(title, [sent], _gazetteer(context), extra_context=context.text)
        # Spans of the title do not index the report text: keep the places without them.
        _TITLE_CACHE[key] = found
        while len(_TITLE_CACHE) > 256:
            _TITLE_CACHE.popitem(last=False)
    return _TITLE_CACHE[key]


def _context_country(context: Context) -> str | None:
    """The report's country: its most mentioned country (names and adjectives)."""
    cached = _COUNTRY_CACHE.get(context.report.id)
    if cached is not None:
        return cached or None
    counts: Counter[str] = Counter()
    for pm in context.places:
        if pm.place.country and pm.place.gazetteer_id:
            weight = 1.0 if pm.eventlike else 0.25
            counts[pm.place.country] += weight if pm.kind == "country" else weight / 2
    counts.update(demonym_counts(context.text + " " + (context.report.title or "")))
    country = counts.most_common(1)[0][0] if counts else None
    _COUNTRY_CACHE[context.report.id] = country or ""
    while len(_COUNTRY_CACHE) > 256:
        _COUNTRY_CACHE.popitem(last=False)
    return country


# The country context of recent reports (by report id), as the places stage settled it.
_COUNTRY_CACHE: OrderedDict[str, str] = OrderedDict()


def _best(
    mentions: Sequence[PlaceMention],
    country: str | None,
    lead_admin1: str | None = None,
    anchors: Sequence[int] = (),
) -> PlaceMention | None:
    """The event's place among ``mentions``: in the report's country, in the province the
    lead names (where the report puts its story), then the most specific, then the nearest
    to the figures at ``anchors`` (offsets), else the first."""
    good = [pm for pm in mentions if pm.eventlike]
    if not good:
        return None
    # A place the gazetteer lacks but the text names with its unit ("Siphepha area") is more
    # specific than the country; a known place below country level still comes first.
    known_local = any(pm.place.gazetteer_id and (pm.place.precision or 6) < 5 for pm in good)

    def key(pm: PlaceMention) -> tuple:
        prec = pm.place.precision if pm.place.precision is not None else 5.5
        unit = pm.kind == "place" and pm.place.precision is not None and not known_local
        return (
            0 if (country is None or pm.place.country == country) else 1,
            0 if pm.place.gazetteer_id or pm.place.admin1 or unit else 1,
            1 if lead_admin1 and pm.place.admin1 and pm.place.admin1 != lead_admin1 else 0,
            _KIND_RANK.get(pm.kind or "", 6),
            prec,
            _nearest(anchors, pm.span.start) if anchors else pm.span.start,
            pm.span.start,
        )

    return min(good, key=key)


def _nearest(anchors: Sequence[int], at: int) -> int:
    """Distance from ``at`` to the nearest of the sorted ``anchors``."""
    i = bisect.bisect_left(anchors, at)
    return min(abs(anchors[j] - at) for j in (i - 1, i) if 0 <= j < len(anchors))


def _paragraph_start(context: Context, index: int) -> int:
    """Index of the first sentence of the paragraph of sentence ``index``."""
    i = index
    while i > 0:
        prev, cur = context.sentences[i - 1], context.sentences[i]
        if "\n" in context.text[prev.end : cur.start]:
            break
        i -= 1
    return i


def _as_ref(pm: PlaceMention, rule_suffix: str | None = None, keep_span: bool = True) -> PlaceRef:
    ref = pm.place
    if rule_suffix:
        ref = replace(ref, rule=f"{ref.rule}; {rule_suffix}" if ref.rule else rule_suffix)
    if not keep_span:
        ref = replace(ref, span=None)
    return ref


def place_for(context: Context, sentences: Sequence[int]) -> PlaceRef | None:
    """The place of an event told in ``sentences`` (indices into context.sentences), or None.

    The most specific event-like place in those sentences; else in the sentences before them
    in their paragraph (nearest first); else the title's or the lead's place; else the
    report's country when the report names one (precision 6). A country-wide place is
    narrowed by the lead when the lead names a place inside that country.
    """
    if not context.places and context.sentences and context.gazetteer is not False:
        try:
            run(context)
        except Exception:  # noqa: BLE001 - a caller without a gazetteer gets no place, not a crash
            return None
    country = _context_country(context)
    wanted = sorted({i for i in sentences if 0 <= i < len(context.sentences)})
    by_sentence = _places_by_sentence(context)
    chosen: PlaceMention | None = None
    how: str | None = None
    later: list[PlaceMention] = []
    starts = _figure_starts(context)
    with_figures = {i for i in wanted if starts.get(i)}
    tiers = [
        t
        for t in (
            [i for i in wanted if i in with_figures],
            [i for i in wanted if i not in with_figures],
        )
        if t
    ]
    figure_at = sorted(start for i in with_figures for start in starts[i])
    lead = _lead_place(context, country)
    lead_admin1 = lead[0].place.admin1 if lead and lead[0].place.country == country else None
    before: list[int] = []
    if wanted:
        first = wanted[0]
        before = list(range(first - 1, _paragraph_start(context, first) - 1, -1))
    # A place in the report's country first: "speaking from Turkey" aside, a foreign place
    # in the event's sentences is more often a reaction than the scene.
    for home in (True, False) if country else (False,):

        def pick(
            mentions: Sequence[PlaceMention], home: bool = home, anchors: Sequence[int] = ()
        ) -> PlaceMention | None:
            if home:
                mentions = [pm for pm in mentions if pm.place.country == country]
            return _best(mentions, country, lead_admin1, anchors)

        # The sentences that state a figure first: the event's place is most often there.
        found = None
        for n, tier in enumerate(tiers):
            tier_places = [pm for i in tier for pm in by_sentence.get(i, [])]
            found = pick(tier_places, anchors=figure_at if n == 0 else ())
            if found and n == 0 and with_figures:
                wider = _broader_than_list(context.text, found, tier_places)
                if wider is not found:
                    found, how = wider, "the region of the places listed with the figure"
            if found:
                later = [pm for t in tiers[n + 1 :] for i in t for pm in by_sentence.get(i, [])]
                break
        if found:
            chosen = found
            break
        if home and with_figures:
            # The figure's own sentence names only a place abroad ("… in Bangladesh, 500,000
            # were evacuated" in a report that also names India): that place, not one of
            # the report's country named in another sentence.
            abroad = [
                pm
                for i in tiers[0]
                for pm in by_sentence.get(i, [])
                if _AT_PLACE_BEFORE.search(_before(context.text, pm.span.start, 40))
            ]
            found = _best(abroad, country)
            if found:
                chosen, how = found, "the figure's own sentence"
                break
        for i in before:
            found = pick(by_sentence.get(i, []))
            if found:
                chosen, how = found, "from the sentences before, in its paragraph"
                break
        if chosen:
            break
        if lead is not None and (not home or lead[0].place.country == country):
            chosen, how = lead
            break
        if home:
            # Nothing in the report's country near the event: the country (or the province
            # most of the report is about), rather than a foreign place named beside it.
            return _main_admin1(context, country) or _country_ref(context, country)
    if chosen is None:
        if country:
            return _country_ref(context, country)
        return None
    if how == "the region of the places listed with the figure":
        return _as_ref(chosen, how)  # wider on purpose: not to be narrowed again
    if (chosen.place.precision or 6) >= 5 and chosen.place.country:
        # "… in Syria": a place inside that country named just before in the paragraph.
        for i in before:
            inside = [
                pm
                for pm in by_sentence.get(i, [])
                if pm.place.country == chosen.place.country and (pm.place.precision or 6) < 5
            ]
            found = _best(inside, country, lead_admin1)
            if found:
                return _as_ref(found, "narrowed by the sentences before, in its paragraph")
    if (
        (chosen.place.precision or 6) >= 5
        and lead is not None
        and lead[0] is not chosen
        and lead[0].place.country == chosen.place.country
        and (lead[0].place.precision or 6) < (chosen.place.precision or 6)
    ):
        return _as_ref(lead[0], "narrowed by " + lead[1], keep_span=lead[0].sentence >= 0)
    if (chosen.place.precision or 6) >= 5 and chosen.place.country:
        # "… in Syria" where the figure is, the province in the incident's other sentences.
        inside = [
            pm
            for pm in later
            if pm.place.country == chosen.place.country and (pm.place.precision or 6) < 5
        ]
        found = _best(inside, country, lead_admin1)
        if found:
            return _as_ref(found, "narrowed by the incident's other sentences")
        province = _main_admin1(context, chosen.place.country)
        if province is not None:
            return province
    return _as_ref(chosen, how, keep_span=chosen.sentence >= 0)


# "in Bangladesh", "near the Israeli-held Golan Heights": a place where something is, not an
# actor ("US-trained") or a neighbour ("the border with Iraq").
_AT_PLACE_BEFORE = re.compile(
    r"\b(?:in|into|inside|across|throughout|within|of|near|around|at|on|from)\s+(?:the\s+)?"
    r"(?:[\w-]+-(?:held|controlled|occupied|run)\s+)?$",
    re.IGNORECASE,
)


# A list of three names or more: "Budi, Ikotos, Lafon and Torit".
_NAME_LIST = re.compile(
    r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:\s*,\s*(?:and\s+)?|\s+and\s+)){2,}"
    r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
)


_UNITS_AFTER_LIST = re.compile(
    r"\s+(?:counties|districts|provinces|governorates|states|regions|municipalities|"
    r"sub-districts|subdistricts|departments|prefectures)\b",
    re.IGNORECASE,
)


def _broader_than_list(
    text: str, chosen: PlaceMention, mentions: Sequence[PlaceMention]
) -> PlaceMention:
    """A town of a list ("clashes in Budi, Ikotos, Lafon and Torit") does not hold a figure
    of the whole: the region or province the same sentences name is its place."""
    if chosen.kind not in SETTLEMENT_KINDS:
        return chosen
    lo = max(0, chosen.span.start - 200)
    in_list = next(
        (
            hit
            for hit in _NAME_LIST.finditer(text, lo, min(len(text), chosen.span.end + 200))
            if hit.start() <= chosen.span.start and chosen.span.end <= hit.end()
        ),
        None,
    )
    if in_list is None or _UNITS_AFTER_LIST.match(text, in_list.end()):
        return chosen  # "Leer, Mayendit and Koch counties": units themselves
    broader = [
        pm
        for pm in mentions
        if pm.eventlike
        and pm.kind in ("area", "region", "admin1", "admin2")
        and pm.place.country == chosen.place.country
        and not (in_list.start() <= pm.span.start < in_list.end())
    ]
    found = _best(broader, chosen.place.country)
    return found or chosen


def _start_of(item: object) -> int | None:
    span = (
        getattr(item, "count_span", None)
        or getattr(item, "evidence", None)
        or getattr(item, "span", None)
    )
    return getattr(span, "start", None)


def _figure_starts(context: Context) -> dict[int, list[int]]:
    """Per sentence index, where the claims and figure mentions that start in it start;
    computed once per report (place_for runs once per incident and per situation claim)."""
    key = (len(context.claims), len(context.figures), len(context.sentences))
    cached = context.cache.get("places.figure_starts")
    if cached is not None and cached[0] == key:
        return cached[1]
    bounds = [s.start for s in context.sentences]
    out: dict[int, list[int]] = {}
    for item in [*context.claims, *context.figures]:
        start = _start_of(item)
        if start is None:
            continue
        i = bisect.bisect_right(bounds, start) - 1
        if i >= 0 and start < context.sentences[i].end:
            out.setdefault(i, []).append(start)
    context.cache["places.figure_starts"] = (key, out)
    return out


def _starts_in(item: object, sentence: Sentence) -> bool:
    """Whether a claim or figure mention's evidence starts in ``sentence``."""
    span = (
        getattr(item, "count_span", None)
        or getattr(item, "evidence", None)
        or getattr(item, "span", None)
    )
    start = getattr(span, "start", None)
    return start is not None and sentence.start <= start < sentence.end


def _main_admin1(context: Context, country: str) -> PlaceRef | None:
    """The province most of the report's places in ``country`` lie in, when one dominates."""
    counts: Counter[str] = Counter()
    for pm in context.places:
        if pm.eventlike and pm.place.country == country and pm.place.admin1:
            counts[pm.place.admin1] += 1
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    if n * 2 <= sum(counts.values()):
        return None
    getter = getattr(_gazetteer(context), "admin1_entry", None)
    place = getter(country, name) if getter else None
    if place is None:
        return None
    return _ref(
        place,
        text=place.name,
        precision=4,
        rule="the province most of the report's places lie in (the event's words name only the country)",
    )


def _places_by_sentence(context: Context) -> dict[int, list[PlaceMention]]:
    """The place mentions of each sentence, computed once per report."""
    cached = context.cache.get("places.by_sentence")
    if cached is not None and cached[0] == len(context.places):
        return cached[1]
    out: dict[int, list[PlaceMention]] = {}
    for pm in context.places:
        out.setdefault(pm.sentence, []).append(pm)
    context.cache["places.by_sentence"] = (len(context.places), out)
    return out


def _lead_place(context: Context, country: str | None) -> tuple[PlaceMention, str] | None:
    """The place the report's title or lead (first sentences) puts its story in: the more
    specific of the two, the title's on a tie (computed once per report and country)."""
    key = (country, len(context.places))
    cached = context.cache.get("places.lead")
    if cached is not None and cached[0] == key:
        return cached[1]
    found = _find_lead_place(context, country)
    context.cache["places.lead"] = (key, found)
    return found


def _find_lead_place(context: Context, country: str | None) -> tuple[PlaceMention, str] | None:
    title = _first(_title_places(context), country)
    lead = None
    if context.sentences:
        end = max(1, _paragraph_end(context, 0))
        lead = _first([pm for pm in context.places if pm.sentence < min(end, 3)], country)
    found = [
        (pm, why) for pm, why in ((title, "the title's place"), (lead, "the lead's place")) if pm
    ]
    if not found:
        return None
    return min(
        found,
        key=lambda t: (
            0 if country is None or t[0].place.country == country else 1,
            _KIND_RANK.get(t[0].kind or "", 6),
        ),
    )


def _first(mentions: Sequence[PlaceMention], country: str | None) -> PlaceMention | None:
    """The first place the lead names below country level (in the report's country), else
    the best of them: a report names its story's place first."""
    for pm in mentions:
        if (
            pm.eventlike
            and pm.place.gazetteer_id
            and (pm.place.precision or 6) < 5
            and (country is None or pm.place.country == country)
        ):
            return pm
    return _best(mentions, country)


def _paragraph_end(context: Context, index: int) -> int:
    i = index
    while i + 1 < len(context.sentences):
        cur, nxt = context.sentences[i], context.sentences[i + 1]
        if "\n" in context.text[cur.end : nxt.start]:
            break
        i += 1
    return i + 1


def _country_ref(context: Context, country: str) -> PlaceRef | None:
    gaz = _gazetteer(context)
    getter = getattr(gaz, "country", None)
    place = getter(country) if getter else None
    if place is None:
        return None
    return _ref(
        place,
        text=place.name,
        precision=6,
        rule="the report's country (no place named for the event)",
    )


STAGE = Stage(name="places", requires=("sentences",), provides=("places",), run=run)
