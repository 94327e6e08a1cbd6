"""Pure rules about organisations, roles and logins. No ORM, no clock, no settings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.errors import Conflict, DomainError
from fazhi.orgs.choices import CertificateEventKind, CertificateStatus, OrgUnitKind, Role

# Which kinds of unit may sit directly under which. A region contains governments; a government
# contains its departments, enforcement bodies and townships; a department may have its own
# enforcement brigade (执法大队) or field offices.
ALLOWED_CHILD_KINDS: dict[str, frozenset[str]] = {
    OrgUnitKind.REGION: frozenset({OrgUnitKind.REGION, OrgUnitKind.GOVERNMENT}),
    OrgUnitKind.GOVERNMENT: frozenset(
        {OrgUnitKind.DEPARTMENT, OrgUnitKind.ENFORCEMENT_BODY, OrgUnitKind.TOWNSHIP, OrgUnitKind.OTHER}
    ),
    OrgUnitKind.DEPARTMENT: frozenset({OrgUnitKind.ENFORCEMENT_BODY, OrgUnitKind.OTHER}),
    OrgUnitKind.ENFORCEMENT_BODY: frozenset({OrgUnitKind.OTHER}),
    OrgUnitKind.TOWNSHIP: frozenset({OrgUnitKind.ENFORCEMENT_BODY, OrgUnitKind.OTHER}),
    OrgUnitKind.OTHER: frozenset({OrgUnitKind.OTHER}),
}

UNIT_CODE_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


def unit_path(*, parent_path: str | None, code: str) -> str:
    """Return the materialised path of a unit: the parent's path plus its own code."""
    return f"{parent_path or '/'}{code}/"


def require_valid_unit_code(code: str) -> None:
    """Unit codes appear in paths and import files; keep them to a safe alphabet."""
    if not code or len(code) > 32 or not set(code) <= UNIT_CODE_ALPHABET:
        raise DomainError(
            f"单位编码“{code}”无效：只能使用大写字母、数字、-和_，长度1–32。",
            code="invalid_unit_code",
            fields={"code": ["单位编码格式错误。"]},
        )


DOCUMENT_PREFIX_MAX = 16
_DOCUMENT_PREFIX_FORBIDDEN = frozenset("〔〕[]()（）0123456789号")


def clean_document_prefix(prefix: str) -> str:
    """Return the 机关代字 stripped; refuse one that cannot open a 发文字号.

    Basis: 《党政机关公文格式》(GB/T 9704-2012) 7.2.4："发文字号由发文机关代字、年份、发文顺序号组成 ……
    年份应标全称，用六角括号“〔〕”括入". The 代字 comes first and is followed by the year in 〔〕, so it
    may not contain blanks, brackets, digits or 号 (they would read as part of the year or serial).
    Empty is allowed: the unit then has no recorded 代字.
    """
    cleaned = (prefix or "").strip()
    if len(cleaned) > DOCUMENT_PREFIX_MAX or any(ch.isspace() or ch in _DOCUMENT_PREFIX_FORBIDDEN for ch in cleaned):
        raise DomainError(
            f"机关代字“{cleaned}”无效：不超过{DOCUMENT_PREFIX_MAX}字，不能含空白、括号、数字或“号”"
            "（如“青政”“青市监”，年份和序号由系统编排）。",
            code="invalid_document_prefix",
            fields={"document_prefix": ["机关代字格式错误。"]},
        )
    return cleaned


def require_child_kind_allowed(*, parent_kind: str | None, child_kind: str) -> None:
    """Refuse an org tree that no real government has (e.g. a region under a department)."""
    if parent_kind is None:
        if child_kind != OrgUnitKind.REGION:
            raise DomainError(
                "顶级单位必须是行政区域。", code="invalid_root_kind", fields={"kind": ["顶级单位必须是行政区域。"]}
            )
        return
    if child_kind not in ALLOWED_CHILD_KINDS[parent_kind]:
        parent_label = OrgUnitKind(parent_kind).label
        child_label = OrgUnitKind(child_kind).label
        raise DomainError(
            f"“{parent_label}”下不能设置“{child_label}”。",
            code="invalid_child_kind",
            fields={"kind": [f"不允许的下级单位类型：{child_label}"]},
        )


def require_not_cycle(*, unit_path_value: str, new_parent_path: str) -> None:
    """A unit cannot be moved under itself or one of its own descendants."""
    if new_parent_path.startswith(unit_path_value):
        raise DomainError(
            "不能把单位移动到其自身或下级单位之下。", code="org_cycle", fields={"parent": ["上级单位无效。"]}
        )


