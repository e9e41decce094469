"""Stage ``figures``: PLACEHOLDER, to be written (owned by a helper)."""

from __future__ import annotations

from tollwatch.extract.pipeline import Context, Stage


def run(context: Context) -> None:
    """Placeholder: adds nothing yet."""


STAGE = Stage(name="figures", requires=("numbers", "parsed"), provides=("figures",), run=run)
