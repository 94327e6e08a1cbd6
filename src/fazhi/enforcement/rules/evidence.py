"""Pure rules for evidence files: allowed types, size, and the audio-video duty of 三项制度.

No ORM, no settings: the limits and the allowed-type table are passed in by the services, which
read them from settings (FAZHI_EVIDENCE_MAX_BYTES, FAZHI_EVIDENCE_ALLOWED_TYPES) with the
defaults below.
"""

from __future__ import annotations

from collections.abc import Mapping

from fazhi.core.errors import DomainError
from fazhi.enforcement.choices import EvidenceStage, EvidenceType
from fazhi.enforcement.rules.common import refuse_check

_PDF = "application/pdf"
_IMAGES = ("image/jpeg", "image/png", "image/tiff")
_AUDIO_VIDEO = ("audio/mpeg", "audio/wav", "audio/mp4", "video/mp4", "video/quicktime", "video/x-msvideo")
_DOCS = (_PDF, "application/ofd", *_IMAGES)

DEFAULT_ALLOWED_CONTENT_TYPES: dict[str, tuple[str, ...]] = {
    EvidenceType.DOCUMENTARY: _DOCS,
    EvidenceType.PHYSICAL: (*_IMAGES, _PDF, "video/mp4"),
    EvidenceType.AUDIO_VISUAL: (*_AUDIO_VIDEO, *_IMAGES),
    EvidenceType.ELECTRONIC: (*_DOCS, "application/zip", "application/json", "text/plain", "text/csv", *_AUDIO_VIDEO),
    EvidenceType.WITNESS: (*_DOCS, *_AUDIO_VIDEO),
    EvidenceType.PARTY_STATEMENT: (*_DOCS, *_AUDIO_VIDEO),
    EvidenceType.EXPERT_OPINION: _DOCS,
    EvidenceType.RECORD: (*_DOCS, *_AUDIO_VIDEO),
}
# How a content type is named to the officer choosing a file: the format and its usual extension.
CONTENT_TYPE_NAMES: dict[str, str] = {
    _PDF: "PDF（.pdf）",
    "application/ofd": "OFD版式文件（.ofd）",
    "image/jpeg": "JPEG图片（.jpg）",
    "image/png": "PNG图片（.png）",
    "image/tiff": "TIFF图片（.tif）",
    "audio/mpeg": "MP3音频（.mp3）",
    "audio/wav": "WAV音频（.wav）",
    "audio/mp4": "M4A音频（.m4a）",
    "video/mp4": "MP4视频（.mp4）",
    "video/quicktime": "MOV视频（.mov）",
    "video/x-msvideo": "AVI视频（.avi）",
    "application/zip": "ZIP压缩包（.zip）",
    "application/json": "JSON数据（.json）",
    "text/plain": "纯文本（.txt）",
    "text/csv": "CSV表格（.csv）",
}


def content_type_names(content_types: tuple[str, ...]) -> str:
    """The accepted types as the officer reads them, e.g. PDF（.pdf）、JPEG图片（.jpg）; unknown ones as they are."""
    return "、".join(dict.fromkeys(CONTENT_TYPE_NAMES.get(t, t) for t in content_types))


DEFAULT_MAX_BYTES = 100 * 1024 * 1024  # 100 MiB for documents and photos
DEFAULT_MAX_BYTES_AUDIO_VIDEO = 4 * 1024 * 1024 * 1024  # 4 GiB for recordings

# On-site acts that must be recorded on audio-video in full (三项制度).
FULL_AUDIO_VIDEO_STAGES = frozenset(
    {EvidenceStage.SEIZURE, EvidenceStage.DETENTION_OF_PROPERTY, EvidenceStage.COERCIVE_EXECUTION}
)

