"""How often is the GitHub repo that a paper's page lists found in ``code_urls``?

    python scripts/repo_found.py ../shared/corpus/formats/hf-daily-papers-2024-03.json [--show]

Only the title and abstract are given to the extractor (no metadata), and only
papers whose abstract writes the listed repository (``github.com/owner/name``
appears in it, whitespace and ``\\_`` aside) count.  The repository is found
when a code URL is the repository or a page under it (``/tree/main/...``).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import abstractparse


def repo_key(url: str) -> str:
    url = url.strip().lower().rstrip("/.")
    url = re.sub(r"^https?://(www\.)?", "", url)
    return re.sub(r"\.git$", "", url)


def main(path: str, show: bool = False) -> int:
    papers = [item.get("paper", item) for item in json.loads(Path(path).read_text("utf-8"))]
    written = found = 0
    for p in papers:
        repo = p.get("githubRepo") or ""
        if "github.com/" not in repo:
            continue
        key = repo_key(repo)
        owner_name = key.split("github.com/", 1)[1]
        flat = re.sub(r"\s+", "", p["summary"]).replace("\\_", "_").lower()
        if "github.com/" + owner_name not in flat:
            continue
        written += 1
        rec = abstractparse.parse(p["summary"], title=p["title"])
        keys = [repo_key(link.url) for link in rec.code_urls]
        if any(k == key or k.startswith(key + "/") for k in keys):
            found += 1
        elif show:
            print(f"{p['id']}: want {repo} got {[link.url for link in rec.code_urls]}")
    print(f"listed repo written in the abstract: {written}; found in code_urls: {found} "
          f"({found / max(written, 1):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--show" in sys.argv[2:]))
