"""Stage ``figures``: decide which numbers are figures (counts of people), and of what.

A number becomes a figure when the dependency parse ties it to a figure word:

- the counted noun is itself a figure noun: ``45 deaths``, ``12 bodies``, ``22 dead``,
  ``3,000 IDPs`` (a status noun such as ``refugees`` yields to its verb: ``4,000 refugees
  returned`` is returned, and so does a partitive: ``19 of the wounded died`` is killed);
- the counted noun carries one: ``21 civilians killed``, ``wounded soldiers``, ``people
  who fled``, ``12 are missing``, ``left 12 dead``, ``registered as displaced``;
- the noun is the victim of a figure verb: ``8 civilians were killed`` (passive subject),
  ``killing 25`` (object of a transitive verb), ``thousands have fled`` (subject of an
  intransitive one), ``forced 33,000 people to flee``, ``were ordered to evacuate``;
  ``civilians trying to flee`` did not (an attempt is not a figure);
- a noun phrase of a figure: ``claimed the lives of 17``, ``the deaths of 12``, ``the
  evacuation of 618,000 people``, ``were among the dead``;
- a toll: ``put the death toll at 45``, ``the toll rose to 45`` (an update), ``death toll of
  45``, ``the number of displaced reached 20,000``;
- displacement by where people stay: ``took shelter``, ``sought refuge``, ``are living in
  camps``, ``in evacuation centres``, ``with host families``; at risk: ``face the threat of
  death``, ``at risk``, ``under siege``; homes destroyed or damaged are households affected;
- inheritance: ``eight civilians, including two children, were killed`` (the children are a
  killed figure, ``part_of`` the civilians), ``12 civilians and 5 soldiers were killed``
  (conjuncts share their verb), ``a figure of 20,000`` (the kind of the figure before it);
- totals: counts of one figure conjoined in one phrase (``five women and a child were
  killed``, ``12 civilians and 8 rebels``, ``a commander as well as three of his guards``) also
  give their total, a figure whose count_text spans the conjunction, with the counts as its
  parts (``part_of``); not across places (``45 in Aleppo and 22 in Idlib``), subsets, vague
  or ranged counts.

When the parse is broken (headlines without verbs, text without punctuation) the words next to
the count decide: ``Thirty killed in ...``, ``9 killed 12 injured``, ``killing at least 36``,
``the death toll reached 330``; and a count's own casualty words right after it beat the verb
or toll the parser hung it on (``14 people were killed 25 were wounded``, ``the toll rose to 9
31 injured``: the 25 and the 31 are wounded).

A number that is not a count of people is never a figure: the numbers stage marks dates,
times, years, ages, percentages, money, measures and labels, and here a counted noun that is
not a person or a household (``3 bombs``, ``31 of 34 provinces``) stops it; broad verbs
(affect, evacuate, return, trap) count only nouns known to be people. ``rescued 12 people``
is not killed: only the lexicons' words make figures.

Victims come from the counted noun and its modifiers (``rebel fighters`` → fighters,
``civilian deaths`` → civilians; ``()`` when the text names nobody) and the unit from it
(``500 families`` → households).
"""

from __future__ import annotations

from tollwatch.extract.figures.mention import FigureMention
from tollwatch.extract.figures.rules import FIGURE_RULES, rule_name
from tollwatch.extract.figures.sentence import find_figures, run
from tollwatch.extract.pipeline import Stage

__all__ = ["FIGURE_RULES", "STAGE", "FigureMention", "find_figures", "rule_name", "run"]

STAGE = Stage(name="figures", requires=("numbers", "parsed"), provides=("figures",), run=run)
