"""Stage ``incidents``: group a report's claims into the incidents they are about.

Claims are taken in text order. A casualty claim (killed, injured, missing, kidnapped,
detained) joins an incident when:

- it is a subset of, or an update to, a claim of that incident ("including two children",
  "the toll rose to 45");
- it is in the same sentence as a claim of that incident;
- its sentence goes on with the last incident: no new event words, or only words that refer
  back ("the death toll", "the strike", "the attack"), or event words of the same kind.

It starts a new incident when its sentence tells of a new event: event words of another kind
("an airstrike ..." after shelling), a new day, or words that open another story
("Meanwhile", "Elsewhere", "In a separate attack"). Figures about a situation, not an event
("50,000 displaced by the fighting", "400,000 killed since 2011") belong to no incident, nor
does a total of several places' tolls that the report then gives place by place ("10 killed
in attacks on Aleppo and Deir Ezzor": 6 in Aleppo, 4 in Deir Ezzor).

Each incident gets its ACLED type from the most specific event words of its sentences, its
perpetrators from the blame in them (and in the sentences that refer back to it), its date
and place from the dates and places stages, a ``headline`` claim per figure (the report's own
first whole figure, or the update that superseded it; not a part such as "including two
children" or "six children were among the dead"; a round bound such as "more than 40" gives
way to the count a little above it that the report goes on to give) and ``estimates`` under
the UCDP rule.
``main_incident`` is the incident the report leads with, with its biggest toll.

The stage is a package of small modules: :mod:`.cues` (the words it reads, from
``tollwatch/data/incident_cues.toml``, and the registered rules named in
``Claim.incident_rule``), :mod:`.situation` (figures of no incident), :mod:`.grouping`
(claims into incidents), :mod:`.facts` (each incident's type, blame, headline and
estimates; the main incident) and :mod:`.stage` (``run``). It reads what the earlier
stages typed on the claims (``is_update``, ``subset``, ``part_of``, ``total``) and never
imports the ledger.
"""

from __future__ import annotations

from tollwatch.extract.incidents.situation import (
    CASUALTY_FIGURES,
    is_situation,
    place_totals,
)
from tollwatch.extract.incidents.stage import STAGE, run

__all__ = ["CASUALTY_FIGURES", "STAGE", "is_situation", "place_totals", "run"]
