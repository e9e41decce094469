"""Word lists shipped as data (``tollwatch/data/*.txt``, one word a line, '#' comments),
read once; shared by the stages that need the same list (numbers and figures both know which
singular nouns name one person)."""

from __future__ import annotations

import functools
from importlib.resources import files

__all__ = ["person_nouns", "word_list"]


@functools.cache
def word_list(name: str) -> frozenset[str]:
    """The lower-case words of ``tollwatch/data/<name>``."""
    text = (files("tollwatch") / "data" / name).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


def person_nouns() -> frozenset[str]:
    """Singular nouns that name one person: "a corporal", "the driver", "his bodyguard"."""
    return word_list("person_nouns.txt")
