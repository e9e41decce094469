"""Is a report in English? tollwatch reads English only; a report in another language is
discarded with that reason instead of giving no claims in silence.

The detector is py3langid (langid.py's model, shipped inside the package: nothing is
downloaded). A report is judged not English only when all of these hold, so that short or
name-heavy English text (a wire brief of place names and numbers) is never refused:

- it has at least :data:`MIN_WORDS` words (fewer is too little to judge);
- the detector names another language with a normalised probability of at least
  :data:`MIN_CONFIDENCE`, or most letters are not Latin (Arabic, Cyrillic...);
- fewer than :data:`ENGLISH_SHARE` of its words are English function words ("the", "of",
  "were"), which make up a fifth or more of any English sentence.

The first :data:`SAMPLE_CHARS` characters are judged, so the cost is bounded whatever the size.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from tollwatch.errors import InputError

MIN_WORDS = 12
MIN_CONFIDENCE = 0.95
ENGLISH_SHARE = 0.08
SAMPLE_CHARS = 20_000

_WORD = re.compile(r"[^\W\d_]+")
_FUNCTION_WORDS = frozenset(
    """the a an and or but of to in on at by for from with into after before as is are was
    were be been has have had it its this that these those they he she his her their who
    which said says not no than more over also""".split()
)


@dataclass(frozen=True, kw_only=True, slots=True)
class LanguageGuess:
    """What the text looks like: an ISO 639-1 code, the detector's probability, and the share
    of English function words among the words."""

    code: str
    confidence: float
    words: int
    english_share: float
    latin_share: float

    @property
    def english(self) -> bool:
        """True unless the text is surely in another language (see the module docstring)."""
        if self.code == "en" or self.words < MIN_WORDS:
            return True
        if self.english_share >= ENGLISH_SHARE:
            return True
        return self.confidence < MIN_CONFIDENCE and self.latin_share >= 0.5


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def guess_language(text: str) -> LanguageGuess:
    """The language ``text`` looks like (its first :data:`SAMPLE_CHARS` characters)."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    share = sum(w in _FUNCTION_WORDS for w in words) / len(words) if words else 0.0
    letters = sum(len(w) for w in words)
    latin = sum(1 for w in words for ch in w if ch < "\u0250")  # Latin blocks end at U+024F
    code, confidence = _identifier().classify(sample)
    return LanguageGuess(
        code=str(code),
        confidence=float(confidence),
        words=len(words),
        english_share=share,
        latin_share=latin / letters if letters else 1.0,
    )


def check_english(text: str) -> None:
    """Raise :class:`InputError` when ``text`` is surely not English.

    Text with enough English function words (nearly every English report) is passed without
    running the detector, whose model takes a second or more to load."""
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    if len(words) < MIN_WORDS or sum(w in _FUNCTION_WORDS for w in words) >= ENGLISH_SHARE * len(
        words
    ):
        return
    guess = guess_language(text)
    if not guess.english:
        raise InputError(
            f"not in English: the text reads as language {guess.code!r} "
            f"(probability {guess.confidence:.2f}); tollwatch reads English reports only"
        )


__all__ = ["LanguageGuess", "check_english", "guess_language"]