# Magic numbers of the formats we can recognise; others are accepted on the declared type.
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF", 0, _PDF),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"ftyp", 4, "video/mp4"),
    (b"PK\x03\x04", 0, "application/zip"),
    (b"RIFF", 0, "audio/wav"),
)
_COMPATIBLE = {
    "video/mp4": {"video/mp4", "video/quicktime", "audio/mp4"},
    "application/zip": {"application/zip", "application/ofd"},
    "audio/wav": {"audio/wav", "video/x-msvideo"},
}


def sniff_content_type(head: bytes) -> str | None:
    """Return the content type the first bytes reveal, or None when unrecognised."""
    for signature, offset, content_type in _SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return content_type
    return None


def is_audio_video(content_type: str) -> bool:
    return content_type.startswith(("audio/", "video/"))


def require_acceptable_file(
    *,
    evidence_type: str,
    content_type: str,
    size: int,
    head: bytes,
    allowed: Mapping[str, tuple[str, ...]],
    max_bytes: int,
    max_bytes_audio_video: int,
) -> None:
    """Refuse files of a type not allowed for this evidence type, disguised files, empty or oversized files.

    Legal basis: 《中华人民共和国行政处罚法》第四十六条（证据的种类；"证据必须经查证属实，
    方可作为认定案件事实的根据"）；
    DESIGN.md §8 upload checks (type, size, hash).
    """
    label = EvidenceType(evidence_type).label
    accepted = allowed.get(evidence_type, ())
    if content_type not in accepted:
        given = CONTENT_TYPE_NAMES.get(content_type, content_type)
        names = content_type_names(accepted) if accepted else "（未配置可接受的类型，请联系系统管理员）"
        raise DomainError(
            f"“{label}”不接受该文件类型（{given}）。“{label}”可上传的文件类型：{names}"
            "（《中华人民共和国行政处罚法》第四十六条）。",
            code="evidence.content_type_not_allowed",
            fields={"file": [f"可上传的文件类型：{names}。"]},
        )
    sniffed = sniff_content_type(head)
    if sniffed is not None and content_type not in _COMPATIBLE.get(sniffed, {sniffed}):
        raise refuse_check(
            f"文件内容（{sniffed}）与声明的类型（{content_type}）不符",
            code="evidence.content_type_mismatch",
            rule="文件内容与声明的类型一致",
            article="第四十六条",
            fields={"file": ["文件内容与类型不符。"]},
        )
    limit = max_bytes_audio_video if is_audio_video(content_type) else max_bytes
    if size <= 0:
        raise refuse_check(
            "证据文件为空", code="evidence.empty_file", rule="证据文件不为空", fields={"file": ["文件为空。"]}
        )
    if size > limit:
        raise refuse_check(
            f"证据文件过大（{size}字节，上限{limit}字节）",
            code="evidence.too_large",
            rule="证据文件大小上限（系统配置）",
            fields={"file": ["文件过大。"]},
        )


def require_audio_video_record(*, stage: str, audio_video_recorded: bool) -> None:
    """On-site 查封、扣押 and 行政强制执行 must be recorded on audio-video throughout.

    Legal basis: 国办发〔2018〕118号 第三部分（执法全过程记录制度）："对查封扣押财产、强制拆除等直接涉及人身自由、
    生命健康、
    重大财产权益的现场执法活动和执法办案场所，要推行全程音像记录" (wording unconfirmed, RULES.md §2.8)；
    《中华人民共和国行政处罚法》第四十七条（以文字、音像等形式全过程记录）。
    """
    if stage in FULL_AUDIO_VIDEO_STAGES and not audio_video_recorded:
        raise DomainError(
            f"“{EvidenceStage(stage).label}”等现场执法活动应当全程音像记录（国办发〔2018〕118号；"
            "《中华人民共和国行政处罚法》第四十七条）。",
            code="evidence.audio_video_required",
            fields={"audio_video_recorded": ["请确认已全程音像记录。"]},
        )


def evidence_storage_name(sha256: str) -> str:
    """Content-addressed path: evidence/<first two hex digits>/<sha256> (same content stored once)."""
    return f"evidence/{sha256[:2]}/{sha256}"
