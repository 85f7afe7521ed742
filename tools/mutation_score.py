"""The mutation score per module, from the last `mutmut run` (see [tool.mutmut] in
pyproject.toml): killed (a test failed, or the mutant timed out) against survived.

    python tools/mutation_score.py [--survivors]

A surviving mutant that only changes the letter case of SQL text (`UPDATE` → `update`,
a column name upper-cased) cannot be killed: SQLite reads keywords and names in any case.
Those are counted apart, as equivalent, and the score is given with and without them.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KILLED = {1, 3, 24, -24, 36, 152, 255, 37}  # a failing test, a timeout, a type error
SURVIVED = {0}
SQL = re.compile(
    r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES|FROM|SET|INTO|ORDER BY|GROUP BY|PRAGMA"
    r"|CREATE|JOIN|LIMIT|AND|COUNT|COALESCE|DISTINCT|ASC|DESC)\b"
)
COLUMNS = re.compile(r"[\s\w,()?=<>*.']*_[\s\w,()?=<>*.']*")  # `completed, pace, before_id)`


def functions(source: str) -> dict[str, ast.AST]:
    found: dict[str, ast.AST] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found[node.name] = node
    return found


def case_of_sql_only(original: ast.AST, mutant: ast.AST) -> bool:
    """Does the mutant differ from the original only in the case of SQL strings?"""
    changed = 0
    for a, b in zip(ast.walk(original), ast.walk(mutant), strict=False):
        if type(a) is not type(b):
            return False
        if isinstance(a, ast.Constant) and isinstance(b, ast.Constant) and a.value != b.value:
            if not (isinstance(a.value, str) and isinstance(b.value, str)):
                return False
            if a.value.lower() != b.value.lower():
                return False
            if not (SQL.search(a.value) or COLUMNS.fullmatch(a.value)):
                return False
            changed += 1
    return changed > 0


def main(argv: list[str]) -> int:
    metas = sorted((ROOT / "mutants").rglob("*.py.meta"))
    if not metas:
        print("no results: run `mutmut run` first", file=sys.stderr)
        return 1
    print(f"{'module':<28} {'killed':>7} {'survived':>9} {'equiv.':>7} {'score':>7} {'w/o eq.':>8}")
    for meta in metas:
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        text = meta.with_suffix("").read_text()
        source = functions(text) if "import sqlite3" in text else {}  # SQL lives in store.py
        counts: Counter[str] = Counter()
        survivors = []
        for key, code in sorted(codes.items()):
            if code in KILLED:
                counts["killed"] += 1
            elif code in SURVIVED:
                name = key.rsplit(".", 1)[-1]
                orig = source.get(name.rsplit("__mutmut_", 1)[0] + "__mutmut_orig")
                mutant = source.get(name)
                if orig is not None and mutant is not None and case_of_sql_only(orig, mutant):
                    counts["equivalent"] += 1
                else:
                    counts["survived"] += 1
                    survivors.append(key)
        tried = counts["killed"] + counts["survived"] + counts["equivalent"]
        score = 100 * counts["killed"] / tried if tried else 0.0
        real = counts["killed"] + counts["survived"]
        score_real = 100 * counts["killed"] / real if real else 0.0
        name = meta.relative_to(ROOT / "mutants").with_suffix("").as_posix()
        print(
            f"{name:<28} {counts['killed']:>7} {counts['survived']:>9} {counts['equivalent']:>7}"
            f" {score:>6.1f}% {score_real:>7.1f}%"
        )
        if "--survivors" in argv:
            for key in survivors:
                print(f"    {key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