def require_role_allowed(*, role: str, has_legal_qualification: bool) -> None:
    """Legal reviewers must hold the national legal qualification.

    Legal basis: 《中华人民共和国行政处罚法》第五十八条第二款："行政机关中初次从事行政处罚决定法制审核的人员，
    应当通过国家统一法律职业资格考试取得法律职业资格。"
    Interpretation: the platform cannot tell first-time reviewers from long-serving ones, so it
    requires the qualification of everyone given the reviewer role; exceptions are recorded by
    marking the person's qualification after checking their history.
    """
    if role == Role.LEGAL_REVIEWER and not has_legal_qualification:
        raise DomainError(
            "法制审核人员应当取得法律职业资格（《中华人民共和国行政处罚法》第五十八条第二款）。",
            code="reviewer_needs_legal_qualification",
        )


def is_login_locked(*, failure_times: Iterable[datetime], now: datetime, limit: int, window: timedelta) -> bool:
    """Return True when `limit` or more failures happened within `window` before `now`.

    Basis: GB/T 22239-2019 (等保 2.0) 8.1.4.1 b) — 应具有登录失败处理功能，应配置并启用结束会话、
    限制非法登录次数和当登录连接超时自动退出等相关措施.
    """
    recent = [moment for moment in failure_times if now - window <= moment <= now]
    return len(recent) >= limit


# A certificate's term longer than this is taken for a typing error (9999-12-31), not a real term.
CERTIFICATE_MAX_YEARS = 20


def certificate_term_error(*, valid_from: date, valid_to: date) -> str | None:
    """Return why a certificate's term (有效期) is implausible, or None.

    Legal basis: none — no national law or regulation we know of fixes a maximum term; the issuing
    authority sets it under its province's measures, and certificates are renewed (换证) after a
    few years. This is a data check, not a statutory limit: a term of more than
    CERTIFICATE_MAX_YEARS years (such as an "unlimited" 9999-12-31) would keep a certificate
    valid on every date and hide its renewal.
    """
    if valid_to < valid_from:
        return "有效期止不能早于有效期起。"
    year = valid_from.year + CERTIFICATE_MAX_YEARS
    # 29 February has no twin in most years; past year 9999 every date is within the limit.
    limit = (
        date.max
        if year > date.max.year
        else date(year, valid_from.month, min(valid_from.day, 28 if valid_from.month == 2 else valid_from.day))
    )
    if valid_to > limit:
        return (
            f"有效期超过{CERTIFICATE_MAX_YEARS}年（{format_date_zh(valid_from)}至{format_date_zh(valid_to)}），"
            f"请核对有效期止（数据核查：执法证应定期换证，有效期止最晚为{format_date_zh(limit)}）。"
        )
    return None


@dataclass(frozen=True, slots=True)
class CertificateFacts:
    """What the rule needs to know about one certificate; built by selectors, no ORM here."""

    number: str
    valid_from: date
    valid_to: date
    domain_codes: frozenset[str]
    events: tuple[tuple[date, str], ...]  # (effective_on, CertificateEventKind value), any order


@dataclass(frozen=True, slots=True)
class CertificateValidity:
    ok: bool
    reason: str  # Chinese; names the failed condition, empty when ok


def certificate_status_on(*, events: Iterable[tuple[date, str]], on: date) -> str:
    """Return the lifecycle state (CertificateStatus value) of a certificate on `on`.

    Events are replayed in date order up to and including `on`; before its issue a certificate
    is not valid at all (reported as revoked, i.e. not usable).
    """
    state = CertificateStatus.REVOKED  # not yet issued = unusable
    for effective_on, kind in sorted(events, key=lambda item: item[0]):
        if effective_on > on:
            break
        if kind in (CertificateEventKind.ISSUED, CertificateEventKind.REINSTATED):
            state = CertificateStatus.VALID
        elif kind == CertificateEventKind.SUSPENDED:
            state = CertificateStatus.SUSPENDED
        elif kind == CertificateEventKind.REVOKED:
            state = CertificateStatus.REVOKED
            break  # 注销 is final
    return state


def certificate_counts_on(*, valid_from: date, valid_to: date, events: Sequence[tuple[date, str]], on: date) -> bool:
    """Return True when a certificate counts its holder as 持证 on `on` for the supervision figures.

    Interpretation: 执法人员总数 counts the officers holding a certificate "valid on the day": `on`
    inside the validity period, and not left suspended or revoked by a 暂扣/注销 effective on or
    before `on` (certificate_status_on replays the events, so a 恢复 restores it). A certificate
    with no such event counts on every day of its validity — certificates registered in bulk carry
    no ISSUED event. `events` in recording order ((effective_on, kind), as CertificateEvent orders).
    """
    if not valid_from <= on <= valid_to:
        return False
    if not any(kind in _STATUS_BREAKING and effective_on <= on for effective_on, kind in events):
        return True
    return certificate_status_on(events=events, on=on) == CertificateStatus.VALID


