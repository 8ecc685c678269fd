"""What every written record must satisfy, checked in one place just before it is written.

Extractors aim to keep these; this is the net under them. A record that breaks a hard rule
(a number that is no JSON number, a negative area, a mention that is not the text at its
offsets) is dropped with a warning naming the rule, so a bug never reaches the outputs as
a wrong value. Values that are possible but unbelievable (money above 10^16, a year
outside 1000-2200) are kept with the flag ``implausible``, for a reviewer to look at.
"""

from __future__ import annotations

import math
import re

MONEY_MAX = 10**16
YEARS = (1000, 2200)
IMPLAUSIBLE = "implausible"
_YEAR = re.compile(r"(\d{4})")


def check(records: list[dict], text: str) -> tuple[list[dict], list[str]]:
    """(records that pass, flagged where implausible; why each dropped one was dropped).

    >>> text = "Fees of $5 and 3 ha in 2999."
    >>> recs = [{"id": "a:money-1", "type": "money", "value": 5, "mentions": [{"text": "$5", "start": 8, "end": 10}]},
    ...         {"id": "a:area-1", "type": "area", "value": -1.0, "mentions": []},
    ...         {"id": "a:date-1", "type": "date", "value": "2999", "mentions": [{"text": "2999", "start": 23, "end": 27}]},
    ...         {"id": "a:money-2", "type": "money", "value": float("nan"), "mentions": []},
    ...         {"id": "a:money-3", "type": "money", "value": 1, "mentions": [{"text": "$6", "start": 8, "end": 10}]}]
    >>> kept, dropped = check(recs, text)
    >>> [(r["id"], r.get("flags")) for r in kept]
    [('a:money-1', None), ('a:date-1', ['implausible'])]
    >>> dropped
    ['a:area-1: negative area', 'a:money-2: value is not a finite number', "a:money-3: mention '$6' is not the text at 8:10"]
    """
    kept, dropped = [], []
    for rec in records:
        reason = _broken(rec, text)
        if reason:
            dropped.append(f"{rec.get('id')}: {reason}")
            continue
        if _implausible(rec) and IMPLAUSIBLE not in rec.get("flags", ()):
            rec = _flagged(rec)
        kept.append(rec)
    return kept, dropped


def _flagged(rec: dict) -> dict:
    """``rec`` with the flag added where ``to_dict`` puts flags: before the mentions."""
    out = {k: v for k, v in rec.items() if k != "mentions"}
    out["flags"] = [*rec.get("flags", ()), IMPLAUSIBLE]
    return out | {"mentions": rec.get("mentions", [])}


def _broken(rec: dict, text: str) -> str | None:
    for name, number in _numbers(rec):
        if isinstance(number, float) and not math.isfinite(number):
            return f"{name} is not a finite number"
        if rec["type"] == "area" and number < 0:
            return "negative area"
    for m in rec.get("mentions", ()):
        start, end = m.get("start"), m.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)) or text[
            start:end
        ] != m.get("text"):
            return f"mention {m.get('text')!r} is not the text at {start}:{end}"
    return None


def _numbers(rec: dict):
    """(field, number) for every number a record carries, the original's included."""
    for name in ("value", "min", "max"):
        if _is_number(rec.get(name)):
            yield name, rec[name]
    for name, number in (rec.get("original") or {}).items():
        if _is_number(number):
            yield f"original.{name}", number


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _implausible(rec: dict) -> bool:
    if rec["type"] == "money":
        return any(abs(n) > MONEY_MAX for _, n in _numbers(rec))
    if rec["type"] == "date":
        years = [int(y) for v in (rec.get("value"), rec.get("end")) if isinstance(v, str) for y in _YEAR.findall(v)[:1]]
        return any(not YEARS[0] <= y <= YEARS[1] for y in years)
    return False
