"""Shared fixtures: the pipeline is built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import abstractparse

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    return abstractparse.load()


@pytest.fixture(scope="session")
def parse():
    """``parse(abstract, title="")`` → PaperRecord."""
    return abstractparse.parse
