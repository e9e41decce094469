"""The one exception hierarchy of tollwatch.

Library code raises these; the edges translate them: the CLI prints ``Error: <message>`` and
exits non-zero, HTTP returns ``{"error": {"type": ..., "message": ...}}``.
"""

from __future__ import annotations


class TollwatchError(Exception):
    """Base of every error tollwatch raises on purpose."""

    exit_code: int = 1
    http_status: int = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(TollwatchError):
    """A report or file that cannot be read as a report: empty, binary, wrong encoding, too big."""


class ConfigError(TollwatchError):
    """A setting, option or config file that is not valid."""


class ModelError(TollwatchError):
    """The spaCy pipeline cannot be loaded."""


class PipelineError(TollwatchError):
    """The extraction pipeline is wrongly assembled (a stage without what it needs)."""

    http_status = 500


class ExtractionError(TollwatchError):
    """Extraction failed on one report (a fault in a stage, not in the input)."""

    http_status = 500

    def __init__(self, message: str, *, report_id: str | None = None) -> None:
        super().__init__(message)
        self.report_id = report_id


class GazetteerError(TollwatchError):
    """The gazetteer cannot be built, opened or imported into."""


class StoreError(TollwatchError):
    """The ledger store cannot be opened, migrated or written.

    ``permanent`` is True when the store refused what was written (a value, a constraint),
    not the connection: writing something else may still succeed.
    """

    http_status = 500

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class OutputError(TollwatchError):
    """A command's output cannot be written: a full disk, a device that refuses, a pipe
    closed by its reader."""


class NotFoundError(TollwatchError):
    """A record asked for by id does not exist."""

    http_status = 404


class EvalError(TollwatchError):
    """An evaluation file cannot be scored, or a floor would be lowered."""


class ClusterError(TollwatchError):
    """The Dask cluster cannot be started or reached, or lost a batch for good."""


class FetchError(TollwatchError):
    """A feed or page cannot be fetched (network, HTTP status, robots.txt, size, time)."""
