"""Reading and writing the files a player or author points at, safely.

Reads: only regular files (a FIFO, device or folder is refused without blocking), at most
``max_bytes`` of them. JSON is parsed with a bound on nesting depth.

Writes: only where the user points. The folder must exist (nothing is created silently);
a symbolic link, a device, a folder or any other non-regular file at the path is never
written through or replaced; ``own`` can further require the existing file to be one of
ours (a save replaces only a save). The new text goes to a temporary file beside the
target, is flushed to disk and renamed over it, so a crash leaves the old file or the new
one. Temporary files left by a killed writer (``name.<pid>.<random>.tmp`` whose process is
gone) are swept on the next write to the same folder.

Every refusal is a :class:`FileRefused` whose text is one line without the path, for the
caller to prefix with it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from . import limits

#: Deepest nesting of lists and mappings accepted in a JSON file we read (saves, logs, settings).
MAX_JSON_DEPTH = limits.JSON_DEPTH


class FileRefused(OSError):
    """A file we will not read or write; ``str()`` is one line that does not name the path.

    An ``OSError``, so code that already reports a failed write reports a refusal too.
    ``kind`` says why, for callers that map it to their own codes: ``missing``, ``folder``,
    ``special`` (not a regular file), ``large``, ``link``, ``foreign`` (not ours to replace)
    or ``unreadable``/``unwritable``."""

    def __init__(self, message: str, kind: str = "unreadable"):
        super().__init__(message)
        self.kind = kind


def open_regular(path: str | os.PathLike, max_bytes: int) -> BinaryIO:
    """The regular file at ``path`` opened for binary reading, without reading it.

    Raises :class:`FileRefused` for a missing, unreadable, non-regular or too large file. The file
    is opened without blocking, so a FIFO with no writer is refused at once and a device is never
    read; the stream returned blocks as usual.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileRefused("no such file", "missing") from None
    except IsADirectoryError:
        raise FileRefused("a folder, not a file", "folder") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        raise FileRefused(f"cannot read: {_reason(exc)}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise FileRefused("a folder, not a file", "folder")
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused("not a regular file (a device, pipe or socket)", "special")
        if st.st_size > max_bytes:
            raise FileRefused(f"file is {st.st_size:,} bytes; the cap is {max_bytes:,}", "large")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb", buffering=1 << 16)
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``max_bytes`` of them.

    Raises :class:`FileRefused` as :func:`open_regular` does, and when the file has grown past
    ``max_bytes`` since it was opened (one byte past the cap is read to tell).
    """
    with open_regular(path, max_bytes) as stream:
        try:
            data = stream.read(max_bytes + 1)
        except OSError as exc:
            raise FileRefused(f"cannot read: {_reason(exc)}") from None
    if len(data) > max_bytes:
        raise FileRefused(f"file is more than {max_bytes:,} bytes; the cap is {max_bytes:,}", "large")
    return data


def loads_json(text: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` with nesting bounded by ``max_depth``.

    Raises ``ValueError`` (``json.JSONDecodeError`` for bad syntax, plain ``ValueError`` for
    nesting too deep); never ``RecursionError``.
    """
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError(f"nested more than {max_depth} levels deep") from None
    if json_depth(data) > max_depth:
        raise ValueError(f"nested more than {max_depth} levels deep")
    return data


def json_depth(data: Any) -> int:
    """How deeply lists and mappings nest in ``data`` (a scalar is 0); without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def check_target(path: str | os.PathLike, own: Callable[[Path], bool] | None = None) -> Path:
    """Check that ``path`` may be written (see the module doc); returns it as a Path.

    Raises :class:`FileRefused` if its folder is missing or not a folder, or if something
    other than a regular file (or, with ``own``, other than one of our files) is there.
    """
    target = Path(path)
    if not target.name or target.name in (".", ".."):
        raise FileRefused("not a file name", "unwritable")
    folder = target.parent
    try:
        is_folder = folder.is_dir()
    except OSError as exc:
        raise FileRefused(f"cannot use the folder {_show(folder)}: {_reason(exc)}", "unwritable") from None
    if not is_folder:
        message = f"the folder {_show(folder)} does not exist (it is not created for you)"
        raise FileRefused(message, "missing")
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return target
    except (OSError, ValueError) as exc:
        raise FileRefused(f"cannot write: {_reason(exc)}", "unwritable") from None
    if stat.S_ISLNK(st.st_mode):
        raise FileRefused("a symbolic link; not writing through it", "link")
    if stat.S_ISDIR(st.st_mode):
        raise FileRefused("a folder; not replacing it", "folder")
    if not stat.S_ISREG(st.st_mode):
        raise FileRefused("not a regular file; not replacing it", "special")
    if own is not None and not own(target):
        raise FileRefused(
            "already holds a file this game did not write; not replacing it (choose another name)", "foreign"
        )
    return target


def write_text(
    path: str | os.PathLike,
    text: str | bytes,
    own: Callable[[Path], bool] | None = None,
    *,
    fsync: bool = True,
) -> None:
    """Write ``text`` to ``path`` atomically, only where allowed (see the module doc).

    Raises :class:`FileRefused` for a refused target, ``OSError`` if writing fails.
    """
    target = check_target(path, own)
    folder = target.parent
    sweep_temp_files(folder)
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    import tempfile  # here: a game that only reads (the first scene, a transcript) starts without it

    fd, tmp = tempfile.mkstemp(prefix=f"{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if fsync:
                os.fsync(f.fileno())
        # A link or device may have appeared since the check; rename replaces the entry itself,
        # never what a link points to, but check again to keep the promise not to replace it.
        check_target(target, own)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_TEMP_RE = re.compile(r"^(?P<name>.+)\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.tmp$")


def sweep_temp_files(folder: str | os.PathLike) -> int:
    """Remove our temporary files in ``folder`` whose writer has died; returns how many.

    Only regular files named ``name.<pid>.<random>.tmp`` (as :func:`write_text` makes them),
    owned by this user, whose process no longer runs, are removed. Never raises.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        m = _TEMP_RE.match(entry.name)
        if m is None:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
                continue
            if _alive(int(m["pid"])):
                continue
            os.unlink(entry.path)
            removed += 1
        except (OSError, ValueError):
            continue
    return removed


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # os.kill(pid, 0) is not a harmless probe everywhere (on Windows it signals)
    if pid == os.getpid():
        return True  # a concurrent write of ours (another thread) may still be using it
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or we cannot tell: leave it
    return True


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)


def _show(folder: Path) -> str:
    return str(folder) if str(folder) else "."
