"""Command line: thin typer commands over run.run and evaluate.evaluate."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Never

import typer
from typer.core import TyperGroup

from .config import Config, load_config
from .errors import Errors, PipelineError

# pyarrow's default allocator (mimalloc) keeps the memory that writing records.parquet freed:
# after row groups of 2,000 records ~20 MB more than after a short run's one small group. The
# C allocator (Arrow's "system" pool) gives it back. Read when pyarrow loads, so set here,
# before a command imports anything that may load it; a value the user set is kept. The index
# writer (outputs.index._arrow) sets the same for library callers and Dask workers.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

CONTEXT = {"help_option_names": ["-h", "--help"]}
# Plain click help: typer's rich panels print a `<bool>` placeholder after every flag.
app = typer.Typer(
    rich_markup_mode=None,
    add_completion=False,
    no_args_is_help=True,
    context_settings=CONTEXT,
    help="Extract money, area, date and organisation records from news articles.\n\n"
    "Example: pipeline run    then    pipeline evaluate    then    pipeline review",
)

CONFIG = typer.Option(None, "--config", "-c", help="Config file (default: ./config.toml if present).")


def _level(ctx: typer.Context) -> int:
    """Verbosity set by the top-level -q / -v: 0 only errors, 1 the default, 2 more."""
    return (ctx.find_root().obj or {}).get("verbosity", 1)


def _say(message: str, shown: bool = True) -> None:
    """A progress or summary line on stderr, when the verbosity asks for it."""
    if shown:
        typer.echo(message, err=True)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"pipeline {version('pipeline')}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Say more: each set's folders and reports; evaluate lists every miss."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors and the results asked for."),
) -> None:
    """Extract money, area, date and organisation records from news articles.

    Example: pipeline run    then    pipeline evaluate    then    pipeline review
    """
    ctx.obj = {"verbosity": 0 if quiet else (2 if verbose else 1)}


def _config(path: Path | None) -> Config:
    if path is None and Path("config.toml").is_file():
        path = Path("config.toml")
    return load_config(path)


def _fail(message: str, code: int = 2):
    typer.echo(message, err=True)
    raise typer.Exit(code)


@app.command()
def run(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(None, help="Files or folders (.md, .txt, .jsonl). Default: paths.input."),
    config: Path | None = CONFIG,
    out: str | None = typer.Option(
        None, "--out", "-o", help="Output folder or fsspec URL, e.g. s3://bucket/news (default: paths.output)."
    ),
    published: str | None = typer.Option(None, "--published", help="Publication date for every article, YYYY-MM-DD."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    set_name: str | None = typer.Option(
        None, "--set", help="Run one configured set (sample, dev, test) into its own outputs."
    ),
    force: bool = typer.Option(False, "--force", help="Process every article, even those whose output is up to date."),
    prune: bool = typer.Option(False, "--prune", help="Remove outputs of articles no longer in the inputs."),
    fmt: str = typer.Option("both", "--format", help="Index files to write: jsonl, parquet or both."),
    engine: str = typer.Option("local", "--engine", help="Where articles are processed: local (this machine) or dask."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Dask scheduler address (default: a LocalCluster on 127.0.0.1)."
    ),
    follow_links: bool = typer.Option(
        False, "--follow-links", help="Follow symbolic links that lead out of an input folder."
    ),
) -> Never:
    """Extract records from articles into OUT/<article-id>.json, records.jsonl and run.json.

    With no PATHS and no --set, every set in config.toml runs into its own outputs folder.

    Example: pipeline run articles/ --out outputs/    or    pipeline run --set dev
    """
    from .engines.run import run as run_pipeline

    failed = False
    try:
        cfg = _config(config)
        when = _date(published)
        formats = _formats(fmt)
        where = _engine(engine, scheduler)
        for inputs, target in _jobs(cfg, paths or [], out, set_name):
            absent = [p for p in inputs or [cfg.input] if not Path(p).exists()]
            if absent and len(absent) == len(inputs or [cfg.input]):  # nothing to read: write no folder either
                for path in absent:
                    typer.echo(Errors.E010.format(path=path), err=True)
                failed = True
                continue
            _say(f"{' '.join(map(str, inputs or [cfg.input]))} -> {target or cfg.output}", _level(ctx) >= 2)
            result = run_pipeline(
                inputs,
                cfg,
                target,
                when,
                report=lambda p: typer.echo(p.message, err=True),
                progress=not quiet and _level(ctx) > 0 and sys.stderr.isatty(),
                force=force,
                prune=prune,
                formats=formats,
                engine=where,
                follow_links=follow_links,
            )
            failed = failed or result.failed
            _say(summary(result, target or cfg.output), not quiet and _level(ctx) > 0)
            if result.interrupted:
                typer.echo(f"stopped by signal {result.interrupted}; run again to finish the rest", err=True)
                raise typer.Exit(128 + result.interrupted)
    except PipelineError as err:
        _fail(str(err))
    raise typer.Exit(1 if failed else 0)


def summary(result, folder) -> str:
    """What this run did and what the folder now holds.

    >>> from pipeline.engines.run import RunResult
    >>> done = RunResult(skipped=3, holds={"articles": 3, "records": {"money": 4, "area": 4, "date": 7, "organisation": 12}})
    >>> summary(done, "outputs")
    '3 up to date, 0 processed; outputs/ holds 3 articles, 27 records: 4 money, 4 area, 7 date, 12 organisation'
    """
    held = result.holds["records"]
    did = f"{result.skipped} up to date, {result.articles} processed"
    if result.articles:
        did += " (" + ", ".join(f"{n} {t}" for t, n in result.records.items()) + " new)"
    return (
        f"{did}; {str(folder).rstrip('/')}/ holds {result.holds['articles']} articles, {sum(held.values())} records: "
        + ", ".join(f"{n} {t}" for t, n in held.items())
    )


def _formats(value: str) -> tuple[str, ...]:
    choices = {"jsonl": ("jsonl",), "parquet": ("parquet",), "both": ("jsonl", "parquet")}
    if value not in choices:
        raise PipelineError(Errors.E026.format(value=value))
    return choices[value]


def _engine(name: str, scheduler: str | None):
    if name == "local" and not scheduler:
        from .engines.local import run_local

        return run_local
    if name == "dask":
        from .engines.dask import dask_engine

        return dask_engine(scheduler)
    raise PipelineError(Errors.E063.format(value=name))


def _jobs(
    cfg: Config, paths: list[Path], out: str | None, set_name: str | None
) -> list[tuple[list[Path], str | Path | None]]:
    """(inputs, output folder) pairs: the paths given, one set, or every set (each into its own folder)."""
    if paths:
        if set_name:
            raise PipelineError(Errors.E022.format(what="PATHS and --set"))
        return [(paths, out)]
    if set_name:
        ds = _data_set(cfg, set_name)
        return [([ds.input], out or ds.output)]
    if out is not None or not cfg.sets:
        return [([], out)]
    return [([ds.input], ds.output) for ds in cfg.sets.values()]


def _data_set(cfg: Config, name: str):
    if name not in cfg.sets:
        raise PipelineError(Errors.E023.format(name=name, known=", ".join(cfg.sets) or "(none)"))
    return cfg.sets[name]


@app.command()
def evaluate(
    ctx: typer.Context,
    outputs: Path | None = typer.Option(None, "--outputs", help="Outputs folder (default: paths.output)."),
    gold: Path | None = typer.Option(None, "--gold", help="Gold folder (default: paths.gold)."),
    min_f1: float | None = typer.Option(None, "--min-f1", help="Exit 1 when micro-F1 is below this."),
    baselines: bool = typer.Option(False, "--baselines", help="Also score quantulum3, dateparser and spaCy alone."),
    summary_only: bool | None = typer.Option(
        None,
        "--summary/--full",
        help="Print only the per-set tables, or every miss and false positive too "
        "(default: --summary when several sets are scored, else --full).",
        show_default=False,
    ),
    config: Path | None = CONFIG,
    set_name: str | None = typer.Option(None, "--set", help="Score one configured set (sample, dev, test)."),
) -> Never:
    """Score outputs against hand-labelled gold, per type; write evaluation.json and the
    evaluation.html report (charts, misses by cause, F1 over time) beside the outputs.

    With no --set, --outputs or --gold, every set in config.toml is scored: a table per set
    and a combined row, and evaluation-sets.html in paths.output.

    Example: pipeline evaluate --set dev --baselines    or    pipeline evaluate --min-f1 0.95
    """
    from .evaluation import scoring as ev

    try:
        cfg = _config(config)
        if set_name and (outputs or gold):
            raise PipelineError(Errors.E022.format(what="--set and --outputs/--gold"))
        if set_name:
            pairs = {set_name: (_data_set(cfg, set_name).output, _data_set(cfg, set_name).gold)}
        elif outputs or gold or not cfg.sets:
            pairs = {"": (outputs or cfg.output, gold or cfg.gold)}
        else:
            pairs = {name: (ds.output, ds.gold) for name, ds in cfg.sets.items()}
        missing = [Errors.E031.format(path=p) for pair in pairs.values() for p in pair if not Path(p).is_dir()]
        if missing:  # nothing to score: say so, not a table of zeros
            _fail("\n".join(missing) + "\nRun `pipeline run` first, or give --outputs and --gold.", 1)
        brief = summary_only if summary_only is not None else len(pairs) > 1
        level = _level(ctx)
        brief = brief and level < 2
        results = {
            name: _evaluate_one(name, out_dir, gold_dir, cfg, baselines, brief, level)
            for name, (out_dir, gold_dir) in pairs.items()
        }
        if len(results) > 1:
            _report_sets(cfg, results, level)
    except PipelineError as err:
        _fail(str(err))
    combined = ev.combine(list(results.values()))
    if min_f1 is not None and combined.micro_f1 < min_f1:
        _fail(f"micro-F1 {combined.micro_f1:.3f} is below --min-f1 {min_f1}", 1)
    raise typer.Exit(1 if combined.problems else 0)


def _evaluate_one(name: str, out_dir: Path, gold_dir: Path, cfg: Config, baselines: bool, brief: bool, level: int):
    """Score one set; print its table (or the whole listing); write evaluation.json, the report and its history."""
    from .evaluation import report as html
    from .evaluation import scoring as ev
    from .outputs.layout import EVALUATION_REPORT

    result = ev.evaluate(out_dir, gold_dir)
    if name:
        typer.echo(f"=== set {name}: {out_dir} against {gold_dir} ===\n")
    typer.echo(ev.render_summary(result) if brief else ev.render(result))
    from .evaluation.facts import evaluate_facts, render_facts

    fact_scores = evaluate_facts(out_dir, gold_dir)
    if fact_scores is not None:
        typer.echo(render_facts(fact_scores, evaluate_facts(out_dir, gold_dir, baseline=True)))
    alone = None
    if baselines:
        from .evaluation.baselines import evaluate_baselines

        alone = evaluate_baselines(out_dir, gold_dir, cfg)
        typer.echo(ev.render_comparison({"pipeline": result, "library alone": alone}))
    ev.write_report(result, out_dir / EVALUATION_REPORT)
    history = html.append_history(out_dir / html.HISTORY, html.history_line(name, result, cfg))
    html.write_page(out_dir / html.REPORT, html.set_page(name, result, history, cfg.review_port, alone))
    _say(f"report: {out_dir / html.REPORT}", level >= (2 if name else 1))
    return result


def _report_sets(cfg: Config, results: dict, level: int) -> None:
    from .evaluation import report as html
    from .evaluation import scoring as ev

    typer.echo("=== all sets ===\n" + ev.render_sets(results))
    history = [line for name in results for line in html.read_history(cfg.sets[name].output / html.HISTORY)]
    page = Path(cfg.output) / html.ALL_SETS
    html.write_page(page, html.sets_page(results, ev.combine(list(results.values())), history))
    _say(f"reports: evaluation.html in each set's outputs; all sets: {page}", level >= 1)


@app.command(name="explain")
def explain_cmd(
    article: str = typer.Argument(..., help="Article id, as in its output file's name."),
    paths: list[Path] = typer.Argument(
        None, help="Files or folders holding it (default: the set's input, else paths.input)."
    ),
    name: str = typer.Option("", "--name", help="Only names containing this text (any case)."),
    set_name: str | None = typer.Option(None, "--set", help="Look in a configured set's input (sample, dev, test)."),
    config: Path | None = CONFIG,
) -> None:
    """Say why each candidate name in one article was or was not reported as an organisation:
    the decision rule that settled it and the evidence it weighed.

    Example: pipeline explain shanghai-medvalley-strengthens-jiadings-biopharma-sector --name valley
    """
    from .engines.explain import explain_article, render

    try:
        cfg = _config(config)
        where = paths or ([_data_set(cfg, set_name).input] if set_name else [])
        typer.echo(render(explain_article(cfg, where, article), name))
    except PipelineError as err:
        _fail(str(err))


@app.command()
def train(
    set_names: list[str] = typer.Option(
        None, "--set", help="A configured set whose gold to train on (repeatable; default: dev)."
    ),
    corpus: list[Path] = typer.Option(
        None, "--corpus", help="A converted public NER corpus, JSONL (repeatable; see docs/training.md)."
    ),
    out: Path = typer.Option(..., "--out", "-o", help="Model folder to write; point model.name at it to use it."),
    epochs: int = typer.Option(12, "--epochs", min=1, help="Passes over the training documents."),
    held_out: float = typer.Option(
        0.2, "--held-out", min=0.0, max=0.9, help="Share of each set's articles kept out of training and scored."
    ),
    repeat_gold: int = typer.Option(
        1, "--repeat-gold", min=1, help="Times each gold article is seen per epoch (corpora follow other guidelines)."
    ),
    base: str | None = typer.Option(
        None, "--base", help="spaCy pipeline to start from (default: model.name, or its base)."
    ),
    config: Path | None = CONFIG,
) -> None:
    """Fine-tune the model's entity recogniser on gold organisations (and public corpora),
    with spaCy's own training; writes OUT with the new recogniser, meta.json and MODEL_CARD.md.

    Example: pipeline train --set dev --corpus corpora/gum.jsonl --out models/news
    """
    from .training.train import Source
    from .training.train import train as train_model

    try:
        cfg = _config(config)
        sources = [
            Source(name, _data_set(cfg, name).input, _data_set(cfg, name).gold) for name in (set_names or ["dev"])
        ]
        sources += [Source(path.stem, corpus=path, licence=_corpus_licence(path)) for path in corpus or []]
        report = train_model(
            cfg, sources, out, base=base, epochs=epochs, held_out=held_out, repeat_gold=repeat_gold, echo=typer.echo
        )
    except PipelineError as err:
        _fail(str(err))
    for check, after in report.after.items():
        before = report.before.get(check, {})
        org_b, org_a = before.get("ORG", {}).get("f", 0), after.get("ORG", {}).get("f", 0)
        typer.echo(
            f"{check}: ORG F1 {org_b:.3f} -> {org_a:.3f}; all labels F1 {before['all']['f']:.3f} -> {after['all']['f']:.3f}"
        )
    typer.echo(f'wrote {out} ({report.seconds:.0f} s); use it with model.name = "{out}" in config.toml')


def _corpus_licence(path: Path) -> str:
    """The licence a converted corpus states in a LICENCE line of its sidecar ``<name>.licence``."""
    side = path.with_suffix(".licence")
    return side.read_text("utf8").strip() if side.is_file() else ""


class _ReviewGroup(TyperGroup):
    """``pipeline review [OUTPUTS]`` is short for ``pipeline review serve [OUTPUTS]``: a first word
    that is no subcommand is a folder to serve, never an unknown command."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ctx.help_option_names):
            args = ["serve", *args]
        return super().parse_args(ctx, args)


