"""Small PDFs written byte by byte for tests: pages of Chinese lines in a font every reader knows (STSong-Light,
no embedding), with options a hostile file would have — thousands of pages, a huge stream, an /Encrypt
dictionary, a damaged cross-reference table."""

from __future__ import annotations

import os


def _utf16(text: str) -> str:
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


def _page_content(lines: list[str]) -> bytes:
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 770 Td"]
    for line in lines:
        ops.append(f"{_utf16(line)} Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("ascii")


def build_pdf(
    pages: list[list[str]],
    *,
    padding_bytes: int = 0,
    encrypt: bool = False,
    break_xref: bool = False,
) -> bytes:
    """A PDF with one page per list of lines; `padding_bytes` of random data in an unused stream."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree's number is known
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor "
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> >>] >>"
    )
    tree = add(b"")
    kids = []
    for lines in pages:
        content = _page_content(lines)
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
                b"/Contents %d 0 R >>" % (tree, font, stream)
            )
        )
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    if padding_bytes:
        add(b"<< /Length %d >>\nstream\n" % padding_bytes + os.urandom(padding_bytes) + b"\nendstream")
    encrypt_ref = b""
    if encrypt:
        number = add(
            b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>"
            % (b"A1" * 32, b"5C" * 32)  # an owner and user key that no empty password opens
        )
        encrypt_ref = (
            b" /Encrypt %d 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]"
            % number
        )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % (offset + (7 if break_xref else 0))
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        encrypt_ref,
        xref,
    )
    if break_xref:
        out = out.replace(b" obj\n<<", b" obj\n<<<<[", 3)
    return bytes(out)
