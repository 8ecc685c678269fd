"""The review server: a Starlette app over the loaded outputs and the decision store.

Articles are looked up by id in the outputs loaded at start; no request path ever
reaches the file system. Every page is rendered by Jinja with autoescape, sent with a
strict Content-Security-Policy, and state-changing requests need the per-process token.
"""

from __future__ import annotations

import gc
import getpass
import json
import secrets
import socket
import webbrowser
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from importlib import resources
from pathlib import Path

import uvicorn
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..config import Config
from ..errors import Errors, PipelineError
from ..evaluation import scoring as ev
from ..facts.records import STATUSES
from ..records import TYPES, merge, to_dict
from . import facts as factmod
from . import folder
from .store import Conflict, Decision, Store, StoreError, record_key, text_hash
from .values import FIELDS, Invalid, corrected

# Articles per index page: 10,000 rows were 3 MB of HTML and seconds to render.
PAGE = 200
DECIDED = ("accept", "reject", "correct", "add")  # the statuses of a decided record; stale, new, undecided are not
STATIC = {"review.js": "text/javascript", "review.css": "text/css"}
KEYS = [
    ("a", "accept, next"),
    ("r", "reject, next"),
    ("e", "correct"),
    ("s", "add from selection"),
    ("u", "undo"),
    ("j / k", "next / previous record"),
    ("n / p", "next / previous article"),
    ("Enter / Esc", "save / cancel a form"),
]
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


@dataclass(frozen=True)
class OutputArticle:
    """An article as its output file holds it (cleaned text and records), loaded for review: not
    ``records.Article``, what reading hands the extract step."""

    id: str
    title: str
    published: date | None
    text: str
    records: tuple[dict, ...]
    source: str = ""
    currency_default: str | None = None
    facts: tuple[dict, ...] = ()

    @cached_property
    def hash(self) -> str:
        return text_hash(self.text)

    @cached_property
    def counts(self) -> dict[str, int]:
        """Records of each type."""
        found = Counter(r["type"] for r in self.records)
        return {t: found[t] for t in TYPES}


