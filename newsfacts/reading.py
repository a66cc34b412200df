"""Finding and reading raw article files.

Every regular file under the raw folder, recursively, is one article; hidden
entries are skipped and links are never followed. Reading goes through one
interface (`Reader`) keyed by file suffix, so HTML or JSON Lines readers can
be added without touching later stages. Every entry met is accounted for: a
file either yields an article or a `FileOutcome` that says why not.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsfacts.decoding import DecodeError, decode_bytes

PROCESSED, DUPLICATE, REJECTED, SKIPPED, QUARANTINED = "processed", "duplicate", "rejected", "skipped", "quarantined"


@dataclass(frozen=True)
class InputFile:
    path: Path  # where to open it
    relpath: str  # relative to the raw folder, POSIX separators, printable


@dataclass
class FileOutcome:
    """The fate of one input entry, as the manifest records it."""

    path: str
    fate: str
    reason: str | None = None
    detail: str | None = None
    size_bytes: int | None = None
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    doc_id: str | None = None
    duplicate_of: str | None = None


@dataclass(frozen=True)
class RawArticle:
    """What a reader gives: the article's text, decoded but not yet normalized."""

    text: str
    encoding: str
    size_bytes: int
    warnings: tuple[str, ...] = ()


class Rejected(Exception):
    def __init__(self, reason: str, detail: str, size_bytes: int | None = None) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail, self.size_bytes = reason, detail, size_bytes


Reader = Callable[[bytes], RawArticle]


def read_plain_text(data: bytes) -> RawArticle:
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        raise Rejected(exc.reason, exc.detail, len(data)) from exc
    return RawArticle(decoded.text, decoded.encoding, len(data), decoded.warnings)


# Suffix (lower case) to reader; anything else is read as plain text.
READERS: dict[str, Reader] = {".txt": read_plain_text}


def reader_for(path: Path) -> Reader:
    return READERS.get(path.suffix.lower(), read_plain_text)


def printable_relpath(path: Path, root: Path) -> str:
    """The path relative to root, made valid UTF-8 (undecodable bytes become \\xNN escapes)."""
    rel = os.fsencode(path.relative_to(root).as_posix())
    return rel.decode("utf-8", errors="backslashreplace")


def discover(raw_dir: Path) -> tuple[list[InputFile], list[FileOutcome]]:
    """Walk raw_dir: the files to read (sorted) and the outcomes of entries that are not read."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist or is not a folder")
    files: list[InputFile] = []
    outcomes: list[FileOutcome] = []
    for entry, problem in _walk(raw_dir):
        relpath = printable_relpath(Path(entry.path), raw_dir)
        if problem:
            outcomes.append(FileOutcome(relpath, REJECTED, "unreadable", problem))
        elif entry.name.startswith("."):
            outcomes.append(FileOutcome(relpath, SKIPPED, "hidden", "hidden entries are not read"))
        elif entry.is_symlink():
            outcomes.append(FileOutcome(relpath, REJECTED, "symlink", f"links are not followed (-> {_link_target(entry)})"))
        elif entry.is_file(follow_symlinks=False):
            files.append(InputFile(Path(entry.path), relpath))
        elif not entry.is_dir(follow_symlinks=False):
            outcomes.append(FileOutcome(relpath, REJECTED, "not_a_regular_file", "a device, socket or pipe"))
    files.sort(key=lambda f: f.relpath)
    outcomes.sort(key=lambda o: o.path)
    return files, outcomes


def _walk(folder: Path) -> Iterator[tuple[os.DirEntry, str | None]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise OSError(f"cannot list {folder}: {exc.strerror}") from exc
    for entry in entries:
        if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
            try:
                yield from _walk(Path(entry.path))
            except OSError as exc:
                yield entry, str(exc)
        else:
            yield entry, None


def _link_target(entry: os.DirEntry) -> str:
    try:
        return os.readlink(entry.path)
    except OSError:
        return "?"


def read_article(file: InputFile, max_bytes: int) -> RawArticle:
    """Read and decode one file, or raise Rejected with the reason.

    A file over `max_bytes` is refused from its size, and never read past the limit
    even if it grows meanwhile. Links are not followed even if one appears after discovery.
    """
    return decode_article(file, read_bytes(file, max_bytes))


def decode_article(file: InputFile, data: bytes) -> RawArticle:
    """The article in a file's bytes (read by `read_bytes`), or raise Rejected with the reason."""
    return reader_for(file.path)(data)


def read_bytes(file: InputFile, max_bytes: int) -> bytes:
    """The bytes of one file, or raise Rejected: gone, unreadable, a link, not a regular file, too large."""
    try:
        fd = os.open(file.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as exc:
        raise Rejected("vanished", "the file disappeared before it was read") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Rejected("symlink", "links are not followed") from exc
        raise Rejected("unreadable", exc.strerror or str(exc)) from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Rejected("not_a_regular_file", "a device, socket or pipe")
        if info.st_size > max_bytes:
            raise Rejected("too_large", f"{info.st_size} bytes, over the limit of {max_bytes}", info.st_size)
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise Rejected("unreadable", exc.strerror or str(exc)) from exc
    if len(data) > max_bytes:
        raise Rejected("too_large", f"grew past the limit of {max_bytes} bytes while being read", len(data))
    return data
