"""Jobs: orchestration above the ledger (ingest runs, distributed ingest, feed watching).

A job reads inputs (:mod:`tollwatch.ingest`), runs extraction (:mod:`tollwatch.extract`) and
hands the records to the ledger (:mod:`tollwatch.ledger.write`), which only stores them.

- :mod:`tollwatch.jobs.ingest`: ``ingest(paths, …)``, what ``tollwatch ingest`` runs.
- :mod:`tollwatch.jobs.extraction`: where extraction runs (here, local processes).
- :mod:`tollwatch.jobs.distributed`: extraction on a Dask cluster (``--workers``,
  ``--scheduler``).
- :mod:`tollwatch.jobs.watch`: polling feeds (``tollwatch watch``).
- :mod:`tollwatch.jobs.progress`: reports done, rate and ETA on stderr.
"""
