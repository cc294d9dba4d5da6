"""Writing records and error entries as JSON Lines, safely.

:class:`JsonlWriter` writes to a temporary file beside the target and renames
it into place on success, so an interrupted run never leaves a half-written
file that a rerun would trust; with ``append=True`` it appends whole lines
and flushes after each one.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO

import orjson
from pydantic import BaseModel


def dumps(model: BaseModel) -> bytes:
    """One JSON line (with the newline) for a model."""
    return orjson.dumps(model.model_dump(mode="json")) + b"\n"


class JsonlWriter:
    """Context manager writing models as JSON Lines to a path or to stdout (``None``/``-``)."""

    def __init__(self, path: str | Path | None, append: bool = False) -> None:
        self.path = None if path in (None, "-") else Path(path)
        self.append = append
        self.count = 0
        self._tmp: str | None = None
        self._fh: IO[bytes] | None = None

    def __enter__(self) -> JsonlWriter:
        if self.path is None:
            self._fh = sys.stdout.buffer
        elif self.append:
            self._fh = open(self.path, "ab")
        else:
            directory = self.path.parent if str(self.path.parent) else Path(".")
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                             dir=directory)
            self._fh = os.fdopen(fd, "wb")
        return self

    def write(self, model: BaseModel) -> None:
        assert self._fh is not None, "use JsonlWriter as a context manager"
        self._fh.write(dumps(model))
        self.count += 1
        if self.append or self.path is None:
            self._fh.flush()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._fh is None:
            return
        if self.path is None:
            self._fh.flush()
            return
        self._fh.close()
        if self._tmp is not None:
            if exc_type is None:
                os.replace(self._tmp, self.path)
            else:
                os.unlink(self._tmp)
