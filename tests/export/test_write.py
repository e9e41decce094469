"""``export -o PATH``: atomic for regular files, written through for everything else."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from tollwatch.errors import InputError
from tollwatch.export.write import write_text


def test_a_regular_file_is_replaced_whole_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    target.chmod(0o640)
    write_text(target, "new,rows\n")
    assert target.read_text() == "new,rows\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no temporary left


def test_a_new_file_is_made(tmp_path: Path) -> None:
    write_text(tmp_path / "new.csv", "a\n")
    assert (tmp_path / "new.csv").read_text() == "a\n"


def test_a_symlink_keeps_pointing_at_its_target_which_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    write_text(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new\n"


def test_a_fifo_is_written_through_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_text(fifo, "rows\n")
    reader.join(timeout=20)
    assert got == [b"rows\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_full_device_is_a_clear_error_and_stays_a_device() -> None:
    with pytest.raises(InputError) as caught:
        write_text("/dev/full", "rows\n")
    assert caught.value.message == "cannot write /dev/full: No space left on device"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_dev_null_is_written_through() -> None:
    write_text("/dev/null", "rows\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_folder_or_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=f"^cannot write {tmp_path}: it is a folder$"):
        write_text(tmp_path, "x")
    missing = tmp_path / "no" / "out.csv"
    with pytest.raises(InputError, match=f"^cannot write {missing}: No such file or directory$"):
        write_text(missing, "x")
