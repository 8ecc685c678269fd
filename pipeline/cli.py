"""Command line: thin typer commands over run.run and evaluate.evaluate."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from .config import Config, load_config
from .errors import Errors, PipelineError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Extract money, area, date and organisation records from news articles.")

CONFIG = typer.Option(None, "--config", "-c", help="Config file (default: ./config.toml if present).")


def _config(path: Optional[Path]) -> Config:
    if path is None and Path("config.toml").is_file():
        path = Path("config.toml")
    return load_config(path)


def _fail(message: str, code: int = 2):
    typer.echo(message, err=True)
    raise typer.Exit(code)


@app.command()
def run(
    paths: List[Path] = typer.Argument(None, help="Files or folders (.md, .txt, .jsonl). Default: paths.input."),
    config: Optional[Path] = CONFIG,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder (default: paths.output)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date for every article, YYYY-MM-DD."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
):
    """Extract records from articles into OUT/<article-id>.json, records.jsonl and run.json.

    Example: pipeline run articles/ --out outputs/
    """
    from .run import run as run_pipeline

    try:
        cfg = _config(config)
        when = _date(published)
        result = run_pipeline(paths or [], cfg, out, when, report=lambda p: typer.echo(p.message, err=True),
                              progress=not quiet and sys.stderr.isatty())
    except PipelineError as err:
        _fail(str(err))
    if not quiet:
        counts = ", ".join(f"{n} {t}" for t, n in result.records.items())
        typer.echo(f"{result.articles} articles -> {out or cfg.output}: {counts}", err=True)
    raise typer.Exit(1 if result.failed else 0)


@app.command()
def evaluate(
    outputs: Optional[Path] = typer.Option(None, "--outputs", help="Outputs folder (default: paths.output)."),
    gold: Optional[Path] = typer.Option(None, "--gold", help="Gold folder (default: paths.gold)."),
    min_f1: Optional[float] = typer.Option(None, "--min-f1", help="Exit 1 when micro-F1 is below this."),
    baselines: bool = typer.Option(False, "--baselines", help="Also score quantulum3, dateparser and spaCy alone."),
    config: Optional[Path] = CONFIG,
):
    """Score outputs against hand-labelled gold, per type; list every miss and false positive.

    Example: pipeline evaluate --baselines --min-f1 0.95
    """
    from . import evaluate as ev

    try:
        cfg = _config(config)
        outputs = outputs or cfg.output
        result = ev.evaluate(outputs, gold or cfg.gold)
        typer.echo(ev.render(result))
        if baselines:
            from .baselines import evaluate_baselines

            alone = evaluate_baselines(outputs, gold or cfg.gold, cfg)
            typer.echo(ev.render_comparison({"pipeline": result, "library alone": alone}))
        if outputs.is_dir():
            ev.write_report(result, outputs / "evaluation.json")
    except PipelineError as err:
        _fail(str(err))
    if min_f1 is not None and result.micro_f1 < min_f1:
        _fail(f"micro-F1 {result.micro_f1:.3f} is below --min-f1 {min_f1}", 1)
    raise typer.Exit(1 if result.problems else 0)


def _date(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PipelineError(Errors.E021.format(value=value)) from None
