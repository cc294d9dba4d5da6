"""abstractparse: typed, source-grounded records from machine-learning paper abstracts.

    >>> import abstractparse
    >>> rec = abstractparse.parse("We propose FooNet, which reaches 81.2% top-1 accuracy on ImageNet.",
    ...                           title="FooNet: Fast Object Detection")
    >>> rec.method.name
    'FooNet'

The heavy imports (spaCy, the gazetteers) happen on first use.

Nothing is lost on bad input: text is normalized, pathological text is
broken up so that extraction stays linear, over-long text is capped
(``max_chars``, ``max_title_chars``; each change is noted in the record's
``warnings``), and a paper whose extraction fails becomes an
:class:`~abstractparse.models.ErrorEntry` of kind ``"internal"`` instead of
stopping the stream (see ``docs/errors.md``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING

__version__ = "0.4.0"

if TYPE_CHECKING:
    from spacy.language import Language

    from .models import ErrorEntry, PaperInput, PaperRecord

__all__ = ["DEFAULT_MAX_CHARS", "DEFAULT_MAX_TITLE_CHARS", "__version__", "load", "parse",
           "parse_file", "parse_inputs"]

DEFAULT_MAX_CHARS = 20_000
"""Default cap on an abstract's length, in characters (after normalization)."""
DEFAULT_MAX_TITLE_CHARS = 2_000
"""Default cap on a title's length, in characters (after normalization)."""


def load(gazetteers: Sequence[str] = ()) -> Language:
    """The spaCy pipeline, built once per process (per set of extra gazetteer files)."""
    from .pipeline import load as _load

    return _load(tuple(gazetteers))


def parse(abstract: str, title: str = "", id: str | None = None,
          gazetteers: Sequence[str] = (), max_chars: int | None = DEFAULT_MAX_CHARS,
          max_title_chars: int | None = DEFAULT_MAX_TITLE_CHARS) -> PaperRecord:
    """Extract a record from one abstract (and optional title).

    An unexpected failure inside extraction is raised (there is no stream to
    protect); see :func:`parse_inputs` for the caps.
    """
    from .models import PaperInput

    paper = PaperInput(id=id, title=title, abstract=abstract)
    return next(parse_inputs([paper], gazetteers, max_chars=max_chars,
                             max_title_chars=max_title_chars))


def prepare(paper: PaperInput, max_chars: int | None = DEFAULT_MAX_CHARS,
            max_title_chars: int | None = DEFAULT_MAX_TITLE_CHARS) -> PaperInput:
    """``paper`` with its text as the record will carry it: normalized, guarded and capped.

    Every change beyond normalization is added to the paper's ``warnings``.  A paper
    without an id gets its content id here, from the text before the guards and caps,
    so that the id does not depend on the caps.
    """
    from .normalize import cap_text, guard_text, normalize_text
    from .record import stable_id

    warnings = list(paper.warnings)
    if paper.normalized:
        normalized = {"title": paper.title, "abstract": paper.abstract}
    else:
        normalized = {"title": normalize_text(paper.title), "abstract": normalize_text(paper.abstract)}
    texts: dict[str, str | None] = {
        "id": paper.id or stable_id(normalized["title"], normalized["abstract"])}
    for field, limit in (("title", max_title_chars), ("abstract", max_chars)):
        text, notes = guard_text(normalized[field])
        warnings.extend(f"{field}: {note}" for note in notes)
        capped = cap_text(text, limit)
        if len(capped) < len(text):
            warnings.append(f"{field} truncated from {len(text)} to {len(capped)} characters")
        texts[field] = capped
    return paper.model_copy(update={**texts, "warnings": warnings})


def internal_error(paper: PaperInput, exc: BaseException, position: int) -> ErrorEntry:
    """The error entry for a paper whose extraction raised ``exc``."""
    from .models import ErrorEntry
    from .readers.base import excerpt

    source = paper.source
    who = f"paper {paper.id!r}" if paper.id else "paper"
    return ErrorEntry(
        path=source.path if source else "<input>",
        line=source.line if source else None,
        index=source.index if source and source.index is not None else (None if source else position),
        kind="internal",
        message=f"extraction failed for {who}: {type(exc).__name__}: {exc}",
        excerpt=excerpt(paper.title or paper.abstract),
    )


def parse_inputs(papers: Iterable[PaperInput], gazetteers: Sequence[str] = (),
                 batch_size: int = 64, max_chars: int | None = DEFAULT_MAX_CHARS,
                 max_title_chars: int | None = DEFAULT_MAX_TITLE_CHARS,
                 errors: list[ErrorEntry] | None = None) -> Iterator[PaperRecord]:
    """Extract records from ``PaperInput`` items, streaming, in order.

    Text is normalized, broken up where pathological (see
    :func:`abstractparse.normalize.guard_text`) and cut to ``max_chars``
    (abstract) and ``max_title_chars`` (title) characters; ``None`` means no
    cap.  Changes are recorded in the record's ``warnings`` and offsets refer
    to the text the record carries.

    When extraction of one paper raises, that paper becomes an
    :class:`~abstractparse.models.ErrorEntry` of kind ``"internal"``
    appended to ``errors`` and the others go on; without ``errors`` the
    exception propagates.  ``KeyboardInterrupt`` always propagates.
    """
    from .components.gazetteer import pipeline_gazetteer
    from .pipeline import doc_text
    from .record import to_record

    nlp = load(gazetteers)
    gazetteer = pipeline_gazetteer(nlp)
    position = 0

    def failed(paper: PaperInput, exc: Exception, at: int) -> None:
        if errors is None:
            raise exc
        errors.append(internal_error(paper, exc, at))

    items = iter(papers)
    while True:
        batch: list[tuple[str, PaperInput, int]] = []
        for paper in islice(items, batch_size):
            at, position = position, position + 1
            try:
                ready = prepare(paper, max_chars, max_title_chars)
            except Exception as exc:  # one paper must not stop the stream
                failed(paper, exc, at)
                continue
            batch.append((doc_text(ready.title, ready.abstract), ready, at))
        if not batch:
            return
        try:
            docs = nlp.pipe([text for text, _, _ in batch], batch_size=batch_size)
            records = [to_record(doc, paper, gazetteer) for doc, (_, paper, _) in zip(docs, batch, strict=True)]
        except Exception:  # find the paper at fault: redo the batch one by one
            for text, paper, at in batch:
                try:
                    record = to_record(nlp(text), paper, gazetteer)
                except Exception as exc:
                    failed(paper, exc, at)
                    continue
                yield record
            continue
        yield from records


def parse_file(path: str, format: str = "auto", gazetteers: Sequence[str] = (),
               errors: list[ErrorEntry] | None = None, max_chars: int | None = DEFAULT_MAX_CHARS,
               max_title_chars: int | None = DEFAULT_MAX_TITLE_CHARS) -> Iterator[PaperRecord]:
    """Stream the records of one input file.

    Items that cannot be read, and papers whose extraction fails, become
    :class:`~abstractparse.models.ErrorEntry` objects appended to ``errors``
    when given; otherwise unreadable items are dropped and an extraction
    failure is raised.  Caps as in :func:`parse_inputs`.
    """
    from .readers import read_path

    def inputs() -> Iterator[PaperInput]:
        from .models import ErrorEntry

        for item in read_path(path, format):
            if isinstance(item, ErrorEntry):
                if errors is not None:
                    errors.append(item)
            else:
                yield item

    yield from parse_inputs(inputs(), gazetteers, max_chars=max_chars,
                            max_title_chars=max_title_chars, errors=errors)
