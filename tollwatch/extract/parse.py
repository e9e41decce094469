"""Stage ``parse``: PLACEHOLDER, to be written (owned by a helper)."""

from __future__ import annotations

from tollwatch.extract.pipeline import Context, Stage


def run(context: Context) -> None:
    """Placeholder: adds nothing yet."""


STAGE = Stage(name="parse", requires=("sentences", "numbers"), provides=("parsed",), run=run)
