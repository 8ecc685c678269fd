"""A reviewer's corrected or added record: form fields -> a validated record dict.

What a gold file accepts is decided by ``evaluate``'s own gold check, so a saved
correction always exports to gold that ``pipeline evaluate`` reads.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import pycountry

from ..errors import Errors
from ..evaluation.scoring import gold_record_error
from ..records import TYPES, json_number

# Form fields each type may edit; the rest of the record is kept as extracted.
FIELDS = {
    "money": ("value", "currency", "max", "qualifier"),
    "area": ("value", "original_value", "original_unit", "qualifier"),
    "date": ("value", "end", "qualifier"),
    "organisation": ("value",),
}


# Numbers beyond 10**18 (a quintillion) are typing mistakes, and too long to store as JSON numbers.
_MAX_DIGITS = 18


class Invalid(ValueError):
    """A form field that does not hold what its type needs; the message names the field."""


def corrected(base: dict, fields: dict[str, Any]) -> dict:
    """``base`` (the record as extracted, or a prefilled new one) with the form's fields applied."""
    kind = base.get("type")
    if kind not in TYPES:
        raise Invalid(Errors.E045.format(field="type", reason=f"must be one of {', '.join(TYPES)}"))
    stray = sorted(set(fields) - set(FIELDS[kind]))
    if stray:  # said, not silently dropped: a currency typed into a date's form is a mistake to show
        raise Invalid(
            Errors.E045.format(
                field=stray[0], reason=f"a {kind} record has no such field (it has {', '.join(FIELDS[kind])})"
            )
        )
    given = {k: str(v).strip() for k, v in fields.items() if v is not None}
    rec = {k: v for k, v in base.items() if k not in ("id", "equivalent_of")}
    if "qualifier" in given:
        _set(rec, "qualifier", given["qualifier"] or None)
    if kind == "money":
        rec["value"] = _number_field(given, "value", required=False, default=rec.get("value"))
        rec["currency"] = _currency(given.get("currency", rec.get("currency") or ""))
        high = _number_field(given, "max", required=False, default=rec.get("max"))
        _set(rec, "max", high)
        _set(rec, "min", rec["value"] if high is not None else None)
    elif kind == "area":
        rec["value"] = _number_field(given, "value", required=True, default=rec.get("value"))
        rec["unit"] = "m2"
        original = dict(rec.get("original") or {})
        if "original_value" in given or "original_unit" in given:
            original = {
                "value": _number_field(given, "original_value", required=False, default=original.get("value")),
                "unit": given.get("original_unit", original.get("unit") or ""),
            }
        _set(rec, "original", original if original.get("value") is not None and original.get("unit") else None)
    elif kind == "date":
        rec["value"] = given.get("value", rec.get("value")) or None
        _set(rec, "end", given.get("end", rec.get("end")) or None)
        for name in ("value", "end"):
            if rec.get(name) is not None and not _is_iso(rec[name]):
                raise Invalid(
                    Errors.E045.format(
                        field=name, reason="must be an ISO date: 2025, 2023-10, 2023-10-13, 2023-W42 or 2023-Q4"
                    )
                )
    else:
        rec["value"] = " ".join(given.get("value", rec.get("value") or "").split())
    problem = gold_record_error({**rec, "text": "-", "mentions": []})
    if problem:
        raise Invalid(Errors.E045.format(field="value", reason=problem))
    return rec


def _is_iso(value: str) -> bool:
    """What gold accepts, and a real calendar date or month.

    >>> _is_iso("2023-10-13"), _is_iso("2023-Q4"), _is_iso("2025-13-45"), _is_iso("2023-02-30"), _is_iso("next year")
    (True, True, False, False, False)
    """
    if gold_record_error({"type": "date", "value": value, "text": "-"}):
        return False
    parts = value.split("-")
    if len(parts) >= 2 and parts[1].isdigit() and not 1 <= int(parts[1]) <= 12:
        return False
    try:
        return len(parts) < 3 or bool(date.fromisoformat(value))
    except ValueError:
        return False


def _set(rec: dict, name: str, value: Any) -> None:
    if value is None:
        rec.pop(name, None)
    else:
        rec[name] = value


def _number_field(given: dict, name: str, required: bool, default: Any) -> Any:
    """A number as typed (``1,250.5``); empty means none, or an error when required.

    >>> _number_field({"value": "1,250.5"}, "value", True, None), _number_field({"value": ""}, "value", False, 3)
    (1250.5, None)
    """
    if name not in given:
        return default
    text = given[name].replace(",", "").replace("_", "")
    if not text or text.lower() == "null":
        if required:
            raise Invalid(Errors.E045.format(field=name, reason="a number is needed"))
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number.adjusted() > _MAX_DIGITS:
        raise Invalid(Errors.E045.format(field=name, reason=f"{given[name]!r} is not a number"))
    return json_number(number)


def _currency(code: str) -> str:
    """An ISO 4217 code, upper-cased.

    >>> _currency("cny")
    'CNY'
    """
    code = code.strip().upper()
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        raise Invalid(
            Errors.E045.format(field="currency", reason=f"{code!r} is not an ISO 4217 currency code (CNY, USD, EUR...)")
        )
    return code
