"""Dates on the enforcement pages read as people write them (2026年3月2日), never ISO (2026-03-02).

ISO stays only where a machine reads it: the value of an <input type=date> and the like. Protects
against the QA finding of "记录于 2026-11-24 21:16", "王记药店（2026-10-21）", the instalment hint
"如 2026-05-15 2500" and the 回避 / 先行登记保存 choices built with isoformat().
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django import forms
from django.urls import reverse

from fazhi.enforcement import services
from fazhi.enforcement.forms import PaymentArrangeForm, parse_instalments
from fazhi.enforcement.tests.factories import investigate, open_case, record_inspection
from fazhi.enforcement.tests.pages import client_for, page, post_action, served_case

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# what a machine reads: attribute values (input values, links, hx- parameters); the rest is what people read
ATTRIBUTE = re.compile(r'\s[\w:-]+="[^"]*"')


def shown_text(html: str) -> str:
    """The page without its attribute values (<input type=date value="2026-03-02"> keeps ISO)."""
    return ATTRIBUTE.sub("", html)


def test_the_case_page_shows_no_iso_date(world) -> None:
    # a case with a timeline, a pending 回避 and an undecided 先行登记保存: every date the page shows
    case = investigate(world, open_case(world))
    services.case_recusal_declare(
        actor=world.cast.inspector_north, case=case, officer_id=world.officer_b.pk, source="party",
        declared_on=date(2026, 3, 5), reason="当事人认为有利害关系",
    )  # fmt: skip
    case.refresh_from_db()
    services.evidence_preservation_register(
        actor=world.cast.inspector_north, case=case, registered_on=date(2026, 3, 5), items="过期食品20箱",
        reason="可能被转移", approved_by="李局长", approved_on=date(2026, 3, 5),
    )  # fmt: skip
    html = page(client_for(world.cast.inspector_north), case)
    assert re.search(r"记录于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}", html)
    assert "（2026年3月5日提出）" in html  # the 回避决定 choice
    assert "2026年3月5日登记：过期食品20箱（应于2026年3月16日前作出决定）" in html  # the 处理决定 choice
    assert ISO_DATE.findall(shown_text(html)) == []
    assert re.search(r'type="date" name="\w+" value="\d{4}-\d{2}-\d{2}"', html)  # date inputs keep ISO


def test_my_work_lists_inspections_with_a_chinese_date(world) -> None:
    record_inspection(world)
    html = client_for(world.cast.inspector_north).get(reverse("enforcement:my_work")).content.decode()
    assert "青禾示范商贸有限公司（2026年3月2日）" in html
    assert ISO_DATE.findall(shown_text(html)) == []


def test_the_inspection_record_and_the_case_opening_form_show_chinese_dates(world) -> None:
    inspection = record_inspection(world, outcome="case_opened")
    client = client_for(world.cast.inspector_north)
    detail = client.get(reverse("enforcement:inspection_detail", kwargs={"inspection_id": inspection.pk}))
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}", detail.content.decode())  # 录入时间
    assert ISO_DATE.findall(shown_text(detail.content.decode())) == []
    form = client.get(reverse("enforcement:case_open"), {"inspection": inspection.pk}).content.decode()
    assert "来源检查：" in form and "2026年3月2日 青禾示范商贸有限公司（立案）" in form
    assert ISO_DATE.findall(shown_text(form)) == []


def test_the_instalment_plan_is_explained_and_shown_with_chinese_dates(world) -> None:
    assert (
        PaymentArrangeForm().fields["instalments"].help_text == "每行一期：缴款日期 金额（元），如 2026年5月15日 2500"
    )
    # the example the hint gives is read, and so is ISO
    assert parse_instalments("2026年5月15日 2500\n2026-06-15，2500元") == [
        (date(2026, 5, 15), 2500), (date(2026, 6, 15), 2500),
    ]  # fmt: skip
    case = served_case(world)
    officer = client_for(world.cast.inspector_north)
    response = post_action(officer, case, "arrange_payment", {
        "kind": "instalments", "applied_on": "2026-04-10", "approved_on": "2026-04-12", "approver": "李局长",
        "new_due": "", "instalments": "2026年5月15日 2500\n2026年6月15日 2500", "reason": "经营困难",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    html = page(officer, case)
    assert "2026年5月15日缴纳 2500.00 元" in html and "2026年6月15日缴纳 2500.00 元" in html
    assert ISO_DATE.findall(shown_text(html)) == []


def test_an_unreadable_instalment_line_names_the_chinese_example(world) -> None:
    with pytest.raises(forms.ValidationError) as error:
        parse_instalments("2026年2月30日 2500")
    assert "第1行格式不正确，请按“缴款日期 金额（元）”填写，如 2026年5月15日 2500。" in str(error.value)