@dataclass
class Review:
    """What the server serves: the loaded articles, their gold, the store and who is reviewing."""

    articles: dict[str, OutputArticle]
    gold: dict[str, list[dict]]
    store: Store
    config: Config
    reviewer: str
    problems: list[str] = field(default_factory=list)
    store_path: Path | None = None
    _kept: dict[str, tuple[list[tuple[str, str]], int]] = field(default_factory=dict, init=False, repr=False)
    _version: int | None = field(default=None, init=False, repr=False)  # the store's, when _kept was checked
    _written: tuple[int, int] = field(default=(0, 0), init=False, repr=False)  # the store's writes then

    @classmethod
    def load(cls, outputs: Path, config: Config, reviewer: str | None = None, store: Store | None = None) -> Review:
        """Read the outputs folder, then open the store; malformed files become problems, the good articles are served."""
        if not Path(outputs).is_dir():
            raise PipelineError(Errors.E044.format(path=outputs, reason="no such folder"))
        loaded, problems = ev.load_outputs(outputs)
        if not loaded:
            reason = "no article files (<article-id>.json)" + (" that can be read" if problems else "")
            raise PipelineError(Errors.E044.format(path=outputs, reason=reason) + "".join(f"\n  {p}" for p in problems))
        gold_dir = folder.gold(config, outputs)
        gold, gold_problems = ev.load_gold(gold_dir) if gold_dir else ({}, [])
        store_path = folder.database(config, outputs)
        store = store or Store(store_path)
        articles = {}
        for aid, data in sorted(loaded.items()):
            articles[aid], left_out = _article(aid, data)
            if left_out:
                problems.append(Errors.E051.format(article=aid, count=left_out, reason=_RECORD_SHAPE))
        store.first_sight({aid: [record_key(r) for r in a.records] for aid, a in articles.items()})
        review = cls(
            articles,
            {a: g for a, g in gold.items() if a in articles},
            store,
            config,
            reviewer or _os_user(),
            problems + gold_problems,
            store_path,
        )
        review.index(None, False)  # every article's statuses and counts worked out now, not at the first page
        return review

    # ---- views -------------------------------------------------------------------------

    def index(self, kind: str | None, undecided_only: bool) -> list[dict]:
        rows = []
        kept = self._statuses()
        for aid, article in self.articles.items():
            statuses, decided = kept[aid]
            if kind or undecided_only:
                entries = [status for t, status in statuses if not kind or t == kind]
                if kind and not entries:
                    continue
                if undecided_only and all(status in DECIDED for status in entries):
                    continue  # with a type: no record of that type is left to decide
            rows.append(
                {
                    "id": aid,
                    "title": article.title,
                    "counts": article.counts,
                    "decided": decided,
                    "total": len(statuses),
                }
            )
        return rows

    def article_view(self, aid: str) -> dict:
        article = self.articles[aid]
        marks, gold_only = self._gold_marks(article)
        decisions = self.store.decisions(aid)
        items = self._entries(article, decisions, self.store.seen(aid).get(aid, set()), marks)
        decided = sum(1 for i in items if i["status"] in DECIDED)
        facts = [self._fact_item(f, decisions, article) for f in article.facts]
        return {
            "article": article,
            "entries": items,
            "facts": facts,
            "facts_decided": sum(1 for f in facts if f["status"] in DECIDED),
            "segments": segments(article.text, [i["record"] for i in items]),
            "gold_only": gold_only,
            "has_gold": aid in self.gold,
            "decided": decided,
            "total": len(items),
        }

    def _fact_item(self, fact: dict, decisions: dict, article: OutputArticle) -> dict:
        key = factmod.fact_key(fact)
        decision = decisions.get((article.id, key))
        live = decision is not None and decision.action is not None
        status = ("stale" if decision.text_hash != article.hash else decision.action) if live else "undecided"
        return {
            "fact": fact,
            "key": key,
            "version": decision.version if decision else 0,
            "status": status,
            "decision": decision if live else None,
            "shown": factmod.view(fact, list(article.records)),
            "corrected": factmod.view(decision.corrected, list(article.records))
            if live and decision.action == "correct"
            else None,
            "choices": factmod.choices(fact["type"], list(article.records)),
        }

    def _entries(
        self, article: OutputArticle, decisions: dict[tuple[str, str], Decision], seen: set[str], marks: dict
    ) -> list[dict]:
        """The article's records, then the records added to it, each with its decision and status."""
        items = [
            _item(
                rec,
                key,
                decisions.get((article.id, key)),
                article,
                marks.get(rec.get("id")),
                bool(seen) and key not in seen,
            )
            for rec in article.records
            for key in [record_key(rec)]
        ]
        for (_, key), d in decisions.items():
            if d.action == "add" and d.corrected:
                items.append(_item(d.corrected, key, d, article, None, new=False))
        return items

    def _statuses(self) -> dict[str, tuple[list[tuple[str, str]], int]]:
        """Each article's entries as (record type, status), and how many are decided, for the
        index and the progress.

        Worked out for every article from two queries, then kept: an article's are worked
        out again after a decision on it, here or by another connection to the store. Walking
        every article's view on each page took 6.5 s at 10,000 articles.
        """
        version = self.store.data_version()
        if version != self._version:
            self._version = version
            changed, self._written = self.store.written_since(self._written)
            for aid in changed if changed is not None else list(self._kept):
                self._kept.pop(aid, None)
        missing = (
            [aid for aid in self.articles if aid not in self._kept] if len(self._kept) < len(self.articles) else []
        )
        if missing:
            one = missing[0] if len(missing) == 1 else None
            decisions: dict[str, dict[tuple[str, str], Decision]] = {}
            for (aid, key), d in self.store.decisions(one).items():
                decisions.setdefault(aid, {})[aid, key] = d
            seen = self.store.seen(one)
            for aid in missing:
                items = self._entries(self.articles[aid], decisions.get(aid, {}), seen.get(aid, set()), {})
                statuses = [(i["record"]["type"], i["status"]) for i in items]
                self._kept[aid] = statuses, sum(status in DECIDED for _, status in statuses)
        return self._kept

    def _changed(self, aid: str) -> None:
        """A decision here changed ``aid``: its statuses are worked out again when next asked."""
        self._kept.pop(aid, None)

    def _gold_marks(self, article: OutputArticle) -> tuple[dict[str, str], list[dict]]:
        """Each record against the gold by evaluate's own matcher: matches / not in gold; and gold-only misses."""
        if article.id not in self.gold:
            return {}, []
        result = ev.score(
            {article.id: list(article.records)}, {article.id: self.gold[article.id]}, {article.id: article.text}
        )
        wrong = {fp["id"] for fp in result.false_positives}
        return {
            r.get("id"): ("not in gold" if r.get("id") in wrong else "matches gold") for r in article.records
        }, result.misses

    def neighbours(self, aid: str) -> tuple[str | None, str | None]:
        ids = list(self.articles)
        i = ids.index(aid)
        return (ids[i - 1] if i > 0 else None), (ids[i + 1] if i + 1 < len(ids) else None)

    def progress(self) -> tuple[int, int]:
        kept = self._statuses().values()
        return sum(decided for _, decided in kept), sum(len(statuses) for statuses, _ in kept)

    # ---- actions -----------------------------------------------------------------------

    def decide(self, body: dict) -> Decision:
        article = self._article(body)
        key, action = str(body.get("key", "")), body.get("action")
        item = next((i for i in self.article_view(article.id)["entries"] if i["key"] == key), None)
        if item is None:
            raise Invalid(Errors.E045.format(field="key", reason=f"no record {key!r} in article {article.id!r}"))
        if action not in ("accept", "reject", "correct"):
            raise Invalid(Errors.E045.format(field="action", reason="must be accept, reject or correct"))
        if item["added"]:  # an added record is kept or taken back with undo, not re-decided
            raise Invalid(Errors.E045.format(field="key", reason="an added record can only be undone"))
        fields = body.get("fields") or {}
        if not isinstance(fields, dict):
            raise Invalid(Errors.E045.format(field="fields", reason="must be an object of field names and values"))
        fields = dict(fields)
        wanted = fields.pop("type", None)
        if action == "correct" and wanted not in (None, "", item["record"]["type"]):
            raise Invalid(
                Errors.E045.format(
                    field="type",
                    reason=f"a correction cannot make this {item['record']['type']} a {wanted}: reject it (r), "
                    f"then select its words and add a {wanted} (s)",
                )
            )
        fixed = corrected(item["record"], fields) if action == "correct" else None
        self._changed(article.id)
        return self.store.decide(
            article.id,
            key,
            action,
            version=_int(body.get("version")),
            extracted=item["record"],
            corrected=fixed,
            note=str(body.get("note") or ""),
            text_hash=article.hash,
            reviewer=self.reviewer,
        )

    def decide_fact(self, body: dict) -> Decision:
        """Accept, reject or correct one fact (``fields``: ``roles`` and ``status``, see
        ``review.facts.corrected``)."""
        article = self._article(body)
        key, action = str(body.get("key", "")), body.get("action")
        fact = next((f for f in article.facts if factmod.fact_key(f) == key), None)
        if fact is None:
            raise Invalid(Errors.E045.format(field="key", reason=f"no fact {key!r} in article {article.id!r}"))
        if action not in ("accept", "reject", "correct"):
            raise Invalid(Errors.E045.format(field="action", reason="must be accept, reject or correct"))
        fields = body.get("fields") or {}
        if not isinstance(fields, dict):
            raise Invalid(Errors.E045.format(field="fields", reason="must be an object of roles and a status"))
        fixed = factmod.corrected(fact, fields, list(article.records)) if action == "correct" else None
        return self.store.decide(
            article.id,
            key,
            action,
            version=_int(body.get("version")),
            extracted=fact,
            corrected=fixed,
            note=str(body.get("note") or ""),
            text_hash=article.hash,
            reviewer=self.reviewer,
        )

    def add(self, body: dict) -> Decision:
        article = self._article(body)
        base = self.prefill(body)
        record = corrected(base, body.get("fields") or {})
        self._changed(article.id)
        return self.store.add(
            article.id, record, note=str(body.get("note") or ""), text_hash=article.hash, reviewer=self.reviewer
        )

    def undo(self) -> Decision | None:
        """This session's last decision taken back (None: nothing to undo)."""
        done = self.store.undo()
        if done:
            self._changed(done.article)
        return done

    def prefill(self, body: dict) -> dict:
        """The record that type's extractor finds in the selection (value editable), or an empty one."""
        return self.suggest(body)[0]

    def suggest(self, body: dict) -> tuple[dict, str]:
        """``prefill``'s record, and a hint when no extractor would call the selection what it is pre-filled as."""
        article = self._article(body)
        start, end = _int(body.get("start")), _int(body.get("end"))
        if not 0 <= start < end <= len(article.text) or not article.text[start:end].strip():
            raise Invalid(Errors.E045.format(field="selection", reason="select some words of the article text first"))
        selection = article.text[start:end]
        kinds = [body["type"]] if body.get("type") in TYPES else list(TYPES)
        found = self._extract(kinds, selection, article)
        kind = found["type"] if found else kinds[-1]
        rec = found or {
            "type": kind,
            "value": selection.strip() if kind == "organisation" else None,
            "approximate": False,
            **({"currency": ""} if kind == "money" else {}),
        }
        rec = {k: v for k, v in rec.items() if k not in ("article", "id", "mentions", "equivalent_of")}
        rec["mentions"] = [
            {"text": selection, "start": start, "end": end, "sentence": ev.sentence_around(article.text, start, end)}
        ]
        hint = ""
        if not found:
            asked = kinds[0] if len(kinds) == 1 else " or ".join([", ".join(kinds[:-1]), kinds[-1]])
            hint = (
                f"No extractor reads {' '.join(selection.split())!r} as {_a(asked)}: pre-filled as {_a(kind)} "
                f"for you to check; pick the type it is."
            )
        return rec, hint

    def _extract(self, kinds: list[str], selection: str, article: OutputArticle) -> dict | None:
        """The first record the extractors of ``kinds`` find in the selection, parsed once.
        spaCy, the model and the extractors are loaded here, at the first selection: the
        page itself needs none of them."""
        from ..extractors import Context, registry
        from ..model.nlp import load_nlp

        doc = load_nlp(self.config)(selection)
        context = Context(
            published=article.published,
            config=self.config,
            source=article.source,
            currency_default=article.currency_default,
        )
        for kind in kinds:
            found = merge(registry.extract(doc, context, [kind]), article.id)
            if found:
                return to_dict(found[0])
        return None

    def _article(self, body: dict) -> OutputArticle:
        article = self.articles.get(str(body.get("article", "")))
        if article is None:
            raise Invalid(Errors.E045.format(field="article", reason=f"no article {body.get('article')!r} is loaded"))
        return article


