"""The record contract: typed models for what goes in and what comes out.

Every extracted item says where its evidence is: ``field`` names the text
(``"title"`` or ``"abstract"``, or ``"metadata"`` for links taken from source
metadata) and ``record[field][start:end]`` is the exact evidence text.  Every
item also names the ``rule`` that produced it.

The keys of :class:`PaperRecord` are a contract: later versions only add keys.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FieldName = Literal["title", "abstract", "metadata"]
ResultKind = Literal["absolute", "delta", "relative"]
Unit = Literal["%", "x"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class SourceLocation(_Model):
    """Where an input item came from: a path and a 1-based line or 0-based item index."""

    path: str = Field(description="The input path, or '-' for standard input.")
    line: int | None = Field(default=None, description="1-based line where the item starts.")
    index: int | None = Field(default=None, description="0-based position of the item in its file.")


class PaperInput(_Model):
    """One paper as a reader found it, before extraction."""

    id: str | None = None
    version: str | None = Field(default=None, description="Source version, e.g. arXiv's 'v2'.")
    title: str = ""
    abstract: str = ""
    code_urls: list[str] = Field(default_factory=list, description="Code links from metadata.")
    urls: list[str] = Field(default_factory=list, description="Other links from metadata.")
    warnings: list[str] = Field(default_factory=list, description="Non-fatal problems the reader met.")
    source: SourceLocation | None = None
    normalized: bool = Field(default=False, description=(
        "True when title and abstract are already normalized (readers do it); extraction then "
        "does not normalize them a second time."))


class Grounded(_Model):
    """An extracted item that points back at its evidence."""

    field: FieldName
    start: int | None = Field(description="Start offset of the evidence in record[field].")
    end: int | None = Field(description="End offset (exclusive) of the evidence in record[field].")
    rule: str = Field(description="Id of the rule that produced this item.")


class Method(Grounded):
    """The paper's own proposed method or model."""

    name: str
    long_form: str | None = Field(default=None, description="Acronym expansion, if written.")


class Mention(Grounded):
    """A dataset or metric named in the text (first mention)."""

    name: str = Field(description="The name as written.")
    canonical: str | None = Field(default=None, description="Gazetteer name, when known.")


class Result(Grounded):
    """A number that reports an outcome, linked to its metric and dataset."""

    value: float = Field(description="The number as written, without sign.")
    unit: Unit | None = None
    metric: str | None = None
    unit_text: str | None = Field(default=None, description=(
        "A measurement unit written with the value that `unit` does not cover: 'ms', 'GB', 'dB', "
        "'minutes', 'FPS' (added in 0.2)."))
    dataset: str | None = None
    kind: ResultKind


class Link(Grounded):
    """A URL found in the text or in metadata, cleaned of trailing punctuation."""

    url: str


class PaperRecord(_Model):
    """One paper's extraction: the output contract of abstractparse."""

    id: str
    version: str | None = Field(default=None, description="Source version, e.g. arXiv's 'v2'.")
    title: str
    abstract: str
    method: Method | None = None
    datasets: list[Mention] = Field(default_factory=list)
    metrics: list[Mention] = Field(default_factory=list)
    results: list[Result] = Field(default_factory=list)
    code_urls: list[Link] = Field(default_factory=list)
    urls: list[Link] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list, description="Non-fatal problems.")
    source: SourceLocation | None = None


class ErrorEntry(_Model):
    """An input item that could not become a record, and why."""

    path: str
    line: int | None = None
    index: int | None = None
    kind: str = Field(description="A short machine-readable error kind, e.g. 'json'.")
    message: str
    excerpt: str = Field(default="", description="A short excerpt of the raw input.")
