"""The quarterly bulletin (行政执法情况通报) as a GB/T 9704 .docx, from the frozen bulletin snapshot.

Everything printed comes from `Bulletin.snapshot.payload`, never from a recomputation, so the
document always says what was published. Charts are drawn as text bar charts (█ blocks in a table):
the document builder has no image support and the platform carries no plotting library; the web
page shows the same figures as ECharts charts.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.documents import OfficialDocument
from fazhi.supervision import bulletin_tables
from fazhi.supervision.models import Bulletin

# The bar column is 74 mm: 70 mm inside the cell margins hold 14 blocks of 四号 (4.94 mm each). The
# 20 blocks before wrapped onto a second line, doubling the chart's height.
BAR_WIDTH = 14
# A 通报 lists the first ten 综合查一次 candidates (each names every department, a paragraph long);
# the page and the snapshot keep all the bulletin counted.
REPEATED_PRINTED = 10
TIANJIN_PLATFORM_RULES = "《天津市行政执法监督平台管理办法》"
# Ranking tables (156 mm 版心, 四号 = 4.94 mm a character, 3.8 mm of cell margins): 14 mm hold "名次",
# 24 mm four characters (a 执法领域, or a unit name over three or four lines beside the eight lines of
# its indicators), 19 mm a score of "100.00"; what is left holds an indicator's line
# ("人均执法量（10）：14.14件/人／10.00分", 18.5 characters) on one line in a peer group's table.
PEER_GROUP_WIDTHS_MM = (14, 24, 99, 19)
SINGLE_UNIT_WIDTHS_MM = (24, 24, 89, 19)


def _value(indicators: dict[str, Any], code: str) -> str:
    entry = indicators.get(code) or {}
    value = entry.get("value")
    if value is None:
        return "—"
    label = entry.get("unit_label", "")
    return f"{value}{label}"


def _bar(score: Decimal, top: Decimal) -> str:
    if top <= 0:
        return ""
    return "█" * max(1, round(BAR_WIDTH * float(score / top))) if score > 0 else ""


def bulletin_document(bulletin: Bulletin) -> OfficialDocument:
    """Lay out the bulletin: summary, ranking per peer group, chart, 约谈 proposal, 综合查一次 list."""
    snapshot = bulletin.snapshot
    payload = snapshot.payload
    total = payload["figures"].get("*", {})
    as_of = timezone.localtime(snapshot.as_of)
    document = OfficialDocument(
        issuer=bulletin.issuer,
        title=snapshot.title,
        doc_number=bulletin.number,
        red_header=True,
    )
    document.add_recipient("各行政执法单位")
    # Bulletins frozen before the basis was configurable cited Tianjin's 办法, as they were issued.
    basis = payload["scheme"].get("bulletin_basis", TIANJIN_PLATFORM_RULES)
    document.add_paragraph(
        f"根据{basis + '和' if basis else ''}本区行政执法考核指标体系，现将{format_date_zh(snapshot.period_from)}至"
        f"{format_date_zh(snapshot.period_to)}全区行政执法情况通报如下。数据截至{format_date_zh(as_of.date())}{as_of:%H时%M分}。"
    )
    document.add_heading("总体情况")
    document.add_paragraph(
        f"全区行政执法人员{_num(total, 'officers_total')}人，其中参与执法{_num(total, 'officers_participating')}人，"
        f"人员参与率{_value(total, 'participation_rate')}，人均执法量{_value(total, 'records_per_officer')}；"
        f"归集执法信息{_num(total, 'records_total')}条，其中{bulletin_tables.record_breakdown(total)}；"
        f"权责事项{_num(total, 'power_items_total')}项，"
        f"履行{_num(total, 'power_items_exercised')}项，履责率{_value(total, 'exercise_rate')}；"
        f"执法信息上传及时率{_value(total, 'upload_timeliness')}。"
    )
    document.add_heading("各单位考核排名")
    document.add_paragraph(
        f"按执法领域分组排名，得分依考核指标体系“{payload['scheme']['name']}”加权计算（满分100分），"
        f"表中列出各项指标的指标值和该项得分（括号内为权重）。{bulletin_tables.policy_note(payload)}"
    )
    cols = bulletin_tables.columns(payload)
    ranking = bulletin_tables.rows(payload)
    # One line per indicator in one cell: a column per indicator (7 or more) does not fit the
    # 156 mm 版心 at 四号 — "89.08" alone would wrap.
    for group in ranking.peer_groups:
        document.add_heading(f"{group.name}（{len(group.rows)}个单位）", level=2)
        document.add_table(
            ("名次", "单位", "各项指标值／得分", "得分"),
            [(_rank(row), row.name, _score_lines(cols, row), row.score) for row in group.rows],
            column_widths_mm=PEER_GROUP_WIDTHS_MM,
        )
    alone = ranking.single_unit_rows
    if alone:
        # A table per 执法领域 of one unit ran the 通报 to 21 pages of "1/1" (QA): they share one,
        # with the 执法领域 in place of a rank.
        document.add_heading(ranking.single_unit_heading, level=2)
        document.add_paragraph(ranking.single_unit_note)
        document.add_table(
            ("执法领域", "单位", "各项指标值／得分", "得分"),
            [(row.group, row.name, _score_lines(cols, row), row.score) for row in alone],
            column_widths_mm=SINGLE_UNIT_WIDTHS_MM,
        )
    not_ranked = payload.get("not_ranked") or []
    if not_ranked:
        names = "；".join(f"{row['name']}（{row['group']}）：{row['reason']}" for row in not_ranked)
        document.add_paragraph(f"以下{len(not_ranked)}个单位不参与排名，也不列入末位约谈：{names}。")
    rows = payload["ranking"]
    document.add_heading("得分图")
    top = max((Decimal(row["score"]) for row in rows), default=Decimal(0))
    chart = sorted(rows, key=lambda r: -Decimal(r["score"]))
    document.add_table(
        ("单位", "得分", ""),
        [(row["name"], row["score"], _bar(Decimal(row["score"]), top)) for row in chart],
        column_widths_mm=(62, 20, 74),  # a unit name on one line: a wrapped one split across pages
    )
    document.add_heading("末位约谈建议")
    summoned = bulletin_tables.summoned(payload)
    if summoned:
        names = "、".join(f"{row['name']}（{row['group']}，{row['score']}分，{row['place']}）" for row in summoned)
        n = payload["scheme"].get("bottom_n")
        # Units tied with the N-th lowest score are all listed (rules.bottom_units): say why there are more.
        which = (
            f"最后{n}名（含并列共{len(summoned)}个单位）" if n and len(summoned) > n else f"最后的{len(summoned)}个单位"
        )
        document.add_paragraph(
            f"按照末位约谈制度，建议对综合得分排名{which}进行约谈：{names}。"
            "请相关单位认真分析原因，限期整改，并将整改情况书面报送。"
        )
    else:
        document.add_paragraph("本期不安排末位约谈。")
    repeated = payload.get("repeated") or []
    document.add_heading("涉企重复检查情况")
    if repeated:
        # Bulletins frozen before the total was kept list every entity they counted.
        total_repeated = payload.get("repeated_total", len(repeated))
        listed = repeated[:REPEATED_PRINTED]
        shown = "" if len(listed) == total_repeated else f"（下表列出检查部门最多的{len(listed)}户，完整名单见平台）"
        document.add_paragraph(
            f"本期有{total_repeated}户检查对象被两个及以上部门分别上门检查{shown}，"
            "建议纳入“综合查一次”联合检查，减少对企业的干扰："
        )
        document.add_table(
            ("检查对象代码", "部门数", "上门次数", "检查次数", "检查部门"),
            [
                (
                    row["party_code"],
                    str(len(row["units"])),
                    str(row.get("visits", "—")),  # bulletins frozen before visits were counted: —
                    str(row["inspections"]),
                    "、".join(_short_names(row["units"], region=snapshot.unit.name)),
                )
                for row in listed
            ],
            column_widths_mm=(45, 16, 18, 18, 59),
        )
    else:
        document.add_paragraph("本期未发现多个部门重复检查同一对象的情况。")
    document.add_heading("指标口径")
    for definition in payload.get("definitions", []):
        # Bulletins frozen before definitions had an explanation print their source, as issued.
        document.add_paragraph(f"{definition['name']}：{definition.get('explanation') or definition['source']}")
    relative = bulletin_tables.peer_max_sentence(payload)
    if relative:
        document.add_paragraph(f"计分方法：{relative}")
    document.add_signature(signed_on=bulletin.issued_on)
    document.set_imprint(printed_by=bulletin.issuer, printed_on=bulletin.issued_on)
    return document


def _score_lines(cols: list[bulletin_tables.Column], row: bulletin_tables.Row) -> str:
    """Each indicator's value and points on a line, then the sum and, when prorated, its working."""
    lines = [
        f"{col.name}（{col.weight}）：{cell.value}／" + (f"{cell.points}分" if cell.applicable else cell.points)
        for col, cell in zip(cols, row.cells, strict=True)
    ]
    total = f"合计{row.points}分"
    lines.append(f"{total}，按适用权重{row.applicable_weight}折算：{row.working}" if row.prorated else total)
    return "\n".join(lines)


def _rank(row: bulletin_tables.Row) -> str:
    """ "并列2" when another unit of the group shares the rank (standard competition ranking)."""
    return f"{'并列' if row.tied else ''}{row.rank}"


def _num(indicators: dict[str, Any], code: str) -> str:
    entry = indicators.get(code) or {}
    return "—" if entry.get("value") is None else str(entry["value"]).split(".")[0]


def _short_names(names: list[str], *, region: str) -> list[str]:
    """Department names without the region's own name ("青禾区市场监督管理局" → "市场监督管理局"): a
    通报 of the region names its own departments that way, and each row lists a dozen of them."""
    if region and all(name.startswith(region) and len(name) > len(region) for name in names):
        return [name[len(region) :] for name in names]
    return names


def bulletin_docx(bulletin: Bulletin) -> bytes:
    return bulletin_document(bulletin).render_to_bytes()


def bulletin_filename(bulletin: Bulletin) -> str:
    return f"{bulletin.snapshot.title}.docx"


DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(bulletin: Bulletin) -> HttpResponse:
    """The bulletin .docx as a download (web page and API share it)."""
    response = HttpResponse(bulletin_docx(bulletin), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(bulletin_filename(bulletin))}"
    return response