def _article(aid: str, data: dict) -> tuple[OutputArticle, int]:
    """The article a loaded output file holds, and how many of its records were left out as
    malformed: a field of the wrong kind is read as absent, never an error at start."""
    meta = data["article"]
    published = meta.get("published")
    try:
        published = date.fromisoformat(published) if isinstance(published, str) else None
    except ValueError:
        published = None
    records = tuple(r for r in data["records"] if _well_formed(r))
    currency = meta.get("currency_default")
    article = OutputArticle(
        aid,
        str(meta.get("title") or aid),
        published,
        data["text"],
        records,
        str(meta.get("source") or ""),
        currency if isinstance(currency, str) and currency else None,
        factmod.facts_of(data),
    )
    malformed = sum(1 for r in data["records"] if isinstance(r, dict) and r.get("type") in TYPES) - len(records)
    return article, malformed


_RECORD_SHAPE = "each needs 'mentions', a list of objects with whole-number 'start' and 'end' and a text 'text'"


def _well_formed(rec: object) -> bool:
    """A record of a type the page shows, its mentions as the page and the scorer read them."""
    return (
        isinstance(rec, dict)
        and rec.get("type") in TYPES
        and isinstance(rec.get("mentions"), list)
        and all(_mention_shaped(m) for m in rec["mentions"])
    )


