"""Regenerate the example outputs shown on the format pages (``docs/formats/*.md``).

Each page has an ``## Example`` section whose code blocks show an input, the
records the tool writes for it and, for some pages, the error entries.  The
inputs live in ``docs/formats/examples/PAGE/``; this script runs the library
on them (from inside that folder, so paths read as on the page) and rewrites
the record and error blocks in each page's layout.

    python scripts/refresh_format_docs.py          # rewrite the pages
    python scripts/refresh_format_docs.py --check  # exit 1 if a page is stale
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "docs" / "formats"
EXAMPLES = PAGES / "examples"

Groups = list[list[str]]
STANDARD: Groups = [["id", "version", "title"], ["abstract"], ["method"], ["datasets"], ["metrics"],
                    ["results"], ["code_urls"], ["urls"], ["warnings", "source"]]
SHORT: Groups = [["id", "version", "title"], ["abstract"], ["method"], ["datasets"], ["metrics"],
                 ["results"], ["code_urls", "urls", "warnings", "source"]]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def pretty(record: dict) -> str:
    """One key per line; list items one per line."""
    out = ["{"]
    keys = list(record)
    for i, key in enumerate(keys):
        value, comma = record[key], "," if i < len(keys) - 1 else ""
        if isinstance(value, list) and value:
            out.append(f'  "{key}": [')
            out += [f"    {_json(x)}" + ("," if j < len(value) - 1 else "") for j, x in enumerate(value)]
            out.append(f"  ]{comma}")
        else:
            out.append(f'  "{key}": {_json(value)}{comma}')
    out.append("}")
    return "\n".join(out)


def grouped(record: dict, groups: Groups) -> str:
    """Keys in the given groups, one group per line; longer lists aligned under their bracket."""
    if [k for g in groups for k in g] != list(record):
        raise ValueError(f"layout does not cover the record's keys: {list(record)}")
    lines = []
    for gi, group in enumerate(groups):
        line = "{" if gi == 0 else " "
        for ki, key in enumerate(group):
            value, head = record[key], f'"{key}": '
            if isinstance(value, list) and len(value) > 1:
                indent = " " * (len(line) + len(head) + 1)
                body = "[" + (",\n" + indent).join(_json(x) for x in value) + "]"
            else:
                body = _json(value)
            line += head + body + (", " if ki < len(group) - 1 else "")
        line += "}" if gi == len(groups) - 1 else ","
        lines.append(line)
    return "\n".join(lines)


def _all_pretty(records: list[dict]) -> str:
    return "\n".join(pretty(r) for r in records)


def _openalex(records: list[dict]) -> str:
    return grouped(records[0], SHORT) + "\n" + grouped(records[1], [
        ["id", "version", "title", "abstract"], ["method", "datasets", "metrics", "results", "code_urls", "urls"],
        ["warnings"], ["source"]])


def _pwc(records: list[dict]) -> str:
    return grouped(records[0], SHORT) + "\n" + grouped(records[1], [
        ["id", "version", "title", "abstract"], ["method"], ["datasets"], ["metrics"], ["results"],
        ["code_urls"], ["urls"], ["warnings", "source"]])


# page → (input file, how the records are shown, index of the records block, index of the errors block)
Layout = tuple[str, Callable[[list[dict]], str], int, int | None]
LAYOUTS: dict[str, Layout] = {
    "arxiv-atom": ("feed.xml", _all_pretty, 1, 2),
    "arxiv-oai": ("arxiv.jsonl", lambda r: grouped(r[0], [["id", "version"], ["title"], *STANDARD[1:]]), 1, None),
    "bibtex": ("example.bib", _all_pretty, 1, 2),
    "csv": ("example.csv", _all_pretty, 1, 2),
    "grobid-tei": ("paper.tei.xml", _all_pretty, 1, None),
    "hf-daily": ("daily.json", lambda r: grouped(r[0], STANDARD), 1, None),
    "hfpage": ("page.txt", _all_pretty, 1, None),
    "jsonl": ("generic.jsonl", lambda r: grouped(r[0], STANDARD), 1, 2),
    "openalex": ("page.json", _openalex, 1, None),
    "papers-with-code": ("pwc.json", _pwc, 1, None),
    "semantic-scholar": ("paper.json", lambda r: grouped(r[0], SHORT), 1, None),
    "text": ("example.txt", _all_pretty, 1, None),
}


@contextmanager
def _inside(folder: Path):
    here = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(here)


def run_example(page: str) -> tuple[list[dict], list[str]]:
    """Records (as JSON objects) and error lines (as the errors file holds them) for a page's example."""
    import abstractparse
    from abstractparse.io import dumps

    name = LAYOUTS[page][0]
    errors: list = []
    with _inside(EXAMPLES / page):
        records = [r.model_dump(mode="json") for r in abstractparse.parse_file(name, errors=errors)]
    return records, [dumps(e).decode().rstrip("\n") for e in errors]


def _replace_block(text: str, n: int, body: str) -> str:
    start = text.index("## Example")
    blocks = list(re.finditer(r"```[a-z]*\n(.*?)```", text[start:], re.S))
    block = blocks[n]
    return text[: start + block.start(1)] + body + "\n" + text[start + block.end(1):]


def refreshed(page: str) -> str:
    """The page's text with its example outputs regenerated."""
    _, show, records_block, errors_block = LAYOUTS[page]
    records, errors = run_example(page)
    text = (PAGES / f"{page}.md").read_text("utf-8")
    text = _replace_block(text, records_block, show(records))
    if errors_block is not None:
        text = _replace_block(text, errors_block, "\n".join(errors))
    return text


def main(argv: list[str]) -> int:
    stale = []
    for page in LAYOUTS:
        path = PAGES / f"{page}.md"
        new = refreshed(page)
        if new != path.read_text("utf-8"):
            stale.append(page)
            if "--check" not in argv:
                path.write_text(new, "utf-8")
    verb = "stale" if "--check" in argv else "rewritten"
    print(f"{len(stale)} of {len(LAYOUTS)} format pages {verb}" + (f": {', '.join(stale)}" if stale else ""))
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
