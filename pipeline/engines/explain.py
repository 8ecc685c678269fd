"""Why each name in one article was or was not reported as an organisation: the article read
and parsed as a run reads it, then every candidate's verdict with the rule that decided it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..config import Config
from ..errors import Errors, PipelineError
from ..extractors import Context, parsed_from
from ..extractors.organisations import Verdict, explain
from ..input import read_articles
from ..model.nlp import load_nlp


def explain_article(config: Config, paths: Sequence[Path], article_id: str) -> list[Verdict]:
    """The verdicts for article ``article_id`` under ``paths`` (config.input when empty)."""
    articles, _ = read_articles(list(paths), config)
    found = next((a for a in articles if a.id == article_id), None)
    if found is None:
        near = sorted(a.id for a in articles if article_id.lower() in a.id)[:5]
        raise PipelineError(Errors.E073.format(article=article_id, near=", ".join(near) or "none"))
    doc = parsed_from(load_nlp(config)(found.text), found.text)
    context = Context(
        published=found.published, config=config, source=found.source, currency_default=found.currency_default
    )
    return explain(doc, context)


def render(verdicts: list[Verdict], text_filter: str = "") -> str:
    """One line per verdict: reported or not, the rule, the name, the sources weighed."""
    rows = [v for v in verdicts if text_filter.lower() in v.name.lower()]
    width = max((len(v.rule) for v in rows), default=4)
    return "\n".join(
        f"{'reported' if v.accepted else 'rejected'}  {v.rule:<{width}}  {v.name}"
        f"{'  (' + ', '.join(v.sources) + ')' if v.sources else ''}"
        for v in rows
    )
