"""The example outputs on the format pages are what the tool prints today."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("refresh_format_docs", ROOT / "scripts" / "refresh_format_docs.py")
refresh = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(refresh)


@pytest.mark.parametrize("page", sorted(refresh.LAYOUTS))
def test_format_page_example_is_current(page):
    current = (refresh.PAGES / f"{page}.md").read_text("utf-8")
    assert refresh.refreshed(page) == current, (
        f"docs/formats/{page}.md is stale: run python scripts/refresh_format_docs.py")


def test_every_format_page_has_an_example_input():
    pages = {p.stem for p in refresh.PAGES.glob("*.md")}
    assert pages == set(refresh.LAYOUTS)
    for page, (name, *_rest) in refresh.LAYOUTS.items():
        assert (refresh.EXAMPLES / page / name).is_file()