_STATUS_BREAKING = frozenset({CertificateEventKind.SUSPENDED, CertificateEventKind.REVOKED})
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DutySpan:
    """Days `starts_on`…`ends_on` (inclusive; None = open end) on which an officer counts or not."""

    starts_on: date | None
    ends_on: date | None
    counted: bool


def officer_duty_spans(
    *, on_duty: bool, certificates: Iterable[tuple[date, date, Sequence[tuple[date, str]]]]
) -> list[DutySpan]:
    """Cut the calendar into the stretches on which an officer does or does not count as 持证在岗.

    `certificates`: (valid_from, valid_to, events) of each certificate the officer holds. An officer
    counts on a day when on duty (a current flag, not dated: an officer off duty counts on no day)
    and one certificate counts that day (certificate_counts_on). That can only change on a
    validity boundary or an event date, so the answer on each such date holds until the next.
    Adjacent stretches with the same answer are merged; the stretches cover every day exactly once.
    A counted stretch always has both ends (its end is at most a validity end).
    """
    held = list(certificates)
    if not on_duty or not held:
        return [DutySpan(None, None, False)]
    cuts: set[date] = set()
    for valid_from, valid_to, events in held:
        cuts.add(valid_from)
        if valid_to < date.max:
            cuts.add(valid_to + _ONE_DAY)
        cuts.update(effective_on for effective_on, _kind in events)
    ordered = sorted(cuts)
    spans: list[DutySpan] = []

    def add(starts_on: date | None, ends_on: date | None, counted: bool) -> None:
        if spans and spans[-1].counted == counted:
            spans[-1] = DutySpan(spans[-1].starts_on, ends_on, counted)
        else:
            spans.append(DutySpan(starts_on, ends_on, counted))

    if ordered[0] > date.min:
        add(None, ordered[0] - _ONE_DAY, False)  # before every validity
    for index, starts_on in enumerate(ordered):
        counted = any(
            certificate_counts_on(valid_from=valid_from, valid_to=valid_to, events=events, on=starts_on)
            for valid_from, valid_to, events in held
        )
        if index + 1 < len(ordered):
            add(starts_on, ordered[index + 1] - _ONE_DAY, counted)
        else:
            add(starts_on, date.max if counted else None, counted)  # counted to date.max: a validity ending then
    return spans


def certificate_validity(
    *, facts: CertificateFacts, on: date, unit_domain_codes: frozenset[str]
) -> CertificateValidity:
    """Decide whether a certificate lets its holder enforce on `on` in a unit with these domains.

    Legal basis: 《中华人民共和国行政处罚法》第四十二条第一款："行政处罚应当由具有行政执法资格的执法人员实施。"
    第五十五条第一款："执法人员在调查或者进行检查时，应当主动向当事人或者有关人员出示执法证件。"
    Interpretation: a certificate counts only when (1) the act's date is inside its validity
    period, (2) it is neither suspended (暂扣) nor revoked (注销) on that date, and (3) it covers
    at least one enforcement domain of the acting unit — a certificate for 市场监管 does not qualify
    its holder to inspect for 生态环境. A unit without recorded domains accepts any domain.
    """
    if on < facts.valid_from or on > facts.valid_to:
        return CertificateValidity(
            False,
            f"执法证{facts.number}在{format_date_zh(on)}不在有效期内"
            f"（{format_date_zh(facts.valid_from)}至{format_date_zh(facts.valid_to)}）。",
        )
    status = certificate_status_on(events=facts.events, on=on)
    if status == CertificateStatus.SUSPENDED:
        return CertificateValidity(False, f"执法证{facts.number}在{format_date_zh(on)}处于暂扣状态。")
    if status == CertificateStatus.REVOKED:
        return CertificateValidity(False, f"执法证{facts.number}在{format_date_zh(on)}已注销或尚未发证。")
    if unit_domain_codes and not (facts.domain_codes & unit_domain_codes):
        return CertificateValidity(False, f"执法证{facts.number}的执法领域与执法单位的领域不符。")
    return CertificateValidity(True, "")


# Allowed lifecycle steps from each current status.
CERTIFICATE_TRANSITIONS: dict[str, frozenset[str]] = {
    CertificateStatus.VALID: frozenset(
        {CertificateEventKind.CHANGED, CertificateEventKind.SUSPENDED, CertificateEventKind.REVOKED}
    ),
    CertificateStatus.SUSPENDED: frozenset({CertificateEventKind.REINSTATED, CertificateEventKind.REVOKED}),
    CertificateStatus.REVOKED: frozenset(),
}


