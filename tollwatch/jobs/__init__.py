"""Jobs: orchestration above the ledger (ingest runs, distributed ingest, feed watching).

A job reads inputs (:mod:`tollwatch.ingest`), runs extraction (:mod:`tollwatch.extract`) and
hands the records to the ledger (:mod:`tollwatch.ledger.write`), which only stores them.

- :func:`tollwatch.jobs.ingest.ingest`: read, extract and store reports; link and reconcile.
"""
