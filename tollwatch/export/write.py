"""Writing an export to a path: atomically where that is safe, straight through where not.

A regular file (or a new path) is written whole under a temporary name in its folder and
renamed over the old one, so a failed export never leaves half a file. Anything else is
written straight through, never replaced: a FIFO gets the rows a reader waits for, a device
(``/dev/full``, ``/dev/null``) stays a device, and a symbolic link keeps pointing where it
did (its target is what is written, atomically when the target is a regular file).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from tollwatch.errors import InputError


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` as the module docstring says.

    Raises :class:`InputError` naming the path and the reason when it cannot be written
    (a missing folder, a full disk, no permission).
    """
    given = Path(path)
    target = Path(os.path.realpath(given))  # a link's target: the link itself is kept
    data = text.encode("utf-8")
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise InputError(f"cannot write {given}: {exc.strerror or exc}") from exc
    try:
        if mode is not None and not stat.S_ISREG(mode):
            if stat.S_ISDIR(mode):
                raise InputError(f"cannot write {given}: it is a folder")
            _write_through(target, data)
        else:
            _write_atomic(target, data, mode)
    except OSError as exc:
        raise InputError(f"cannot write {given}: {exc.strerror or exc}") from exc


def _write_through(target: Path, data: bytes) -> None:
    with open(target, "wb") as fh:
        fh.write(data)
        fh.flush()


def _write_atomic(target: Path, data: bytes, mode: int | None) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private; keep the old file's mode, or the usual one
        os.chmod(tmp, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


__all__ = ["write_text"]
