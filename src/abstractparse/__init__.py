"""abstractparse: typed, source-grounded records from machine-learning paper abstracts.

    >>> import abstractparse
    >>> rec = abstractparse.parse("We propose FooNet, which reaches 81.2% top-1 accuracy on ImageNet.",
    ...                           title="FooNet: Fast Object Detection")
    >>> rec.method.name
    'FooNet'

The heavy imports (spaCy, the gazetteers) happen on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from spacy.language import Language

    from .models import ErrorEntry, PaperInput, PaperRecord

__all__ = ["__version__", "load", "parse", "parse_file", "parse_inputs"]


def load(gazetteers: Sequence[str] = ()) -> Language:
    """The spaCy pipeline, built once per process (per set of extra gazetteer files)."""
    from .pipeline import load as _load

    return _load(tuple(gazetteers))


def parse(abstract: str, title: str = "", id: str | None = None,
          gazetteers: Sequence[str] = ()) -> PaperRecord:
    """Extract a record from one abstract (and optional title)."""
    from .models import PaperInput

    return next(parse_inputs([PaperInput(id=id, title=title, abstract=abstract)], gazetteers))


def parse_inputs(papers: Iterable[PaperInput], gazetteers: Sequence[str] = (),
                 batch_size: int = 64) -> Iterator[PaperRecord]:
    """Extract records from ``PaperInput`` items, streaming, in order."""
    from .normalize import normalize_text
    from .pipeline import doc_text
    from .record import to_record

    nlp = load(gazetteers)

    def texts() -> Iterator[tuple[str, PaperInput]]:
        for paper in papers:
            paper = paper.model_copy(update={"title": normalize_text(paper.title),
                                             "abstract": normalize_text(paper.abstract)})
            yield doc_text(paper.title, paper.abstract), paper

    for doc, paper in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        yield to_record(doc, paper)


def parse_file(path: str, format: str = "auto", gazetteers: Sequence[str] = (),
               errors: list[ErrorEntry] | None = None) -> Iterator[PaperRecord]:
    """Stream the records of one input file.

    Items that cannot be read become :class:`~abstractparse.models.ErrorEntry`
    objects, appended to ``errors`` when given (and otherwise dropped).
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

    yield from parse_inputs(inputs(), gazetteers)
