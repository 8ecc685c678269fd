"""Company legal forms (``Ltd``, ``AG``, ``Sdn Bhd``, ``S.A.``, ``KK``) from cleanco's tables.

cleanco lists forms lower-case per type and per country (``'sdn bhd'``, ``'k.k.'``, ``'as'``);
many are also English words (``as``, ``et``, ``co``), so a written form counts only in the
case a company writes it: all capitals (``AG``, ``S.A.``, ``KK``), or capitalised when it
has three letters or more (``Ltd``, ``Bhd``, ``Limited``), or lower-case when dotted or
``plc``. Config adds the mixed-case forms (``GmbH``, ``SpA``, ``Co``).
"""

from __future__ import annotations

from functools import lru_cache

# Capitalised, these are ordinary words at the end of a name, not legal forms.
_WORDS = frozenset({"private", "company", "unlimited", "and", "por", "descendants", "etat"})
# All-capital words that read as a US state, a region or a word before they read as a legal form.
_NOT_FORMS = frozenset(
    {
        "CA",
        "DE",
        "PA",
        "OK",
        "EU",
        "AND",
        "EN",
        "POR",
        "ET",
        "DA",
        "AD",
        "EG",
        "EC",
        "EV",
        "CIO",
        "PC",
        "PS",
        "AT",
        "PP",
        "BA",
        "FA",
        "EP",
        "PSU",
        "PSE",
        "ENT",
        "PT",
        "EI",
    }
)


@lru_cache(maxsize=1)
def terms() -> frozenset[str]:
    """cleanco's legal forms, lower-case, without dots or commas: ``'sdn bhd'``, ``'kk'``, ``'sa'``."""
    from cleanco.termdata import terms_by_country, terms_by_type

    raw = {t for ts in (*terms_by_type.values(), *terms_by_country.values()) for t in ts}
    return frozenset(n for n in map(_norm, raw) if n)


@lru_cache(maxsize=1)
def written_forms() -> frozenset[str]:
    """Every word of a legal form as a company may write it: ``AG``, ``S.A.``, ``SA``, ``Ltd``, ``plc``,
    and a short form with dots (``S.A.E.`` for cleanco's ``sae``)."""
    from cleanco.termdata import terms_by_country, terms_by_type

    words = {w for ts in (*terms_by_type.values(), *terms_by_country.values()) for t in ts for w in t.split()}
    variants = {
        v for w in words if w.isascii() for v in (w, w.upper(), w.replace(".", "").upper(), w[:1].upper() + w[1:])
    }
    dotted = {".".join(w.upper()) + "." for w in words if w.isascii() and w.isalpha() and 2 <= len(w) <= 4}
    return frozenset(v for v in variants | dotted if _written(v, frozenset()))  # "SAE" is also "S.A.E."


def is_legal_form(words: list[str], extra: frozenset[str] = frozenset()) -> bool:
    """``words`` as written are one or more legal forms in a row (``Co``, ``Ltd.``; ``Pty Ltd``).

    >>> [is_legal_form(w.split()) for w in ("Sdn Bhd", "AG", "plc", "K.K.", "Pty Ltd", "Co. Inc")]
    [True, True, True, True, True, True]
    >>> [is_legal_form(w.split()) for w in ("As", "Sdn", "DE", "and", "Bhd Sdn Bhd Private")]
    [False, False, False, False, False]
    """
    return _legal_form(tuple(w for w in words if w != ","), extra)


@lru_cache(maxsize=2**13)
def _legal_form(words: tuple[str, ...], extra: frozenset[str]) -> bool:
    """``is_legal_form``, remembered: the organisation extractor asks about the same words many times."""
    if not words or not all(_written(w, extra) for w in words):
        return False
    ok = [True] + [False] * len(words)  # ok[i]: words[:i] split into whole legal forms
    for end in range(1, len(words) + 1):
        ok[end] = any(
            ok[i] and (_norm(" ".join(words[i:end])) in terms() or (end - i == 1 and words[i] in extra))
            for i in range(end)
        )
    return ok[-1]


def _written(word: str, extra: frozenset[str]) -> bool:
    """Written the way a company writes its legal form, not as an ordinary word or a state code."""
    letters = sum(c.isalpha() for c in word)
    if word in extra:
        return True
    if letters < 2 or word.replace(".", "").upper() in _NOT_FORMS:
        return False
    if word.isupper() or ("." in word and word[0].isalpha()) or word == "plc":
        return True
    return letters >= 3 and word[0].isupper() and word[1:].islower() and word.lower() not in _WORDS


def _norm(term: str) -> str:
    """``'S.A.'`` -> ``'sa'``, ``'Sdn. Bhd.'`` -> ``'sdn bhd'``, ``'spółka z o.o.'`` kept as words."""
    return " ".join(w.replace(".", "").replace(",", "") for w in term.lower().split()).strip()
