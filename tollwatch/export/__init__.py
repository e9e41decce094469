"""Exports of the ledger in other standards' own shapes: ACLED, UCDP GED, HXL, GeoJSON, claims.

Library first: :func:`export` writes one format to a stream or a path. Each module (``acled``,
``ucdp``, ``hxl``, ``geojson``, ``claims``) defines its ``FORMAT`` (see
:mod:`tollwatch.export._common`): CSV formats a ``HEADER`` and ``rows(incidents, claims, *,
rule)``. Every export names the rule that made its figures.
"""

from __future__ import annotations

import importlib
import io
import os
from collections.abc import Sequence
from typing import TextIO

from tollwatch import errors, reconcile
from tollwatch.export._common import CsvFormat, JsonFormat
from tollwatch.export.write import write_text
from tollwatch.ledger import views

FORMATS: tuple[str, ...] = ("acled", "ucdp", "hxl", "geojson", "claims", "displacement")


def check_format(fmt: str) -> str:
    """Return ``fmt`` if it is a known export format, else raise ConfigError."""
    if fmt not in FORMATS:
        raise errors.ConfigError(
            f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}"
        )
    return fmt


def format_of(fmt: str) -> CsvFormat | JsonFormat:
    """The format named ``fmt`` (ConfigError when there is none)."""
    check_format(fmt)
    return importlib.import_module(f"tollwatch.export.{fmt}").FORMAT


def export(
    fmt: str,
    incidents: Sequence[views.LedgerIncident],
    claims: Sequence[views.LedgerClaim],
    *,
    rule: str | None = None,
    out: TextIO | str | os.PathLike[str],
) -> int:
    """Write ``incidents`` (and their ``claims``) as ``fmt`` to ``out``; return rows written.

    ``out`` is a text stream or a file path (see :func:`tollwatch.export.write.write_text`:
    a regular file is replaced whole, so a failed export leaves no half file; a FIFO, a
    device or a link's target is written through). Estimates come from the incidents when
    made under ``rule`` (by default the rule of the format's standard: ``conservative`` for
    ACLED, ``ucdp`` for the others), else are recomputed from ``claims``; claims with no
    incident give the situation figures (HXL, GeoJSON, displacement and claims exports).
    Raises ConfigError for an unknown format or rule,
    InputError when the path cannot be written.
    """
    writer = format_of(fmt)
    rule = reconcile.check_rule(rule or writer.default_rule)
    if isinstance(out, str | os.PathLike):
        buffer = io.StringIO()
        count = writer.write(incidents, claims, rule=rule, out=buffer)
        write_text(out, buffer.getvalue())
        return count
    return writer.write(incidents, claims, rule=rule, out=out)
