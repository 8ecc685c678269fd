"""Where the per-article work runs. Every engine takes a ``job.Job``, reads its inputs (noting
problems, ids and up-to-date articles in a ``job.Tally``), yields a ``job.Outcome`` per
article processed and writes the index files; ``local`` runs in this process or in worker
processes, ``dask`` on a Dask cluster whose workers read their own parts of the inputs."""
