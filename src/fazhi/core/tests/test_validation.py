"""core.validation: the "not in the future" check every register uses, as its message reads on the forms."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.errors import DomainError
from fazhi.core.validation import require_not_future


def test_a_future_date_is_refused_with_chinese_dates() -> None:
    # The message is shown as is on the 复议, 应诉 and 监督 forms: dates as people write them
    with pytest.raises(DomainError) as exc:
        require_not_future(
            date(2026, 7, 1), field="held_on", label="开庭日期", code="litigation.future_date", today=date(2026, 6, 30)
        )

    assert exc.value.message == "开庭日期（2026年7月1日）晚于今天（2026年6月30日），不能登记尚未发生的事项。"
    assert "2026-07-01" not in exc.value.message and "2026-06-30" not in exc.value.message
    assert exc.value.code == "litigation.future_date" and exc.value.fields == {"held_on": ["不能晚于今天。"]}


def test_today_itself_is_accepted() -> None:
    assert require_not_future(
        date(2026, 6, 30), field="held_on", label="开庭日期", code="x.future_date", today=date(2026, 6, 30)
    ) == date(2026, 6, 30)
