"""Fixtures for the powers tests: an invented law in the legal library and small list builders.

The law text is invented (示范处罚法) in the format of real law files; the real texts in
../shared/laws/ are reference data and never part of the project or its tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from fazhi.legal import services as legal_services
from fazhi.legal.models import LegalArticle
from fazhi.powers.tests.factories import PowerItemFactory

if TYPE_CHECKING:
    from conftest import Cast

LAW_TITLE = "中华人民共和国示范处罚法"
LAW_TEXT = """# 中华人民共和国示范处罚法

2020年3月1日 第一届示范人民代表大会常务委员会第一次会议通过

<!-- 本文件为测试用的虚构法律文本，不是真实法律。 -->

第一条 为了检验权责清单与法条的关联，制定本法。

第二条 示范机关依照本法对示范经营活动进行监督检查。

第三条 违反示范登记规定的，责令改正，处一千元以上一万元以下罚款。

第四条 拒不改正的，处一万元以上五万元以下罚款。

第五条 本法自2020年5月1日起施行。
"""


@pytest.fixture
def law(db: None) -> dict[int, LegalArticle]:
    """The invented law, imported through the legal library; articles by number."""
    legal_services.legal_source_import_text(actor=None, text=LAW_TEXT, filename="示范处罚法(2020-03-01).md")
    articles = LegalArticle.objects.filter(version__source__title=LAW_TITLE).select_related("version__source")
    return {article.number: article for article in articles}


@pytest.fixture
def north_items(cast: Cast) -> list:
    """Two power items of NORTH (a penalty and a coercion item) and one of SOUTH."""
    return [
        PowerItemFactory(code="N-CF-001", name="对未办理示范登记的行政处罚", owner_unit=cast.north),
        PowerItemFactory(
            code="N-QZ-001", name="查封与示范违法行为有关的场所", category="coercion", owner_unit=cast.north
        ),
        PowerItemFactory(code="S-CF-001", name="对占道经营的行政处罚", owner_unit=cast.south),
    ]
