"""The mutation score per module, from the last `mutmut run` (see [tool.mutmut] in
pyproject.toml): killed (a test failed, or the mutant timed out), survived, no test.

    python tools/mutation_score.py [--survivors]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KILLED = {1, 3, 24, -24, 36, 152, 255, 37}  # a failing test, a timeout, a type error
SURVIVED = {0}


def main(argv: list[str]) -> int:
    metas = sorted((ROOT / "mutants").rglob("*.py.meta"))
    if not metas:
        print("no results: run `mutmut run` first", file=sys.stderr)
        return 1
    print(f"{'module':<28} {'killed':>7} {'survived':>9} {'other':>6} {'score':>7}")
    for meta in metas:
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        counts = Counter(
            "killed" if c in KILLED else "survived" if c in SURVIVED else "other"
            for c in codes.values()
        )
        tried = counts["killed"] + counts["survived"]
        score = 100 * counts["killed"] / tried if tried else 0.0
        name = meta.relative_to(ROOT / "mutants").with_suffix("").as_posix()
        print(
            f"{name:<28} {counts['killed']:>7} {counts['survived']:>9} {counts['other']:>6}"
            f" {score:>6.1f}%"
        )
        if "--survivors" in argv:
            for key, code in sorted(codes.items()):
                if code in SURVIVED:
                    print(f"    {key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