def _mention_shaped(m: object) -> bool:
    return (
        isinstance(m, dict) and type(m.get("start")) is type(m.get("end")) is int and isinstance(m.get("text", ""), str)
    )


def _item(rec: dict, key: str, decision: Decision | None, article: OutputArticle, gold: str | None, new: bool) -> dict:
    live = decision is not None and decision.action is not None
    stale = live and decision.text_hash != article.hash
    status = "stale" if stale else (decision.action if live else ("new" if new else "undecided"))
    surfaces = Counter(m.get("text", "") for m in rec.get("mentions", []))
    return {
        "record": rec,
        "key": key,
        "version": decision.version if decision else 0,
        "status": status,
        "surfaces": list(surfaces.items()),
        "decision": decision if live else None,
        "gold": gold,
        "added": key.startswith("added:"),
        "fields": FIELDS[rec["type"]],
    }


def segments(text: str, records: list[dict]) -> list[dict]:
    """The text cut at every mention boundary; each piece names the shortest record covering it.

    >>> [(s["text"], s["record"]) for s in segments("ab cd", [{"type": "date", "mentions": [{"start": 3, "end": 5}]}])]
    [('ab ', None), ('cd', 0)]
    """
    spans = [
        (m["start"], m["end"], i)
        for i, rec in enumerate(records)
        for m in rec.get("mentions", [])
        if isinstance(m.get("start"), int) and isinstance(m.get("end"), int) and 0 <= m["start"] < m["end"] <= len(text)
    ]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [(e - s, i) for s, e, i in spans if s <= a and b <= e]
        index = min(covering)[1] if covering else None
        out.append({"text": text[a:b], "record": index, "type": records[index]["type"] if index is not None else None})
    return out


