"""Every place of a text: found, resolved against the gazetteer, qualified and judged."""

from __future__ import annotations

from collections.abc import Sequence

from tollwatch.extract.gazetteer import SETTLEMENT_KINDS, Gazetteer, Ranked, fold
from tollwatch.extract.pipeline import Sentence
from tollwatch.extract.places.antecedents import antecedent_mentions, capital_mentions
from tollwatch.extract.places.country import context_country_of
from tollwatch.extract.places.finding import add_entities, may_be_place, name_runs
from tollwatch.extract.places.mentions import (
    Match,
    PlaceMention,
    at_sentence_start,
    headline_case,
)
from tollwatch.extract.places.resolving import (
    RankMemo,
    admin_hints,
    far_fetched,
    make_mention,
    other_province,
    plausible,
    rank_match,
)
from tollwatch.extract.places.unknown import placed_unknowns, unknown_parts, unresolved_mention
from tollwatch.extract.places.variants import add_spelling_variants


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
    return find_places_and_country(text, sentences, gazetteer, extra_context=extra_context)[0]


def find_places_and_country(
    text: str,
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    *,
    extra_context: str = "",
) -> tuple[list[PlaceMention], str | None]:
    """The places of ``text`` and the report's country context (ISO2 or None)."""
    # 1. Phrase matches over capitalised runs of words.
    grams: list[tuple[int, int, str, int, int, int]] = []
    headlines: set[int] = set()  # sentences in headline case: every word may be capitalised
    for sent in sentences:
        if headline_case(sent.text):
            headlines.add(sent.index)
        for s, e, key, n in name_runs(sent.text, sent.start):
            grams.append((s, e, key, n, sent.index, sent.start))
    # Keys of "Syrias" (an apostrophe lost: "Syria's") are looked up too, to know countries.
    possessive = {fold(text[g[0] : g[1] - 1]) for g in grams if g[3] == 1 and text[g[1] - 1] == "s"}
    found = gazetteer.lookup_folds({g[2] for g in grams} | possessive)
    country_keys = {
        k for k, cands in found.items() if any(c.place.kind == "country" for c in cands)
    }
    # Longest match first, no overlaps.
    grams.sort(key=lambda g: (g[0], -(g[1] - g[0])))
    matches: list[Match] = []
    last_end = -1
    for s, e, key, n, si, ss in grams:
        if s < last_end or key not in found:
            continue
        m = Match(
            start=s,
            end=e,
            key=key,
            candidates=found[key],
            sentence=si,
            sentence_start=ss,
            words=n,
            initial=si in headlines or at_sentence_start(text, s, ss),
            text=text,
        )
        if may_be_place(text, m, n, country_keys, found):
            matches.append(m)
            last_end = e
    # 2. spaCy's GPE/LOC entities where a sentence was parsed.
    add_entities(text, sentences, gazetteer, matches)
    matches.sort(key=lambda m: m.start)

    # 3. The report's country context.
    context_country = context_country_of(text, matches, gazetteer, extra_context)[0]
    add_spelling_variants(text, grams, matches, gazetteer, context_country, found)

    # 4. Rank: first alone, then with admin hints and nearness to the places first settled.
    hints = admin_hints(text, matches, context_country)
    memo: RankMemo = {}  # the candidates it holds by identity live as long as this call
    for m in matches:
        m.ranked = rank_match(text, m, context_country, hints.get(m.sentence), (), memo)
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
        and plausible(m, r.candidate.place, context_country, r.candidate.primary)
    ]
    # Each place once: a long report naming one town a thousand times made every mention
    # measure its distance to a thousand copies (quadratic); the nearest is the same.
    near = list(dict.fromkeys(near))
    out: list[PlaceMention] = []
    resolved: list[tuple[Match, Ranked]] = []
    elsewhere: set[str] = set()  # names the text puts in another province than the gazetteer
    for m in matches:
        if m.unresolved:
            mention = unresolved_mention(text, m, context_country)
            if mention:
                out.append(mention)
            continue
        own = m.ranked[0].candidate.place if m.ranked else None
        others = [p for p in near if not own or (p != (own.lat, own.lon))]
        m.ranked = rank_match(text, m, context_country, hints.get(m.sentence), others, memo)
        if not m.ranked:
            continue
        best = m.ranked[0]
        place = best.candidate.place
        if not plausible(m, place, context_country, best.candidate.primary):
            continue
        if far_fetched(best, others):
            continue
        if other_province(text, m, best, matches):
            # "Adra in Damascus countryside" where the gazetteer's only Adra-like town lies
            # in another province: a place it lacks, located by the province named.
            elsewhere.add(m.key)
        resolved.append((m, best))
    for m, best in resolved:
        if m.key in elsewhere:
            mention = unresolved_mention(text, m, context_country)
            if mention:
                out.append(mention)
        else:
            out.append(make_mention(text, m, best))
    parts, replaced = unknown_parts(text, sentences, out, context_country)
    out = [pm for pm in out if id(pm) not in replaced] + parts
    out = placed_unknowns(text, sorted(out, key=lambda pm: pm.span.start))
    out.sort(key=lambda pm: pm.span.start)
    taken = [(pm.span.start, pm.span.end) for pm in out]
    out.extend(
        pm
        for pm in capital_mentions(text, sentences, gazetteer)
        if not any(a < pm.span.end and pm.span.start < b for a, b in taken)
    )
    out.sort(key=lambda pm: pm.span.start)
    out.extend(antecedent_mentions(text, sentences, out))
    out.sort(key=lambda pm: pm.span.start)
    return out, context_country
