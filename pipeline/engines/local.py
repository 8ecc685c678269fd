"""This machine: this process reads the inputs (``input.iter_articles``), skips the articles
whose output is up to date, has the rest parsed and extracted here or in worker processes
(``batches``) and, at the end, rebuilds the index files from the per-article files of the
run's inputs. spaCy and the model are imported only when there is an article to process.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..input import iter_articles
from ..outputs.index import forget_index, rebuild_index
from .job import Job, Outcome, Tally, check_shared, fresh, nonempty


def run_local(job: Job, tally: Tally) -> Iterator[Outcome]:
    """Outcomes in input order, then records.jsonl / records.parquet for every article read
    (kept as they are when no article was written and they hold the same articles).

    The model and data tables load (timed in ``tally.timings``) when the first article needs
    them, so a re-run with everything up to date loads neither."""
    if job.config.n_process > 1:
        check_shared(job.out)
    articles = nonempty(fresh(iter_articles(job.paths, job.config, job.published, job.follow_links), job, tally))
    if articles is not None:
        from .batches import process_articles
        from .startup import startup

        forget_index(job.out)  # before the first article's file is written: the index is rebuilt
        if job.config.n_process == 1:  # worker processes load their own copy, once each
            tally.timings.update(startup(job.config))
        yield from process_articles(articles, job.config, job.out)
    rebuild_index(job.out, tally.ids, job.formats, tally.digest)