def _a(noun: str) -> str:
    """``an area``, ``a date``.

    >>> _a("organisation"), _a("money")
    ('an organisation', 'a money')
    """
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: 1e400 reads as infinity
        raise Invalid(Errors.E045.format(field="number", reason=f"{value!r} is not a whole number")) from None


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"


# ---- the web app -------------------------------------------------------------------------


def create_app(review: Review, hosts: set[str], token: str | None = None) -> Starlette:
    """The ASGI app. ``hosts``: the exact Host header values it answers (DNS-rebinding defence)."""
    token = token or secrets.token_urlsafe(32)
    env = Environment(loader=PackageLoader("pipeline.review", "templates"), autoescape=select_autoescape(default=True))
    env.filters["number"] = _format_number
    static = {name: resources.files("pipeline.review").joinpath("static", name).read_bytes() for name in STATIC}

    def page(name: str, status: int = 200, **context) -> HTMLResponse:
        done, total = review.progress()
        html = env.get_template(name).render(
            token=token,
            keys=KEYS,
            types=TYPES,
            reviewer=review.reviewer,
            overall=(done, total),
            problems=review.problems,
            **context,
        )
        return HTMLResponse(html, status_code=status)

    async def index(request: Request) -> Response:
        kind = request.query_params.get("type")
        kind = kind if kind in TYPES else None
        undecided = request.query_params.get("undecided") == "1"
        rows = review.index(kind, undecided)
        pages = max(1, -(-len(rows) // PAGE))
        try:
            number = min(max(int(request.query_params.get("page", "1")), 1), pages)
        except ValueError:
            number = 1
        return page(
            "index.html",
            rows=rows[(number - 1) * PAGE : number * PAGE],
            matched=len(rows),
            number=number,
            pages=pages,
            size=PAGE,
            kind=kind,
            undecided=undecided,
            first=next(iter(review.articles)),
        )

    async def article(request: Request) -> Response:
        aid = request.path_params["aid"]
        if aid not in review.articles:
            return page("error.html", 404, message=f"No article {aid!r} is loaded.")
        prev, nxt = review.neighbours(aid)
        return page("article.html", view=review.article_view(aid), prev=prev, next=nxt, statuses=STATUSES)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in static:
            return PlainTextResponse("Not found", 404)
        return Response(static[name], media_type=STATIC[name])

    def action(work: Callable[[dict], object]):
        async def endpoint(request: Request) -> Response:
            if not secrets.compare_digest(request.headers.get("x-csrf-token", ""), token):
                return JSONResponse({"error": "Missing or wrong page token: reload the page."}, 403)
            try:
                body = json.loads(await request.body() or b"{}")
                if not isinstance(body, dict):
                    raise ValueError("not an object")
            except (ValueError, RecursionError):  # RecursionError: a body nested 100,000 deep
                return JSONResponse({"error": "The request body must be a JSON object."}, 400)
            try:
                return JSONResponse(await run_in_threadpool(work, body))
            except Invalid as err:
                return JSONResponse({"error": str(err)}, 422)
            except Conflict as err:
                return JSONResponse({"error": str(err), "current": err.current.to_dict() if err.current else None}, 409)
            except StoreError as err:
                return JSONResponse({"error": str(err)}, 503)

        return endpoint

    def _suggestion(body: dict) -> dict:
        record, hint = review.suggest(body)
        return {"record": record, "hint": hint}

    def undo(_: dict) -> dict:
        done = review.undo()
        return {"undone": done.to_dict() if done else None}

    routes = [
        Route("/", index),
        Route("/article/{aid:path}", article),
        Route("/static/{name}", asset),
        Route("/api/decide", action(lambda b: review.decide(b).to_dict()), methods=["POST"]),
        Route("/api/add", action(lambda b: review.add(b).to_dict()), methods=["POST"]),
        Route("/api/decide-fact", action(lambda b: review.decide_fact(b).to_dict()), methods=["POST"]),
        Route("/api/extract", action(_suggestion), methods=["POST"]),
        Route("/api/undo", action(undo), methods=["POST"]),
    ]

    async def unavailable(request: Request, err: Exception) -> Response:
        return PlainTextResponse(str(err), 503)  # not a page: a page would read the database again

    app = Starlette(routes=routes, exception_handlers={StoreError: unavailable})
    app.add_middleware(_Guard, hosts=frozenset(hosts))
    return app


class _Guard:
    """Refuse any Host but the served address; send every answer with a strict CSP."""

    def __init__(self, app, hosts: frozenset[str]):
        self.app, self.hosts = app, hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if Headers(scope=scope).get("host") not in self.hosts:
            response = PlainTextResponse("Unknown Host header: this server answers only its own loopback address.", 421)
            return await response(scope, receive, send)

        async def secured(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", _CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, secured)


def _format_number(value) -> str:
    """``13700000000`` -> ``13,700,000,000``; other values as they are.

    >>> _format_number(13700000000), _format_number(2.5), _format_number(None)
    ('13,700,000,000', '2.5', 'null')
    """
    if value is None:
        return "null"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.10g}"


def serve(
    outputs: Path,
    config: Config,
    port: int | None,
    open_browser: bool,
    reviewer: str | None,
    echo: Callable[[str], None],
) -> None:
    """Serve until Ctrl-C on 127.0.0.1 only; ``port`` 0 picks a free port."""
    review = Review.load(outputs, config, reviewer)
    gc.freeze()  # the loaded articles live as long as the server: no full collection walks them (0.5 s at 10,000)
    store = review.store
    for problem in review.problems:
        echo(problem)
    wanted = config.review_port if port is None else port
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", wanted))
    except OSError as err:
        sock.close()
        store.close()
        raise PipelineError(Errors.E047.format(port=wanted, reason=err.strerror or err)) from None
    bound = sock.getsockname()[1]
    url = f"http://127.0.0.1:{bound}/"
    app = create_app(review, {f"127.0.0.1:{bound}", f"localhost:{bound}"})
    echo(
        f"Reviewing {len(review.articles)} article(s) as {review.reviewer} at {url}  "
        f"(decisions in {review.store_path}; Ctrl-C to stop)"
    )
    if open_browser:
        webbrowser.open(url)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl-C after its graceful shutdown
        pass
    finally:
        echo(f"Stopped. Decisions are kept in {review.store_path}.")
        sock.close()
        store.close()
