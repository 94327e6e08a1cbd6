"""The powers pages: lists and details with legal basis, import form with row errors, export, flexible lists."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fazhi.powers.models import PowerItem
from fazhi.powers.tests.factories import CheckItemFactory, DiscretionStandardFactory, FlexibleMeasureFactory

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_is_sent_to_login(cast) -> None:
    response = Client().get("/powers/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_list_shows_only_own_units_items(cast, north_items) -> None:
    html = logged_in(cast.inspector_north).get("/powers/").content.decode()
    assert "N-CF-001" in html and "N-QZ-001" in html
    assert "S-CF-001" not in html
    assert "导入清单" not in html  # an officer cannot import
    html = logged_in(cast.unit_admin_north).get("/powers/?category=coercion").content.decode()
    assert "N-QZ-001" in html and "N-CF-001" not in html
    assert "导入清单" in html


def test_detail_shows_legal_basis_links_standards_and_measures(cast, law, north_items) -> None:
    item = north_items[0]
    item.legal_articles.set([law[3]])
    DiscretionStandardFactory(power_item=item)
    FlexibleMeasureFactory(power_item=item, code="N-BYCF-9")
    CheckItemFactory(code="N-JC-9", owner_unit=cast.north, power_items=[item])
    response = logged_in(cast.unit_admin_north).get("/powers/items/N-CF-001/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "《中华人民共和国示范处罚法》第三条" in html
    assert f"/api/v1/legal/sources/{law[3].version.source_id}/" in html
    assert "处一千元以上一万元以下罚款" in html  # the article text
    assert "首违不罚" in html and "N-BYCF-9" in html and "N-JC-9" in html
    assert logged_in(cast.inspector_south).get("/powers/items/N-CF-001/").status_code == 404


def test_check_list_flags_items_without_basis(cast, north_items) -> None:
    CheckItemFactory(code="N-JC-NB", owner_unit=cast.north, basis_text="", has_legal_basis=False)
    client = logged_in(cast.unit_admin_north)
    html = client.get("/powers/check-items/?basis=no").content.decode()
    assert "N-JC-NB" in html and "不得抽查" in html
    assert client.get("/powers/check-items/N-JC-NB/").status_code == 200


def test_flexible_lists_by_kind(cast, north_items) -> None:
    FlexibleMeasureFactory(power_item=north_items[0], code="N-BYCF-1")
    FlexibleMeasureFactory(
        power_item=north_items[1], code="N-BQZ-1", kind="no_coercive_measure", is_first_violation=False
    )
    client = logged_in(cast.inspector_north)
    html = client.get("/powers/flexible/").content.decode()
    assert "N-BYCF-1" in html and "N-BQZ-1" not in html
    html = client.get("/powers/flexible/?kind=no_coercive_measure").content.decode()
    assert "N-BQZ-1" in html and "N-BYCF-1" not in html


def test_import_form_shows_row_errors_and_imports_nothing(cast) -> None:
    client = logged_in(cast.unit_admin_north)
    assert client.get("/powers/import/").status_code == 200
    text = (
        "事项编码,事项名称,事项类别,实施主体编码,设定依据\n"
        "N-1,示范许可,行政许可,NORTH,《某法》第一条\n"
        "N-2,坏行,未知类别,NORTH,《某法》第一条\n"
    )
    upload = SimpleUploadedFile("清单.csv", text.encode("utf-8"), content_type="text/csv")
    response = client.post("/powers/import/", {"kind": "powers", "file": upload})
    html = response.content.decode()
    assert response.status_code == 422
    assert "第3行" in html and "未知的事项类别“未知类别”" in html
    assert not PowerItem.objects.exists()
    good = SimpleUploadedFile("清单.csv", text.splitlines()[0].encode() + b"\n" + text.splitlines()[1].encode())
    response = client.post("/powers/import/", {"kind": "powers", "file": good}, follow=True)
    assert response.status_code == 200
    assert "导入完成" in response.content.decode()
    assert PowerItem.objects.filter(code="N-1").exists()


def test_import_page_is_for_unit_admins_only(cast) -> None:
    assert logged_in(cast.inspector_north).get("/powers/import/").status_code == 403


def test_export_buttons_download_files(cast, north_items) -> None:
    client = logged_in(cast.inspector_north)
    response = client.get("/powers/export/powers.csv")
    assert response.status_code == 200
    assert "N-CF-001" in response.content.decode("utf-8-sig")
    assert client.get("/powers/export/checkitems.xlsx").content[:2] == b"PK"
    assert client.get("/powers/export/cases.csv").status_code == 404
