"""Writing records and error entries as JSON Lines, safely.

:class:`JsonlWriter` writes to a temporary file beside the target and puts
it in place only when the ``with`` block ends without an exception, so an
interrupted or failed run leaves the target exactly as it was:

* replacing (the default): the temporary file is flushed to disk and renamed
  over the target, atomically;
* appending (``append=True``): the new lines are copied to the end of the
  target in one go; should that copy fail, the target is cut back to its
  old size.  A target whose last line lacks its newline gets one first,
  so that no new line is glued to it.

Either way a reader of the target never sees a half-written last line from
this run.  The temporary file gets the target's permissions (or the usual
ones for a new file), not ``mkstemp``'s private ``0600``.
"""

from __future__ import annotations

import os
import shutil
import stat
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


def _default_mode() -> int:
    """Permissions of a new regular file under the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class JsonlWriter:
    """Context manager writing models as JSON Lines to a path or to stdout (``None``/``-``).

    Raises ``OSError`` on entry when the target's directory cannot hold a
    temporary file (missing, not writable).
    """

    def __init__(self, path: str | Path | None, append: bool = False) -> None:
        self.path = None if path in (None, "-") else Path(path)
        self.append = append
        self.count = 0
        self._tmp: str | None = None
        self._fh: IO[bytes] | None = None

    def __enter__(self) -> JsonlWriter:
        if self.path is None:
            self._fh = sys.stdout.buffer
            return self
        directory = self.path.parent if str(self.path.parent) else Path(".")
        fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=directory)
        try:
            mode = stat.S_IMODE(os.stat(self.path).st_mode) if self.path.exists() else _default_mode()
            os.fchmod(fd, mode)
        except OSError:
            pass  # keep mkstemp's permissions rather than fail
        self._fh = os.fdopen(fd, "wb")
        return self

    def write(self, model: BaseModel) -> None:
        """Write one model as one line."""
        assert self._fh is not None, "use JsonlWriter as a context manager"
        self._fh.write(dumps(model))
        self.count += 1
        if self.path is None:
            self._fh.flush()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._fh is None:
            return
        if self.path is None:
            self._fh.flush()
            return
        assert self._tmp is not None
        try:
            if exc_type is None:
                self._fh.flush()
                os.fsync(self._fh.fileno())
            self._fh.close()
            if exc_type is None:
                if self.append:
                    self._append_to_target()
                else:
                    os.replace(self._tmp, self.path)
        finally:
            if os.path.exists(self._tmp):
                os.unlink(self._tmp)

    def _append_to_target(self) -> None:
        """Copy the temporary file to the end of the target, all or nothing."""
        assert self.path is not None and self._tmp is not None
        with open(self.path, "ab+") as target:
            size = target.seek(0, os.SEEK_END)
            try:
                if size:
                    target.seek(size - 1)
                    if target.read(1) != b"\n":
                        target.write(b"\n")
                with open(self._tmp, "rb") as new:
                    shutil.copyfileobj(new, target)
                target.flush()
                os.fsync(target.fileno())
            except BaseException:
                target.truncate(size)
                raise
