"""Rules as data: the gazetteers and pattern files shipped with the package.

Files are JSON Lines under this folder; :func:`load_patterns` reads
``patterns/NAME.jsonl`` once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import orjson
import regex


def resource_path(name: str) -> Path:
    """Path of a bundled resource file, e.g. ``"datasets.jsonl"``."""
    return Path(str(resources.files(__name__).joinpath(name)))


def read_jsonl(path: Path | str) -> list[dict[str, Any]]:
    """Read a JSON Lines file of objects; blank lines and ``//`` comment lines are skipped."""
    rows = []
    with open(path, "rb") as f:
        for line_no, line in enumerate(f, start=1):
            line = line.strip()
            if not line or line.startswith(b"//"):
                continue
            try:
                row = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise ValueError(f"{path}:{line_no}: not valid JSON ({exc})") from None
            if not isinstance(row, dict):
                raise ValueError(f"{path}:{line_no}: expected a JSON object")
            rows.append(row)
    return rows


@cache
def load_patterns(name: str) -> tuple[dict[str, Any], ...]:
    """The rows of the bundled ``patterns/NAME.jsonl``."""
    return tuple(read_jsonl(resource_path(f"patterns/{name}.jsonl")))


def pattern_rows(name: str, kind: str) -> list[dict[str, Any]]:
    """The rows of ``patterns/NAME.jsonl`` whose ``type`` is ``kind``."""
    return [r for r in load_patterns(name) if r["type"] == kind]


def pattern_words(name: str, kind: str) -> frozenset[str]:
    """All ``words`` of the rows of ``patterns/NAME.jsonl`` whose ``type`` is ``kind``."""
    return frozenset(w for r in pattern_rows(name, kind) for w in r["words"])


@cache
def code_host_url() -> regex.Pattern[str]:
    """Matches a URL (with a scheme) that points into a repository on a code host.

    The hosts are the rows of ``patterns/code_hosts.jsonl``; a path after the
    host is required ("https://github.com" alone is not a code link).
    """
    hosts = "|".join(regex.escape(r["host"]) for r in load_patterns("code_hosts"))
    return regex.compile(rf"^https?://(?:[\w-]+\.)*(?:{hosts})/[^/\s]+", regex.IGNORECASE)


@cache
def _not_code_paths() -> dict[str, frozenset[str]]:
    return {str(r["host"]).lower(): frozenset(r.get("not_code", ())) for r in load_patterns("code_hosts")}


def is_code_url(url: str) -> bool:
    """True when ``url`` (with or without a scheme) points into a repository or model on a code host.

    "https://github.com/a/b", "huggingface.co/org/model" and "huggingface.co/datasets/org/data" are code;
    "https://github.com/" and a host's site pages ("huggingface.co/papers/...", "huggingface.co/docs/...")
    are not.
    """
    full = url if "://" in url else "https://" + url
    m = code_host_url().match(full)
    if m is None:
        return False
    host_and_path = full.split("://", 1)[1]
    host, _, path = host_and_path.partition("/")
    first = path.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = host.lower().removeprefix("www.")
    return first not in _not_code_paths().get(host, frozenset())