def require_certificate_transition(*, status: str, kind: str) -> None:
    """Refuse lifecycle steps that make no sense (e.g. reinstating a revoked certificate)."""
    if kind not in CERTIFICATE_TRANSITIONS[status]:
        raise Conflict(
            f"执法证当前状态为“{CertificateStatus(status).label}”，不能办理“{CertificateEventKind(kind).label}”。",
            code="certificate_transition_not_allowed",
        )


# --- Who keeps the certificate registry -----------------------------------------------------------

# The roles that issue (登记发证), change, suspend (暂扣), restore and cancel (注销) certificates, over the
# units their grant covers. See may_administer_certificates.
CERTIFICATE_AUTHORITY_ROLES: frozenset[Role] = frozenset({Role.SUPERVISOR})
# The roles that see the officers and certificates of the units their grant covers.
CERTIFICATE_VIEW_ROLES: frozenset[Role] = CERTIFICATE_AUTHORITY_ROLES | {Role.UNIT_ADMIN, Role.SYSTEM_ADMIN}
CERTIFICATE_AUTHORITY_REFUSAL = (
    "行政执法证的发证登记、变更、暂扣、恢复和注销由司法行政机关（执法监督人员）办理；"
    "单位管理员和系统管理员可以查看，不能办理。"
)


def may_administer_certificates(*, role: str) -> bool:
    """Whether holders of `role` may issue, change, suspend, restore or cancel 行政执法证 (in their scope).

    Legal basis: RULES.md §9.6 — the national 行政执法证 is issued by the provincial government
    (司办通〔2020〕78号); §9.7 — 《天津市持证执法管理办法》(1997, 市政府令第73号): certificates are printed
    uniformly by the government's 法制机构, which runs the training and exam, and certificates issued
    by State Council departments are filed with the 法制机构 of the same level; §9.8 — 暂扣 and 吊销 under
    《天津市吊销、暂扣行政执法证件暂行办法》(1992, issued by the 市法制办; historic, possibly superseded).
    Interpretation: the 法制机构 is today's 司法行政机关 (司法局), whose staff hold the 执法监督人员 role
    over the district; they keep the registry for the officers of the units their grant covers.
    The officer's own unit (单位管理员) does not certify its own staff and may only view; the system
    administrator configures the platform and does not perform this legal act. There is no request
    flow: a unit asks the 司法局 outside the platform.
    """
    return role in CERTIFICATE_AUTHORITY_ROLES


# Statuses that withdraw the holder's enforcement qualification until the certificate itself is
# dealt with (恢复 or 注销). 注销 is final and ends the block: a new certificate may then be issued.
BLOCKING_CERTIFICATE_STATUSES = frozenset({CertificateStatus.SUSPENDED})


@dataclass(frozen=True, slots=True)
class HeldCertificate:
    """A certificate the person already holds: number, current status, domains (code → name)."""

    number: str
    status: str
    domains: tuple[tuple[str, str], ...]


def require_no_blocked_certificate_in_domains(*, domain_codes: Iterable[str], held: Iterable[HeldCertificate]) -> None:
    """Refuse a certificate (or a domain added to one) in a domain where the holder's certificate is 暂扣.

    Legal basis: 《中华人民共和国行政处罚法》第四十二条第一款："行政处罚应当由具有行政执法资格的执法人员实施。"
    暂扣 itself comes from local certificate measures, e.g. 《天津市吊销、暂扣行政执法证件暂行办法》(1992,
    RULES.md §9.8 — historic; whether it is still in force is unconfirmed) and 《天津市持证执法管理办法》
    (1997, 市政府令第73号; current amended version unconfirmed).
    Interpretation: a 暂扣 withdraws the holder's qualification in the certificate's domains until it
    is restored (恢复) or the certificate is cancelled (注销). Issuing the same person another
    certificate in one of those domains — or adding such a domain to another certificate — would put
    them back in service without either step, so it is refused (HTTP 409) until the suspended
    certificate is restored or cancelled. Domains of the suspended certificate not asked for are not
    affected.
    """
    wanted = set(domain_codes)
    for certificate in held:
        if certificate.status not in BLOCKING_CERTIFICATE_STATUSES:
            continue
        overlap = [name for code, name in certificate.domains if code in wanted]
        if overlap:
            label = CertificateStatus(certificate.status).label
            raise Conflict(
                f"该执法人员的执法证{certificate.number}处于{label}状态，其执法领域（{'、'.join(overlap)}）"
                f"不能再申领或增加新的执法证；请先恢复或注销执法证{certificate.number}"
                "（《中华人民共和国行政处罚法》第四十二条第一款）。",
                code="certificate_domain_suspended",
                fields={"domains": [f"执法证{certificate.number}已{label}：{'、'.join(overlap)}。"]},
            )
