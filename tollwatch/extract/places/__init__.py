"""Stage ``places``: the places a report names, resolved against the gazetteer.

Two finders work side by side: a phrase matcher over the report's words, looking every
capitalised run of up to six words up by its :func:`~tollwatch.extract.gazetteer.fold` key
(fast, and it needs no parse: the small spaCy model misses "Aleppo"), and spaCy's GPE/LOC
entities of the sentences that were parsed (:mod:`.finding`). Each mention is then

- resolved (:mod:`.resolving`): the report's country context (:mod:`.country`), admin words
  around the name ("in Idlib province", "Aleppo countryside"), population and nearness to
  the report's other places rank the candidates;
- qualified (:mod:`.qualifying`): "east Aleppo", "near Manbij", "northern Syria", "Hama
  countryside", "the outskirts of Damascus" keep the named place's coordinates with the UCDP
  precision that says how vague they are;
- judged event-like or not (:mod:`.judging`): "speaking from Turkey", "a Paris meeting", "a
  British-based monitor", "Aleppo-based group", "talks in Geneva" are not where anything
  happened.

Places the gazetteer lacks are kept by their words (:mod:`.unknown`); "the city" refers back
(:mod:`.antecedents`). :func:`place_for` (:mod:`.event`) gives the place of an event told in
some sentences. ``PlaceRef.rule`` names the registered rules (:mod:`.rules`) behind a place.
"""

from __future__ import annotations

from tollwatch.extract.gazetteer import Gazetteer
from tollwatch.extract.pipeline import Stage
from tollwatch.extract.places.country import demonym_counts
from tollwatch.extract.places.event import place_for
from tollwatch.extract.places.find import find_places
from tollwatch.extract.places.mentions import PlaceMention
from tollwatch.extract.places.stage import run
from tollwatch.extract.places.words import STOPWORDS

__all__ = [
    "STAGE",
    "STOPWORDS",
    "Gazetteer",
    "PlaceMention",
    "demonym_counts",
    "find_places",
    "place_for",
    "run",
]

STAGE = Stage(name="places", requires=("sentences",), provides=("places",), run=run)
