"""Draw the development set from the Hugging Face daily-papers dump.

Run once from the repository root (needs ../shared, which users never have):

    python scripts/make_devset.py ../shared/corpus/formats/hf-daily-papers-2024-03.json

It samples 80 papers with a fixed seed and writes ``fixtures/gold/dev.input.jsonl``
(id, title, abstract, github) plus the split files ``dev.tune.ids`` and
``dev.heldout.ids``.  The held-out half is not looked at while writing rules.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

SEED = 20240301
SIZE = 80


def main(path: str) -> None:
    papers = [item["paper"] for item in json.loads(Path(path).read_text("utf-8"))]
    papers.sort(key=lambda p: p["id"])
    chosen = random.Random(SEED).sample(papers, SIZE)
    out = Path("fixtures/gold")
    out.mkdir(parents=True, exist_ok=True)
    with (out / "dev.input.jsonl").open("w", encoding="utf-8") as f:
        for p in chosen:
            row = {
                "id": p["id"],
                "title": re.sub(r"\s+", " ", p["title"]).strip(),
                "abstract": re.sub(r"\s+", " ", p["summary"]).strip(),
                "github": p.get("githubRepo"),
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    ids = [p["id"] for p in chosen]
    (out / "dev.tune.ids").write_text("\n".join(ids[: SIZE // 2]) + "\n")
    (out / "dev.heldout.ids").write_text("\n".join(ids[SIZE // 2 :]) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
