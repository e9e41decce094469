"""Stage ``events``: the words that name violent events, typed in ACLED's terms, with blame.

- :mod:`.mentions`: every sentence's event words (``lexicons.EVENT_CUES``, data in
  ``tollwatch/data/event_cues.toml``) as :class:`EventMention` s;
- :mod:`.precedence`: ACLED's precedence between types (an attack on fighters is a battle;
  fighting between two sides is an armed clash even with shelling; ground taken is a change
  of territory) and one perpetrator per actor;
- :mod:`.blame`: who the words say did it (``Perpetrator.rule``), and who says so
  (``alleged_by``: a claimant resolved as the sources stage resolves one);
- :mod:`.rules`: the registered typing and blame rules, with their example sentences.

Actors are the canonical names of the actors catalogue (:mod:`tollwatch.extract.actors`):
"Syrian government forces", "Russia", "US-led coalition", "Islamic State (ISIS)", ...
An incident's type is the most specific of its mentions' (the incidents stage chooses which
mentions are its own); ``Incident.type_rule`` names the rules of the mention that typed it.
"""

from __future__ import annotations

from tollwatch.extract.events import rules
from tollwatch.extract.events.blame import find_perpetrators, report_country
from tollwatch.extract.events.mentions import EventMention, run, sentence_events
from tollwatch.extract.events.precedence import merge_perpetrators
from tollwatch.extract.pipeline import Stage

__all__ = [
    "STAGE",
    "EventMention",
    "find_perpetrators",
    "merge_perpetrators",
    "report_country",
    "rules",
    "run",
    "sentence_events",
]

# Claims (victims: an attack on fighters is a battle) and places (the report's country: whose
# forces "the army" are) come first.
STAGE = Stage(name="events", requires=("parsed", "claims", "places"), provides=("events",), run=run)
