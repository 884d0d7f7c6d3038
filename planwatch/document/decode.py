"""Bytes to text: UTF-8 first, then the encodings Chinese government files come in."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from planwatch.errors import PlanFormatError

# Documents larger than this are refused: the longest national outline is under 1 MB of text.
MAX_BYTES = 20 * 1024 * 1024


def read_limited(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, refused once more than `limit` have been read (a device such as /dev/zero
    or a pipe reports no size, so the size is checked while reading, not before)."""
    mode = os.stat(path).st_mode  # before opening: opening a pipe would wait for a writer
    if stat.S_ISDIR(mode):
        raise PlanFormatError("is a directory, not a plan file")
    if not stat.S_ISREG(mode):
        kind = "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a pipe or socket"
        raise PlanFormatError(f"is {kind}, not a plan file; refusing to read it")
    with open(path, "rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise PlanFormatError(f"file is larger than {limit // (1024 * 1024)} MB; refusing to read it")
    return data


def decode_text(data: bytes) -> str:
    """Decode a text export: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030."""
    if len(data) > MAX_BYTES:
        raise PlanFormatError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; refusing to read it")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise PlanFormatError(f"not valid UTF-16 text ({error.reason})") from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise PlanFormatError("binary data (NUL byte): this is not a text export of a plan", line=line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise PlanFormatError("text is neither UTF-8 nor GB18030", line=line) from None
