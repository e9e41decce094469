"""Near-duplicate reports: MinHash over word shingles, banded for LSH.

The same wire story run by two outlets differs in its headline, dateline, a sentence added or
cut; its word 3-shingles still overlap far more than any two reports written apart. A report
whose estimated Jaccard similarity to an earlier one reaches :data:`THRESHOLD` is stored as a
copy of it (``reports.copy_of``), so a syndicated story never counts as two sources.

The LSH index is kept in the store (``report_bands``), not in memory, so every worker sees
what every other worker has stored. Band keys are also the names of the locks a writer takes
on PostgreSQL: two copies ingested at the same moment share a band, so one waits for the
other and sees it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
THRESHOLD = 0.7
SHINGLE = 3
SEED = 1  # fixed: signatures must agree across processes and runs

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def bands() -> tuple[int, int]:
    """(number of bands, rows per band) that datasketch finds best for the threshold."""
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def shingles(text: str, *, size: int = SHINGLE) -> set[bytes]:
    """The word ``size``-grams of ``text`` (case folded), as bytes; short texts give one."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@dataclass(frozen=True, slots=True)
class Signature:
    """A report's MinHash signature and its LSH band keys."""

    values: np.ndarray  # uint64, NUM_PERM long
    band_keys: tuple[str, ...]

    def to_bytes(self) -> bytes:
        return self.values.astype("<u8").tobytes()

    @staticmethod
    def values_from_bytes(data: bytes) -> np.ndarray:
        return np.frombuffer(data, dtype="<u8").astype(np.uint64)


def signature(text: str) -> Signature | None:
    """The signature of ``text``; None when it has no words (nothing to compare)."""
    grams = shingles(text)
    if not grams:
        return None
    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    mh.update_batch(sorted(grams))
    values = np.asarray(mh.hashvalues, dtype=np.uint64)
    return Signature(values=values, band_keys=band_keys(values))


def band_keys(values: np.ndarray) -> tuple[str, ...]:
    """``"<band>:<hash>"`` for each LSH band of a signature."""
    b, r = bands()
    keys = []
    for i in range(b):
        chunk = values[i * r : (i + 1) * r].astype("<u8").tobytes()
        keys.append(f"{i}:{hashlib.blake2b(chunk, digest_size=12).hexdigest()}")
    return tuple(keys)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / float(len(a))


def best_match(
    values: np.ndarray, candidates: Sequence[tuple[str, np.ndarray]]
) -> tuple[str, float] | None:
    """The candidate (id, values) most similar to ``values`` at or above the threshold.

    Ties go to the smallest id, so the choice does not depend on query order.
    """
    best: tuple[str, float] | None = None
    for cid, cvalues in sorted(candidates, key=lambda c: c[0]):
        sim = similarity(values, cvalues)
        if sim >= THRESHOLD and (best is None or sim > best[1]):
            best = (cid, sim)
    return best
