"""What an article's output depends on, read without loading the model or spaCy, so a
re-run over up-to-date articles costs only reading them and their outputs' keys."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import metadata

from ..config import Config
from ..model.meta import version as model_version
from ..records import Article


def article_key(article: Article, config: Config) -> str:
    """What the article's output depends on: text, date, source and own currency, config, model
    and package versions, and the bytes it was made from when they are not its text (a web page's
    HTML, a PDF: a changed page re-runs even when its main text reads the same).

    An output carrying the same key is up to date and is not processed again.
    """
    parts = [
        article.text,
        article.published.isoformat() if article.published else "",
        article.source,
        article.currency_default or "",
        config.digest,
        config.model,
        *versions(config.model),
    ]
    if article.digest:  # only formats whose bytes are not their text: Markdown and JSONL keys stay as they were
        parts.append(article.digest)
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]


@lru_cache(maxsize=4)
def versions(model: str) -> tuple[str, str]:
    """(package version, model version), read once per process."""
    return version("pipeline") or "", model_version(model) or version(model.replace("_", "-")) or ""


def version(name: str) -> str | None:
    """An installed distribution's version, None when it is not installed."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
