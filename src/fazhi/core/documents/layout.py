"""The page geometry and type sizes of GB/T 9704-2012 《党政机关公文格式》.

Sizes follow the Chinese 字号 scale: 二号 22 pt, 三号 16 pt, 四号 14 pt.
"""

from __future__ import annotations

from docx.shared import Mm, Pt, RGBColor, Twips

# §5.2.1 A4 paper; §5.2.1 版心 156 mm × 225 mm, 天头（上白边）37 mm ± 1 mm, 订口（左白边）28 mm ± 1 mm.
PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(37)
MARGIN_LEFT = Mm(28)
TEXT_WIDTH = Mm(156)
TEXT_HEIGHT = Mm(225)
MARGIN_RIGHT = Mm(210 - 28 - 156)  # 26 mm
MARGIN_BOTTOM = Mm(297 - 37 - 225)  # 35 mm

# §5.2.2 一般每面排 22 行，每行排 28 个字. 225 mm / 22 = 28.99 pt per line; 579 twips (28.95 pt)
# keeps 22 lines inside the 版心 after rounding.
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH = Twips(579)
# 28 三号 (16 pt) characters are 158 mm, wider than the 156 mm 版心: Word squeezes them with its
# document grid, but LibreOffice gives each over-wide character two grid cells (14 a line). So there
# is no character grid; every run is condensed by 0.25 pt instead, which both honour: 28 × 15.75 pt
# = 441 pt fits the 442 pt line.
CHARACTER_SPACING = Pt(-0.25)
CHAR_PITCH = Pt(16 - 0.25)  # one 字 of the body: the unit of indents (左空二字, 右空四字)

# §5.2.3 / §7: 字号.
SIZE_TITLE = Pt(22)  # 二号: 标题
SIZE_BODY = Pt(16)  # 三号: 正文, 发文字号, 署名, 日期
SIZE_IMPRINT = Pt(14)  # 四号: 版记 (抄送, 印发机关和印发日期)
SIZE_PAGE_NUMBER = Pt(14)  # 四号: 页码
SIZE_TABLE = Pt(14)  # 四号: tables and forms, so four columns fit the 版心
SIZE_RED_HEADER_MAX = Pt(36)  # 小初: the largest 发文机关标志; longer names are set smaller to fit one line

# §7.2.1 发文机关标志上边缘至版心上边缘为 35 mm (平行文和下行文).
RED_HEADER_OFFSET = Mm(35)
# §7.2.5 发文字号之下 4 mm 处居中印一条与版心等宽的红色分隔线.
RED_RULE_GAP_PT = 11  # 4 mm ≈ 11.3 pt (w:space is whole points)
RED_RULE_EIGHTHS = 16  # 2 pt
RED = RGBColor(0xE6, 0x00, 0x12)
RED_HEX = "E60012"

# §7.4.1 版记分隔线: 首条和末条用粗线（推荐高度为 0.35 mm），中间用细线（推荐高度为 0.25 mm）.
IMPRINT_THICK_EIGHTHS = 8  # 1 pt ≈ 0.35 mm
IMPRINT_THIN_EIGHTHS = 6  # 0.75 pt ≈ 0.26 mm

# §7.5 页码一字线上距版心下边缘 7 mm. The footer's bottom sits this far above the paper's edge so that
# the top of the 四号 page-number line is 7 mm below the 版心: 35 mm − 7 mm − 14 pt (4.9 mm).
FOOTER_DISTANCE = Mm(297 - 37 - 225 - 7 - 4.9)
HEADER_DISTANCE = Mm(15)