review_app = typer.Typer(
    cls=_ReviewGroup,
    rich_markup_mode=None,
    context_settings=CONTEXT,
    help="Review extracted records in a local web page; export the decisions as gold.\n\n"
    "Decisions live beside the outputs reviewed (OUTPUTS/review.sqlite, unless review.database is set).\n\n"
    "Example: pipeline review serve outputs/dev    then    pipeline review export outputs/dev",
)
app.add_typer(review_app, name="review")

REVIEWED = typer.Argument(None, help="Outputs folder of `pipeline run` (default: paths.output).", show_default=False)


@review_app.command("serve")
def review_serve(
    outputs: Path | None = REVIEWED,
    port: int | None = typer.Option(
        None, "--port", help="Port on 127.0.0.1 (default: review.port; 0 = any free port)."
    ),
    open_browser: bool = typer.Option(False, "--open/--no-browser", help="Open the page in the system browser."),
    reviewer: str | None = typer.Option(
        None, "--reviewer", help="Name kept with every decision (default: the OS user)."
    ),
    config: Path | None = CONFIG,
) -> None:
    """Serve the review page: accept, reject, correct or add records, by keyboard.

    `pipeline review OUTPUTS` is the same. Example: pipeline review serve outputs/dev --port 8765 --open
    """
    from .review.app import serve

    try:
        cfg = _config(config)
        serve(outputs or cfg.output, cfg, port, open_browser, reviewer, echo=lambda m: typer.echo(m, err=True))
    except PipelineError as err:
        _fail(str(err))


