"""The look of an official document (GB/T 9704-2012): fonts, sizes, page and margins, shared by every writer.

Each font is named first by the GB face Chinese offices have (方正小标宋简体, 黑体, 楷体_GB2312, 仿宋_GB2312),
then by the Noto CJK face installed here (Debian fonts-noto-cjk), which readers without the GB faces fall back to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
NOTO_SANS = "Noto Sans CJK SC"
NOTO_SERIF = "Noto Serif CJK SC"


@dataclass(frozen=True)
class Face:
    name: str  # the official face, used in .docx and first in CSS
    fallbacks: tuple[str, ...]
    generic: str  # CSS generic family

    @property
    def css(self) -> str:
        names = ", ".join(f'"{name}"' for name in (self.name, *self.fallbacks))
        return f"{names}, {self.generic}"

    @property
    def fallback(self) -> str:
        return self.fallbacks[-1]


TITLE = Face("方正小标宋简体", ("FZXiaoBiaoSong-B05S", "华文中宋", NOTO_SERIF), "serif")  # 小标宋
HEI = Face("黑体", ("SimHei", NOTO_SANS), "sans-serif")
KAI = Face("楷体_GB2312", ("楷体", "KaiTi", "STKaiti", NOTO_SERIF), "serif")
FANG = Face("仿宋_GB2312", ("仿宋", "FangSong", "STFangsong", NOTO_SERIF), "serif")
SONG = Face("宋体", ("SimSun", NOTO_SERIF), "serif")  # page numbers (4号半角宋体)
LATIN = "Times New Roman"

# Chinese type sizes in points.
SIZE_2 = 22.0  # 二号: the title
SIZE_3 = 16.0  # 三号: headings and body
SIZE_4 = 14.0  # 四号: page numbers, subtitle
SIZE_5 = 10.5  # 五号: tables
SIZE_SMALL_5 = 9.0  # 小五: table notes, captions in charts
LINE_PITCH = 28.0  # fixed line spacing of the body (22 lines of 28 characters on a page)

# A4 and GB/T 9704 margins in millimetres: the text area is 156 mm × 225 mm.
PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 37.0, 35.0, 28.0, 26.0
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

# Chart colours: readable in grey print as well as on screen.
STATUS_COLOURS = {
    "achieved_early": "#1a7f37",
    "achieved": "#1a7f37",
    "ahead": "#2f81f7",
    "on_track": "#8c959f",
    "nearly_achieved": "#bf8700",
    "lagging": "#cf222e",
    "not_achieved": "#cf222e",
    "no_data": "#d0d7de",
    "needs_input": "#d0d7de",
    "qualitative": "#d0d7de",
}


def noto_file(face: str, bold: bool = False) -> Path:
    """The installed Noto CJK collection holding `face` (Noto Sans CJK SC or Noto Serif CJK SC)."""
    family = "Sans" if "Sans" in face else "Serif"
    return NOTO_DIR / f"Noto{family}CJK-{'Bold' if bold else 'Regular'}.ttc"
