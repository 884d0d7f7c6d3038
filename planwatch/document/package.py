"""Safety checks for Office packages (.docx, .xlsx): zip bombs, missing parts, XML with DTDs or entities.

Run before a library opens the file, so that a hostile upload is refused with a message, not unpacked.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from planwatch.errors import PlanFormatError

# A plan outline is a few MB at most; these refuse zip bombs before anything is unpacked.
MAX_PART_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, checked on parts over RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024
MAX_PARTS = 10_000
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def check_package(path: str | Path, required: tuple[str, ...], kind: str, prolog_only: bool = False) -> None:
    """Refuse what is not a safe Office package: not a zip, a required part missing, too big, bad or risky XML.

    With `prolog_only`, each XML part is read only up to its root element (where a DOCTYPE or entity must be), in
    memory that does not grow with the part: for a caller that streams the parts itself and reports damage then.
    """
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise PlanFormatError("no such file") from None
    except IsADirectoryError:
        raise PlanFormatError("is a directory, not a plan file") from None
    except zipfile.BadZipFile:
        raise PlanFormatError(
            f"not a {kind} file: it is not a zip archive (an old binary format, a password-protected file, "
            "or another format renamed?)"
        ) from None
    except (ValueError, EOFError, struct.error, NotImplementedError) as error:  # bad offsets, names, versions
        raise PlanFormatError(f"not a {kind} file: its zip directory is damaged ({_brief(error)})") from None
    except OSError as error:
        raise PlanFormatError(f"cannot read: {error.strerror or error}") from None
    with archive:
        infos = archive.infolist()
        check_sizes(infos)
        names = {info.filename for info in infos}
        for part in required:
            if part not in names:
                raise PlanFormatError(f"not a {kind} file: the zip archive has no {part}")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")) or _looks_like_xml(archive, info):
                if prolog_only:
                    check_prolog(archive, info)
                else:
                    parse_xml(_unpack(archive, info), info.filename)


def check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse a part that declares a DOCTYPE or entities, reading it only as far as its root element."""
    try:
        with archive.open(info) as stream:
            events = etree.iterparse(
                stream, events=("start",), resolve_entities=False, load_dtd=False, no_network=True
            )
            _, root = next(events)
    except StopIteration:
        raise PlanFormatError(f"part {info.filename} is empty") from None
    except etree.XMLSyntaxError as error:
        if "DOCTYPE" in error.msg or "ENTITY" in error.msg or "Entity" in error.msg:
            raise _doctype_error(info.filename) from None
        raise PlanFormatError(f"part {info.filename} is not well-formed XML: {error.msg}") from None
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
        OSError,
    ) as error:
        raise PlanFormatError(f"cannot unpack part {info.filename}: {_brief(error)}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise _doctype_error(info.filename)


def _looks_like_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a part is XML by its first bytes, whatever its name: a library opens parts by relationship,
    so a worksheet named `sheet1.bin` is parsed as XML all the same."""
    if info.is_dir() or info.file_size == 0:
        return False
    try:
        with archive.open(info) as stream:
            head = stream.read(512)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, OSError):
        return True  # let _unpack name the damage
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        head = head.removeprefix(bom)
    head = head.replace(b"\x00", b"").lstrip()
    return head.startswith(b"<")


def check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_PARTS:
        raise PlanFormatError(f"the archive holds {len(infos)} parts; refusing to read it")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_PART_BYTES:
            raise PlanFormatError(
                f"part {info.filename} unpacks to {info.file_size // (1024 * 1024)} MB, over the "
                f"{MAX_PART_BYTES // (1024 * 1024)} MB limit; refusing to read it"
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PlanFormatError(
                f"part {info.filename} is compressed {info.file_size // max(info.compress_size, 1)} to 1 "
                f"(more than {MAX_RATIO} to 1): a zip bomb? refusing to read it"
            )
        if total > MAX_TOTAL_BYTES:
            raise PlanFormatError(f"the archive unpacks to more than {MAX_TOTAL_BYTES // (1024 * 1024)} MB")


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    # zipfile stops at the size the directory declares, which _check_sizes has bounded.
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as error:
        raise PlanFormatError(f"cannot unpack part {info.filename}: {_brief(error)}") from None
    except OSError as error:  # a damaged offset sends the read before the start of the file
        raise PlanFormatError(
            f"cannot unpack part {info.filename}: the zip archive is damaged ({error.strerror or error})"
        ) from None


def _brief(error: Exception) -> str:
    """The error's text cut short: zipfile quotes whole damaged headers in its messages."""
    text = str(error)
    return text if len(text) <= 120 else text[:120] + "…"


def parse_xml(data: bytes, part: str) -> etree._Element:
    """Parse an XML part without entities, DTDs or network: Word never writes a DOCTYPE."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        if b"<!DOCTYPE" in data[:65536] or b"<!ENTITY" in data[:65536]:
            raise _doctype_error(part) from None
        where = "" if "line" in error.msg else f" (line {error.lineno})"
        raise PlanFormatError(f"part {part} is not well-formed XML{where}: {error.msg}") from None
    if root is None:
        raise PlanFormatError(f"part {part} is empty")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise _doctype_error(part)
    return root


def _doctype_error(part: str) -> PlanFormatError:
    return PlanFormatError(
        f"part {part} declares a DOCTYPE or XML entities, which Word and Excel never write; refusing to read it"
    )