@review_app.command("export")
def review_export(
    outputs: Path | None = REVIEWED,
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        help="Gold folder (default: the gold of the set whose outputs these are), or the file for --format jsonl|csv.",
    ),
    fmt: str = typer.Option(
        "gold", "--format", help="gold (files `pipeline evaluate` reads), or jsonl|csv: one row per decision."
    ),
    force: bool = typer.Option(False, "--force", help="Let the review win where it conflicts with existing gold."),
    outputs_option: Path | None = typer.Option(None, "--outputs", hidden=True, help="Same as OUTPUTS."),
    config: Path | None = CONFIG,
) -> Never:
    """Write the decisions about OUTPUTS as gold files (merged into existing ones), or as a decision log.

    Example: pipeline review export outputs/dev   |   pipeline review export ../out2 --out ../out2-gold
    |   pipeline review export --format csv --out decisions.csv
    """
    from .review.export import export

    try:
        cfg = _config(config)
        if outputs and outputs_option:
            raise PipelineError(Errors.E022.format(what="OUTPUTS and --outputs"))
        report = export(cfg, outputs or outputs_option or cfg.output, out, fmt, force)
    except PipelineError as err:
        _fail(str(err))
    for line in report.warnings:
        typer.echo(line, err=True)
    typer.echo(report.summary, err=True)
    raise typer.Exit(1 if report.conflicts else 0)


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    from .input import iso_date

    try:
        return iso_date(value)
    except ValueError:
        raise PipelineError(Errors.E021.format(value=value)) from None
