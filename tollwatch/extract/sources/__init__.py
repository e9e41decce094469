"""Stage ``sources``: who makes each figure claim.

Turns ``context.figures`` into ``context.claims`` (:class:`~tollwatch.model.Claim`, ids
``c1``.. in text order) and names each claim's *claimant*: the person or body the report says
the figure comes from, or ``None`` for the report's own voice.

- :mod:`.catalogue`: the sources catalogue (``tollwatch/data/sources.toml``): canonical
  names, aliases, acronyms, descriptions, kinds, known spokespeople;
- :mod:`.words`: the words of reported speech (``tollwatch/data/speech.toml``);
- :mod:`.phrases`: a speaker's noun phrase, and the speaker it names;
- :mod:`.attributions`: "X said", "according to X", quotations, in one sentence;
- :mod:`.discourse`: pronouns and descriptions resolved through the report;
- :mod:`.claimants`: which attribution governs a figure; the claims;
- :mod:`.rules`: the registered claimant rules (``Claim.claimant_rule``).

A claim's ``claimant`` is the canonical name ("Syrian Observatory for Human Rights", "Rami
Abdel Rahman, Syrian Observatory for Human Rights"), its ``claimant_text`` the words the
report uses ("the Britain-based monitor", "he"); an unknown source is its name as written.
"""

from __future__ import annotations

from tollwatch.extract.pipeline import Stage
from tollwatch.extract.sources import rules
from tollwatch.extract.sources.attributions import Attribution, quotes
from tollwatch.extract.sources.catalogue import Source, SourceMatch, find_sources, role_kind
from tollwatch.extract.sources.claimants import claimant_for, run
from tollwatch.extract.sources.discourse import (
    attributions,
    describes,
    report_sources,
    resolve_speaker,
)
from tollwatch.extract.sources.phrases import (
    Speaker,
    speaker_after,
    speaker_before,
    speaker_from_phrase,
    strip_det,
)

__all__ = [
    "STAGE",
    "Attribution",
    "Source",
    "SourceMatch",
    "Speaker",
    "attributions",
    "claimant_for",
    "describes",
    "find_sources",
    "quotes",
    "report_sources",
    "resolve_speaker",
    "role_kind",
    "rules",
    "run",
    "speaker_after",
    "speaker_before",
    "speaker_from_phrase",
    "strip_det",
]

STAGE = Stage(name="sources", requires=("figures",), provides=("claims",), run=run)
