"""Where the per-article work runs. Every engine takes articles and yields ``process.Outcome``s;
``local`` runs in this process or in worker processes, ``dask`` on a Dask cluster."""
