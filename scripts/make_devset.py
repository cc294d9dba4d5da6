"""Draw the development set from the Hugging Face daily-papers dump.

Run once from the repository root (needs ../shared, which users never have):

    python scripts/make_devset.py ../shared/corpus/formats/hf-daily-papers-2024-03.json

It samples 80 papers with a fixed seed and writes ``fixtures/gold/dev.input.jsonl``
(id, title, abstract, github) plus the split files ``dev.tune.ids`` and
``dev.heldout.ids``.  The held-out half is not looked at while writing rules.

A second draw of 60 more papers (a new seed, none of the first 80) makes
``dev2.input.jsonl`` with ``dev2.tune.ids`` / ``dev2.heldout.ids``; the
remaining papers, shuffled with a third seed, make ``dev3``.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

SEED = 20240301
SIZE = 80
SEED2 = 20240302
SIZE2 = 60
SEED3 = 20240303


def main(path: str) -> None:
    papers = [item["paper"] for item in json.loads(Path(path).read_text("utf-8"))]
    papers.sort(key=lambda p: p["id"])
    chosen = random.Random(SEED).sample(papers, SIZE)
    write(chosen, "dev")
    taken = {p["id"] for p in chosen}
    rest = [p for p in papers if p["id"] not in taken]
    second = random.Random(SEED2).sample(rest, SIZE2)
    write(second, "dev2")
    taken |= {p["id"] for p in second}
    rest = [p for p in papers if p["id"] not in taken]
    write(random.Random(SEED3).sample(rest, len(rest)), "dev3")


def write(chosen: list[dict], name: str) -> None:
    size = len(chosen)
    out = Path("fixtures/gold")
    out.mkdir(parents=True, exist_ok=True)
    with (out / f"{name}.input.jsonl").open("w", encoding="utf-8") as f:
        for p in chosen:
            row = {
                "id": p["id"],
                "title": re.sub(r"\s+", " ", p["title"]).strip(),
                "abstract": re.sub(r"\s+", " ", p["summary"]).strip(),
                "github": p.get("githubRepo"),
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    ids = [p["id"] for p in chosen]
    (out / f"{name}.tune.ids").write_text("\n".join(ids[: size // 2]) + "\n")
    (out / f"{name}.heldout.ids").write_text("\n".join(ids[size // 2 :]) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
