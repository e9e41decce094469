"""Tests of ingest on Dask: the same ledger as one process, a killed worker, bad options.

The clusters are real (``distributed.LocalCluster``: a scheduler and worker processes on
127.0.0.1, started and stopped by these tests).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from tests.ledger.conftest import FakeExtractor, generated_reports, write_reports
from tollwatch.cli import main
from tollwatch.errors import ClusterError, ConfigError
from tollwatch.jobs.distributed import cluster_client, local_cluster
from tollwatch.jobs.ingest import ingest
from tollwatch.ledger.dump import canonical_dump
from tollwatch.ledger.store import open_store

pytestmark = pytest.mark.slow

EXPORTS = ("acled", "ucdp", "hxl", "geojson", "claims")


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two worker processes, shared by the tests of this module that do not kill one."""
    with local_cluster(2) as c:
        yield c


def _dump(url: str):
    st = open_store(url)
    try:
        with st.read() as conn:
            return canonical_dump(conn)
    finally:
        st.dispose()


def _exports(url: str, capsys) -> dict[str, str]:
    out = {}
    capsys.readouterr()
    for fmt in EXPORTS:
        assert main(["export", fmt, "--db", url]) == 0
        out[fmt] = capsys.readouterr().out
    return out


def _other_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'one-process.sqlite'}"
        return
    from tests.ledger.conftest import create_pg_database, drop_pg_database

    name, url = create_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(name)


@pytest.fixture
def one_process_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """A second empty store on the same backend as ``db_url``."""
    yield from _other_url(db_url, tmp_path)


@pytest.mark.usefixtures("nlp")
def test_dask_ingest_gives_the_ledger_of_one_process_byte_for_byte(
    cluster: LocalCluster, db_url: str, one_process_url: str, tmp_path: Path, capsys
):
    folder = tmp_path / "in"
    texts = generated_reports(30)
    texts.insert(7, texts[3])  # the same report twice: stored once
    paths = write_reports(folder, texts)
    (folder / "r900.txt").write_bytes(b"\xff\xfe\x00binary")  # a discard among them

    spread = ingest([folder], db_url=db_url, scheduler=cluster.scheduler_address, batch_size=4)
    alone = ingest([folder], db_url=one_process_url)

    assert spread.reports_new == alone.reports_new == 30
    assert spread.discarded == alone.discarded == 1
    assert spread.to_dict() | {"db": "", "seconds": 0} == alone.to_dict() | {"db": "", "seconds": 0}
    dump = _dump(db_url)
    assert dump["claims"] and dump["incident_links"]
    assert dump == _dump(one_process_url)
    assert _exports(db_url, capsys) == _exports(one_process_url, capsys)
    assert len(paths) == 31

    # Each worker loaded the pipeline once, whatever it extracted (the plugin ran at start).
    with Client(cluster.scheduler_address, set_as_default=False) as client:

        def loads(dask_worker) -> int:
            from tollwatch.extract.nlp import load_nlp

            return load_nlp.cache_info().misses

        assert set(client.run(loads).values()) == {1}

    # Run again on the cluster: everything is present, nothing is extracted or stored.
    again = ingest([folder], db_url=db_url, scheduler=cluster.scheduler_address)
    assert (again.reports_new, again.discarded, again.already_present) == (0, 0, 32)
    assert _dump(db_url) == dump


class StallOnce:
    """The fake extractor, except that the first worker to meet a report containing STALL
    writes its pid to ``marker`` and waits to be killed; the batch's retry goes through."""

    def __init__(self, marker: str) -> None:
        self.marker = marker
        self.inner = FakeExtractor()

    def __call__(self, reports):
        if any("STALL" in r.text for r in reports) and not os.path.exists(self.marker):
            with open(self.marker + ".tmp", "w", encoding="utf-8") as f:
                f.write(str(os.getpid()))
            os.replace(self.marker + ".tmp", self.marker)
            time.sleep(300)
        return self.inner(reports)


def _fake_texts(n: int) -> list[str]:
    places = ("Ariha", "Saraqib", "Douma", "Manbij", "Mosul")
    out = []
    for k in range(n):
        day = f"2017-0{1 + k % 9}-{10 + k % 17}"
        out.append(f"Report {k}: medics said {3 + k} killed in {places[k % 5]} on {day}.")
    out[13] = out[13] + " STALL"
    return out


def test_a_worker_killed_mid_batch_loses_nothing_and_duplicates_nothing(
    db_url: str, one_process_url: str, tmp_path: Path
):
    folder = tmp_path / "in"
    write_reports(folder, _fake_texts(40))
    marker = str(tmp_path / "stalled.pid")
    killed: list[int] = []

    def kill_when_stalled(worker_pids: set[int]) -> None:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not os.path.exists(marker):
            time.sleep(0.05)
        pid = int(Path(marker).read_text(encoding="utf-8"))
        assert pid in worker_pids
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    with local_cluster(2) as cl, Client(cl.scheduler_address, set_as_default=False) as client:
        pids = set(client.run(os.getpid).values())
        killer = threading.Thread(target=kill_when_stalled, args=(pids,), daemon=True)
        killer.start()
        spread = ingest(
            [folder],
            db_url=db_url,
            scheduler=cl.scheduler_address,
            extractor=StallOnce(marker),
            batch_size=4,
        )
        killer.join(timeout=60)
    assert len(killed) == 1, "the stalled worker was not killed"

    # The one-process run meets the marker already written, so it does not stall.
    alone = ingest([folder], db_url=one_process_url, extractor=StallOnce(marker))
    assert spread.reports_new == alone.reports_new == 40
    assert spread.already_present == 0
    assert _dump(db_url) == _dump(one_process_url)


def test_cluster_options_are_checked(tmp_path: Path, capsys):
    db = f"sqlite:///{tmp_path / 'l.sqlite'}"
    (tmp_path / "a.txt").write_text("Shelling killed 4 people in Idlib.", encoding="utf-8")
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", db, "--workers", "0"]) == 1
    assert capsys.readouterr().err == "Error: --workers must be at least 1, not 0\n"
    args = ["ingest", str(tmp_path / "a.txt"), "--db", db, "--workers", "2", "--jobs", "2"]
    assert main(args) == 1
    assert (
        capsys.readouterr().err
        == "Error: --jobs runs local processes; give it or a Dask cluster, not both\n"
    )
    with pytest.raises(ConfigError, match="give it or --scheduler"):
        ingest([tmp_path], db_url=db, workers=1, scheduler="tcp://127.0.0.1:8786")


def test_an_unreachable_scheduler_is_a_clear_error():
    with pytest.raises(
        ClusterError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"
    ):
        with cluster_client(scheduler="tcp://127.0.0.1:9", timeout=1):
            pass
