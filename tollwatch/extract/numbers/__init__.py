"""Stage ``numbers``: find every number in the report and parse it, with its qualifier.

Numbers are found with a small hand-written scanner over word tokens, not with the parser: it
is fast, runs on every sentence, and its output decides which sentences get a full parse.

What it reads (see the spec's Qualifiers table):

- digits with separators: ``250,000``, ``1 300``, ``230000``, ``1.2 million``, ``3.5m``;
- words: ``eight``, ``twenty-five``, ``two hundred and fifty``, ``a dozen``, ``a hundred``,
  ``half a million``; and ``a``/``an`` before a singular noun of a person (``a woman was
  killed``, ``including a child``), which counts one;
- qualifiers before (``at least``, ``more than``, ``up to``, ``as many as``, ``about`` ...) and
  after (``or more``, ``or so``, ``+``) the number;
- ranges: ``between 320 and 500``, ``320 to 500``, ``320-500``, ``two or three``;
- vague words with ACLED's values: tens 10, dozens 12, scores 20, hundreds 100, thousands
  1000, millions 1,000,000. Their compounds take the lowest value they can mean:
  ``tens of thousands`` 10,000, ``hundreds of thousands`` 100,000, ``thousands of
  thousands`` is not a thing; ``several``/``a few`` N take 3 x N (``several hundred`` 300,
  the least "several" means in careful use), ``several dozen`` 36.

Every mention also gets a ``kind``: ``count`` for a number that may count something, or what
else it is (``year``, ``date``, ``time``, ``percent``, ``money``, ``measure``, ``age``,
``ordinal``, ``decimal``, ``label``). Only counts can be figures; the figures stage decides
what they count.

The stage is a package of small modules: ``tokens`` (the scanner's tokens), ``core`` (a
number without its qualifiers), ``kinds`` (what else a number may be), ``scan`` (qualifiers
and ranges), ``find`` (the public functions and the stage's run); its word lists are data
(``tollwatch/data/number_words.toml``, read by ``lexicon``).
"""

from __future__ import annotations

from tollwatch.extract.numbers.find import find_numbers, parse_number, run
from tollwatch.extract.numbers.mention import MAX_COUNT, NumberMention, ParsedNumber
from tollwatch.extract.pipeline import Stage

__all__ = [
    "MAX_COUNT",
    "STAGE",
    "NumberMention",
    "ParsedNumber",
    "find_numbers",
    "parse_number",
    "run",
]

STAGE = Stage(name="numbers", requires=("sentences",), provides=("numbers",), run=run)
