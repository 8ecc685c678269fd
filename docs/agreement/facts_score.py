"""Agreement on fact gold: a second labelling of five dev articles' facts (read from the text
and the gold records only) scored against the first.

    python docs/agreement/facts_score.py                               # the five of the first check
    python docs/agreement/facts_score.py docs/agreement/facts-blind    # a blind second labelling

A role agrees when both labellings put the same gold record (named by its text or a mention,
as `pipeline evaluate` resolves it) in the same role of a fact of the same type. Role-level F1
is symmetric (one labelling's precision is the other's recall). Whole-fact exact agreement
compares a fact's type and its full set of record roles (text roles left out, as in the
scorer). Type agreement: the facts of one labelling paired with the fact of the other that
shares most record fillers, whatever the role; the share of pairs with the same type. Status
and text roles (place, what, site, round; one text holding the other, as the scorer has it)
are compared on each first-labelling fact and the second-labelling fact of its type sharing
most record roles with it. Disagreements are listed.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pipeline.evaluation.facts import _fillers, _gold_index, _overlaps, _spans, _words  # noqa: E402

# The second labelling to score: facts-second (not blind) or, given as an argument, facts-blind.
SECOND = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "facts-second"
GOLD = ROOT / "articles" / "dev" / "gold"


def f1(a: set, b: set) -> tuple[int, int, int, float]:
    tp = len(a & b)
    return tp, len(a - b), len(b - a), (2 * tp / (len(a) + len(b)) if a or b else 1.0)


def facts_of(records: list[dict], facts: list[dict]) -> list[tuple[str, frozenset, str | None, dict]]:
    return [
        (f["type"], frozenset((role, _gold_index(records, t)) for role, t in _fillers(f)), f.get("status"),
         {role: _words(t) for role, t in _spans(f)})
        for f in facts
    ]


def main() -> None:
    roles1, roles2, exact1, exact2 = set(), set(), set(), set()
    pairs = same_type = 0
    status_pairs = status_same = 0
    text_pairs = text_same = 0
    n1 = n2 = 0
    types1, types2 = Counter(), Counter()
    lines = []
    for path in sorted(SECOND.glob("*.json")):
        gold = json.loads((GOLD / path.name).read_text())
        recs, a = gold["records"], path.stem
        first = facts_of(recs, gold["facts"])
        second = facts_of(recs, json.loads(path.read_text()))
        n1, n2 = n1 + len(first), n2 + len(second)
        for facts, roles, exact, types in ((first, roles1, exact1, types1), (second, roles2, exact2, types2)):
            for kind, rs, *_ in facts:
                roles |= {(a, kind, role, i) for role, i in rs}
                exact.add((a, kind, rs))
                types[kind] += 1
        for one, other in ((first, second), (second, first)):
            for kind, rs, *_ in one:
                recs_one = {i for _, i in rs}
                best = max(other, key=lambda f: len(recs_one & {i for _, i in f[1]}), default=None)
                if best is not None and recs_one & {i for _, i in best[1]}:
                    pairs += 1
                    same_type += best[0] == kind
        for kind, rs, st, texts in first:
            same = [f for f in second if f[0] == kind and rs & f[1]]
            if same:
                _, _, st2, texts2 = max(same, key=lambda f: len(rs & f[1]))
                status_pairs += 1
                status_same += st == st2
                if st != st2:
                    lines.append(f"{a[:38]:38}  status      {kind} {dict(rs)}: first {st!r}, second {st2!r}")
                for role in set(texts) | set(texts2):
                    text_pairs += 1
                    agree = _overlaps(texts.get(role, ""), texts2.get(role, ""))
                    text_same += agree
                    if not agree:
                        lines.append(f"{a[:38]:38}  text role   {kind}.{role}: first {texts.get(role)!r}, second {texts2.get(role)!r}")
        name = lambda i: recs[i]["text"]  # noqa: E731
        for label, mine, theirs in (("first only", first, second), ("second only", second, first)):
            other_roles = {(k, r) for k, rs, *_ in theirs for r in rs}
            for kind, rs, *_ in mine:
                missing = sorted(r for r in rs if (kind, r) not in other_roles)
                if (kind, rs) not in {(k, r) for k, r, *_ in theirs}:
                    shown = ", ".join(f"{role}={name(i)!r}" for role, i in sorted(rs))
                    lines.append(f"{a[:38]:38}  {label:11}  {kind}: {shown}"
                                 + (f"\n{'':52}roles not in the other: " + ", ".join(f"{r}={name(i)!r}" for r, i in missing) if missing else ""))
    tp, fp, fn, rf1 = f1(roles2, roles1)
    print(f"{len(list(SECOND.glob('*.json')))} articles; facts first / second: {n1} / {n2}; "
          f"record roles first / second: {len(roles1)} / {len(roles2)}\n")
    print("| measure | agreed | second only | first only | F1 |\n|---|---:|---:|---:|---:|")
    print(f"| record roles | {tp} | {fp} | {fn} | {rf1:.3f} |")
    for kind in sorted(types1 | types2):
        k1 = {r for r in roles1 if r[1] == kind}
        k2 = {r for r in roles2 if r[1] == kind}
        t, p, n, s = f1(k2, k1)
        print(f"| roles of {kind} | {t} | {p} | {n} | {s:.3f} |")
    t, p, n, s = f1(exact2, exact1)
    print(f"| whole facts (type and every record role) | {t} | {p} | {n} | {s:.3f} |")
    print(f"\ntype agreement: {same_type} / {pairs} paired facts ({same_type / max(pairs, 1):.3f}); "
          f"facts per type first {dict(sorted(types1.items()))}, second {dict(sorted(types2.items()))}")
    print(f"status agreement on paired facts of one type: {status_same} / {status_pairs}; "
          f"text roles: {text_same} / {text_pairs}")
    print("\nfacts not agreed exactly:")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
