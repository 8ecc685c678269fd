"""Orchestration and where the per-article work runs. ``run`` reads the job and writes the
run report; every engine takes a ``job.Job``, reads its inputs (noting problems, ids and
up-to-date articles in a ``job.Tally``), yields a ``job.Outcome`` per article processed and
writes the index files; ``local`` runs in this process or in worker processes, ``dask`` on a
Dask cluster; both call ``process``, the per-article step (extract, check, write).
The top of the house: it imports every room below it and none imports it."""
