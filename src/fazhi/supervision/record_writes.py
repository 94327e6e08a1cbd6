"""Set-based writes of the record fact table, its officer links and the three rollups.

Private to `services.records_write` (services/records.py), the one write path of both the import and
the ingestion (so records of both sources count the same way); nothing else calls this module but
`services.rollups_merge_pending` and `services.unit_activity_rebuild` (the same module).

An import's new records go straight into the fact and link tables (`stream_new_facts`, binary COPY
while the importer is still checking the file), marked with their RollupBatch; `merge_batches` later
stages them from the fact rows and runs step 3 below. Every other write (changes, removals, the
ingestion) takes the three steps in one transaction:

1. the rows to write go into two temporary staging tables, binary `COPY` on PostgreSQL and
   `executemany` on SQLite: one row per record to create (+1), per changed record's new values (+1) and per
   changed or removed record's stored values (−1), and likewise one row per officer link;
2. the fact rows and links are written from the staging tables with INSERT … SELECT / UPDATE … FROM;
3. each rollup table gets one INSERT … SELECT … GROUP BY … ON CONFLICT DO UPDATE that adds the signed
   contributions of the staged rows, aggregated per rollup row in the database; the officer and
   power-item upserts also move the per-unit distinct counts (UnitActivityRollup) by the rows they
   take from 0 to positive or back (`_upsert_members`).

What one record contributes to which rollup row is stated once in `rules.Increments` (pure, and the
reference the tests recount every rollup row with); the SQL below adds the same contributions:
`n_total`, `n_<type>` and `lag_le_<days>` on 发生日期, `decided*` on the decision date, `published*`
on the publication date, `publications_due`/`published_by_due` on the publication deadline, officers
and power items per month and quarter. The grains and the lag thresholds are read from
`rules`/`choices`, not repeated here. Aggregating in the database replaced adding each record to
Python dicts, sorting them and sending ~570,000 aggregated rows per 100,000 records; the figures
are in docs/supervision.md §10.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper

from fazhi.core import sql_lists
from fazhi.powers.models import PowerItem
from fazhi.supervision import rules
from fazhi.supervision.choices import LAG_THRESHOLDS, Grain, RecordType
from fazhi.supervision.models import (
    EnforcementRecord,
    OfficerRollup,
    PowerItemRollup,
    RecordOfficer,
    UnitActivityRollup,
    UnitRollup,
)

# The columns of a record that its source states (compared to decide "unchanged", written on change).
RECORD_FIELDS = (
    "record_type",
    "unit_id",
    "power_item_id",
    "occurred_on",
    "entered_on",
    "party_code",
    "decided_on",
    "decision_due",
    "published_on",
    "published_late",
    "publish_due",
)
STAGE_RECORD = "sup_stage_record"
STAGE_LINK = "sup_stage_link"
# op: "c" a record to create, "u" the new values of a changed record, "o" the stored values of a
# changed record, "r" the stored values of a removed one; sign: +1 for "c" and "u", −1 for "o" and
# "r" (what the rollups add).
STAGE_RECORD_COLUMNS = ("op", "sign", "id", "key", *RECORD_FIELDS)
STAGE_LINK_COLUMNS = ("op", "sign", "record_id", "officer_id", "officer_unit_id", "occurred_on", "entered_on")
_STAGE_TYPES = {
    "op": "varchar(1)", "sign": "smallint", "id": "bigint", "key": "varchar(64)", "record_type": "varchar(16)",
    "unit_id": "bigint", "power_item_id": "bigint", "occurred_on": "date", "entered_on": "date",
    "party_code": "varchar(18)", "decided_on": "date", "decision_due": "date", "published_on": "date",
    "published_late": "boolean", "publish_due": "date", "record_id": "bigint", "officer_id": "bigint",
    "officer_unit_id": "bigint",
}  # fmt: skip
LINK_COLUMNS = ("record_id", "officer_id", "officer_unit_id", "occurred_on", "entered_on")
UNIT_COLUMNS = (
    "n_total",
    *(f"n_{value}" for value in RecordType.values),
    *(f"lag_le_{days}" for days in LAG_THRESHOLDS),
    "decided",
    "decided_in_time",
    "published",
    "published_in_time",
    "publications_due",
    "published_by_due",
)
# The session lock key under which `_new_ids` reserves a block of fact-row ids (any constant of ours).
ID_BLOCK_LOCK = 0x5355505F524543  # "SUP_REC"
# The rollup aggregation of a 100,000-row import holds a few hundred thousand groups: with the default
# 4 MB it spills to disk in batches. Raised for the importing transaction only (SET LOCAL).
AGGREGATION_WORK_MEM = "64MB"


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """A fact row as stored: its id, its `RECORD_FIELDS` values and its (officer, unit) links, sorted."""

    id: int
    values: tuple[Any, ...]
    officers: tuple[tuple[int, int], ...]
    batch: int | None = None  # the RollupBatch that created it (merged or not), if any


@dataclass(frozen=True, slots=True)
class NewRecord:
    """A record's new state: its key, its `RECORD_FIELDS` values and its (officer, unit) links."""

    key: str
    values: tuple[Any, ...]
    officers: tuple[tuple[int, int], ...]


def stored_records(*, source: str, keys: Sequence[str]) -> dict[str, StoredRecord]:
    """The stored records of `source` among `keys`, with their links (no model instances)."""
    records, links_table = EnforcementRecord._meta.db_table, RecordOfficer._meta.db_table
    columns = ", ".join(connection.ops.quote_name(c) for c in ("id", "key", "rollup_batch_id", *RECORD_FIELDS))
    rows: list[tuple[Any, ...]] = []
    link_rows: list[tuple[int, int, int]] = []
    if connection.vendor == "postgresql":
        # One parameter instead of thousands of bound values (core.sql_lists; the (source, key) unique
        # index, then the (record, officer) one).
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM {records} WHERE source = %s AND {sql_lists.any_text_sql('key')}",  # noqa: S608
                [source, sql_lists.list_param(keys)],
            )
            rows = cursor.fetchall()
            if rows:
                cursor.execute(
                    f"SELECT record_id, officer_id, officer_unit_id FROM {links_table} "  # noqa: S608
                    f"WHERE {sql_lists.any_bigint_sql('record_id')}",
                    [sql_lists.list_param([row[0] for row in rows])],
                )
                link_rows = cursor.fetchall()
    else:
        for start in range(0, len(keys), 5000):
            query = EnforcementRecord.objects.filter(source=source, key__in=keys[start : start + 5000])
            rows += query.values_list("id", "key", "rollup_batch_id", *RECORD_FIELDS)  # the ORM converts dates
        ids = [row[0] for row in rows]
        for start in range(0, len(ids), 5000):
            query = RecordOfficer.objects.filter(record_id__in=ids[start : start + 5000])
            link_rows += query.values_list("record_id", "officer_id", "officer_unit_id")
    links: dict[int, list[tuple[int, int]]] = {}
    for record_id, officer_id, unit_id in link_rows:
        links.setdefault(record_id, []).append((officer_id, unit_id))
    return {
        row[1]: StoredRecord(
            id=row[0], values=tuple(row[3:]), officers=tuple(sorted(links.get(row[0], ()))), batch=row[2]
        )
        for row in rows
    }


def lock_records(ids: Sequence[int]) -> None:
    """Hold the fact rows `ids` until the transaction ends (SELECT … FOR UPDATE, in id order so that two
    writers cannot deadlock). SQLite: nothing to do, the transaction holds the database's write lock."""
    if not ids or connection.vendor != "postgresql":
        return
    table = EnforcementRecord._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE {sql_lists.any_bigint_sql('id')} ORDER BY id FOR UPDATE",  # noqa: S608
            [sql_lists.list_param(ids)],
        )


def write(
    *,
    source: str,
    now: datetime,
    creates: Sequence[NewRecord],
    updates: Sequence[tuple[StoredRecord, NewRecord]],
    removals: Sequence[StoredRecord],
) -> None:
    """Create, change and remove fact rows and their links, and move the rollups by the difference.

    Inside the caller's transaction. (An import's new rows go through `stream_new_facts` instead.)
    Writes: EnforcementRecord, RecordOfficer, UnitRollup, OfficerRollup, PowerItemRollup.
    """
    if not creates and not updates and not removals:
        return
    # New ids in the order of 发生日期: the primary key, the links' (record, officer) key and the
    # date-led indexes then grow at one end instead of at random places (measured 15 % faster).
    occurred = RECORD_FIELDS.index("occurred_on")
    creates = sorted(creates, key=lambda record: record.values[occurred])
    with connection.cursor() as cursor:
        ids = _new_ids(cursor, len(creates))
        _prepare_staging(cursor)
        _stage(cursor, STAGE_RECORD, STAGE_RECORD_COLUMNS, _record_rows(ids, creates, updates, removals))
        _stage(cursor, STAGE_LINK, STAGE_LINK_COLUMNS, _link_rows(ids, creates, updates, removals))
        _write_facts(cursor, source=source, now=now, changed=bool(updates), removed=bool(removals))
        _write_rollups(cursor)


def merge_batches(batches: Sequence[tuple[int, int, int]]) -> None:
    """Add the records of the (batch id, first id, last id) batches, as they are now, to the rollups.

    The same staging and upserts as `write`, staged from the fact and link tables instead of from
    Python. The caller holds the batches (SELECT … FOR UPDATE) and marks them merged in the same
    transaction, so that no record is added twice.
    """
    if not batches:
        return
    quote = connection.ops.quote_name
    records, links = EnforcementRecord._meta.db_table, RecordOfficer._meta.db_table
    fields = ", ".join(quote(c) for c in RECORD_FIELDS)
    link_fields = ", ".join(f"l.{quote(c)}" for c in LINK_COLUMNS)
    with connection.cursor() as cursor:
        _prepare_staging(cursor)
        for batch_id, first_id, last_id in batches:
            cursor.execute(
                f"INSERT INTO {STAGE_RECORD} (op, sign, id, {quote('key')}, {fields}) "  # noqa: S608 — identifiers
                f"SELECT 'c', 1, id, {quote('key')}, {fields} FROM {records} "
                "WHERE id BETWEEN %s AND %s AND rollup_batch_id = %s",
                [first_id, last_id, batch_id],
            )
        # The links of the staged records, read through the range of their (record, officer) key.
        cursor.execute(
            f"INSERT INTO {STAGE_LINK} (op, sign, {', '.join(LINK_COLUMNS)}) "  # noqa: S608 — identifiers
            f"SELECT 'c', 1, {link_fields} FROM {links} l JOIN {STAGE_RECORD} s ON s.id = l.record_id "
            "WHERE l.record_id BETWEEN %s AND %s",
            [min(batch[1] for batch in batches), max(batch[2] for batch in batches)],
        )
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {STAGE_RECORD}")  # temporary tables are never auto-analyzed
            cursor.execute(f"ANALYZE {STAGE_LINK}")
        _write_rollups(cursor)


def _record_rows(
    ids: Sequence[int],
    creates: Sequence[NewRecord],
    updates: Sequence[tuple[StoredRecord, NewRecord]],
    removals: Sequence[StoredRecord],
) -> Iterable[tuple[Any, ...]]:
    for record_id, record in zip(ids, creates, strict=True):
        yield ("c", 1, record_id, record.key, *record.values)
    for stored, record in updates:
        yield ("u", 1, stored.id, record.key, *record.values)
        yield ("o", -1, stored.id, record.key, *stored.values)
    for stored in removals:
        yield ("r", -1, stored.id, "", *stored.values)


def _link_rows(
    ids: Sequence[int],
    creates: Sequence[NewRecord],
    updates: Sequence[tuple[StoredRecord, NewRecord]],
    removals: Sequence[StoredRecord],
) -> Iterable[tuple[Any, ...]]:
    occurred, entered = RECORD_FIELDS.index("occurred_on"), RECORD_FIELDS.index("entered_on")
    for record_id, record in zip(ids, creates, strict=True):
        day, entry = record.values[occurred], record.values[entered]
        for officer_id, unit_id in record.officers:
            yield ("c", 1, record_id, officer_id, unit_id, day, entry)
    for stored, record in updates:
        day, entry = record.values[occurred], record.values[entered]
        for officer_id, unit_id in record.officers:
            yield ("u", 1, stored.id, officer_id, unit_id, day, entry)
    for op, olds in (("o", [stored for stored, _record in updates]), ("r", removals)):
        for stored in olds:
            day, entry = stored.values[occurred], stored.values[entered]
            for officer_id, unit_id in stored.officers:
                yield (op, -1, stored.id, officer_id, unit_id, day, entry)


# --- staging ---------------------------------------------------------------------------------------------


def _prepare_staging(cursor: CursorWrapper) -> None:
    """Create the session's staging tables once, and empty them (a transaction may write twice)."""
    postgres = connection.vendor == "postgresql"
    for table, columns in ((STAGE_RECORD, STAGE_RECORD_COLUMNS), (STAGE_LINK, STAGE_LINK_COLUMNS)):
        definition = ", ".join(f"{connection.ops.quote_name(c)} {_STAGE_TYPES[c]}" for c in columns)
        # ON COMMIT DELETE ROWS: staged rows never outlive the transaction on PostgreSQL.
        tail = " ON COMMIT DELETE ROWS" if postgres else ""
        cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {table} ({definition}){tail}")
        cursor.execute(f"TRUNCATE {table}" if postgres else f"DELETE FROM {table}")  # noqa: S608 — constant names
    if postgres:
        cursor.execute(f"SET LOCAL work_mem = '{AGGREGATION_WORK_MEM}'")


def _new_ids(cursor: CursorWrapper, count: int) -> list[int]:
    """Ids for `count` new fact rows, drawn before writing so that the links can name their record."""
    if not count:
        return []
    table = EnforcementRecord._meta.db_table
    if connection.vendor == "postgresql":
        # One block of consecutive ids: the sequence moved on by `count` at once (nextval 100,000 times
        # took a quarter of a second). Every writer of fact rows draws here, under one session lock
        # held for this one statement only, so no other draw lands inside the block. The statement
        # runs in a savepoint: if it is cancelled (a statement timeout), rolling back to the savepoint
        # leaves the transaction usable, so the unlock still runs — a session lock is not released
        # by a rollback, and one left held would stop every later import on any connection.
        sequence = f"pg_get_serial_sequence('{table}', 'id')"
        cursor.execute("SELECT pg_advisory_lock(%s)", [ID_BLOCK_LOCK])
        try:
            with transaction.atomic():
                cursor.execute(f"SELECT setval({sequence}, nextval({sequence}) + %s - 1)", [count])
                last = cursor.fetchone()[0]
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [ID_BLOCK_LOCK])
        return list(range(last - count + 1, last + 1))
    # SQLite: the table is AUTOINCREMENT, and the transaction holds the write lock (IMMEDIATE), so
    # nobody else takes ids meanwhile; explicit ids above the sequence move the sequence on.
    cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
    found = cursor.fetchone()
    cursor.execute(f"SELECT MAX(id) FROM {table}")  # noqa: S608 — model metadata
    top = max(found[0] if found else 0, cursor.fetchone()[0] or 0)
    return list(range(top + 1, top + 1 + count))


def _stage(cursor: CursorWrapper, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    _insert_rows(cursor, table, columns, rows)
    if connection.vendor == "postgresql":
        cursor.execute(f"ANALYZE {table}")  # temporary tables are never auto-analyzed


# --- facts ---------------------------------------------------------------------------------------------


def _copy_new_facts(
    cursor: CursorWrapper,
    *,
    source: str,
    now: datetime,
    batch_id: int,
    id_by_key: dict[str, int],
    creates: Iterable[NewRecord],
) -> list[int]:
    """Write new fact rows and their links straight into their tables (COPY on PostgreSQL); their ids.

    No staging: their rollups come later, from the fact rows (merge_batches). The records are sent
    while `creates` produces them, so the database writes while the caller is still checking the
    next rows; the links follow in a second COPY, in id order. A 记录编号 another transaction created
    meanwhile stops the COPY on the unique key, raised as Django's IntegrityError.
    """
    records, links = EnforcementRecord._meta.db_table, RecordOfficer._meta.db_table
    record_columns = ("id", "source", "key", "ingested_at", "first_ingested_at", "rollup_batch_id", *RECORD_FIELDS)
    occurred, entered = RECORD_FIELDS.index("occurred_on"), RECORD_FIELDS.index("entered_on")
    stamp = now if connection.vendor == "postgresql" else connection.ops.adapt_datetimefield_value(now)
    link_rows: list[tuple[Any, ...]] = []
    written: list[int] = []
    with connection.wrap_database_errors:
        with _row_writer(cursor, records, record_columns) as write_record:
            for record in creates:
                record_id = id_by_key[record.key]
                written.append(record_id)
                write_record((record_id, source, record.key, stamp, stamp, batch_id, *record.values))
                day, entry = record.values[occurred], record.values[entered]
                link_rows += [(record_id, officer, unit, day, entry) for officer, unit in record.officers]
        link_rows.sort()  # the links' (record, officer) key and date-led index then grow at one end
        _insert_rows(cursor, links, LINK_COLUMNS, link_rows)
    return written


def stream_new_facts(
    *, source: str, now: datetime, batch_id: int, creates: Iterator[NewRecord], keys: Sequence[str]
) -> tuple[int, int] | None:
    """Write the records `creates` yields into the batch, each sent to the database as it comes.

    For an import of new rows: `keys` are the keys the new records may have, in the order their ids
    should follow (the importer gives them by 发生日期, so that the date-led indexes grow at one end
    as the ids do; a file's rows come in any order). One block of ids is drawn for them. Returns the
    lowest and highest id written, None if none. The rollups are not moved (merge_batches).
    """
    with connection.cursor() as cursor:
        id_by_key = dict(zip(keys, _new_ids(cursor, len(keys)), strict=True))
        written = _copy_new_facts(
            cursor, source=source, now=now, batch_id=batch_id, id_by_key=id_by_key, creates=creates
        )
    return (min(written), max(written)) if written else None


@contextmanager
def _row_writer(cursor: CursorWrapper, table: str, columns: Sequence[str]) -> Iterator[Callable[[tuple], None]]:
    """A function writing one row into `table`: COPY in binary on PostgreSQL (each value sent as the
    column's own type, which the server stores without parsing text), one executemany on SQLite."""
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT attname, atttypid::int FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0", [table]
        )
        types = dict(cursor.fetchall())
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types([types[column] for column in columns])
            yield copy.write_row
        return
    rows: list[tuple[Any, ...]] = []
    yield rows.append
    placeholders = ", ".join(["%s"] * len(columns))
    # SQLite stores dates as ISO text; convert here rather than rely on sqlite3's deprecated adapters.
    values = [tuple(v.isoformat() if isinstance(v, date) else v for v in row) for row in rows]
    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", values)  # noqa: S608


def _insert_rows(cursor: CursorWrapper, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    with _row_writer(cursor, table, columns) as write_row:
        for row in rows:
            write_row(row)


def _write_facts(cursor: CursorWrapper, *, source: str, now: datetime, changed: bool, removed: bool) -> None:
    """Write the fact rows and links from the staging tables (in id order, for index locality).

    The statements for changes and removals run only when there are some: an import of new rows
    does not plan joins against the whole fact table for nothing.
    """
    quote = connection.ops.quote_name
    records, links = EnforcementRecord._meta.db_table, RecordOfficer._meta.db_table
    stamp = connection.ops.adapt_datetimefield_value(now)
    fields = ", ".join(quote(c) for c in RECORD_FIELDS)
    cursor.execute(
        f"INSERT INTO {records} (id, source, {quote('key')}, ingested_at, first_ingested_at, {fields}) "  # noqa: S608
        f"SELECT id, %s, {quote('key')}, %s, %s, {fields} FROM {STAGE_RECORD} WHERE op = 'c' ORDER BY id",
        [source, stamp, stamp],
    )
    if changed:
        assignments = ", ".join(f"{quote(c)} = s.{quote(c)}" for c in RECORD_FIELDS)
        cursor.execute(
            # first_ingested_at stays: an as-of figure counts a changed record (as it is now)
            f"UPDATE {records} SET {assignments}, ingested_at = %s FROM {STAGE_RECORD} s "  # noqa: S608
            f"WHERE s.op = 'u' AND {records}.id = s.id",
            [stamp],
        )
    if changed or removed:
        # The links of changed and removed records are rewritten: the stored ones go, the new come.
        cursor.execute(
            f"DELETE FROM {links} WHERE record_id IN (SELECT id FROM {STAGE_RECORD} WHERE op IN ('o', 'r'))",  # noqa: S608
            [],
        )
    if removed:
        cursor.execute(f"DELETE FROM {records} WHERE id IN (SELECT id FROM {STAGE_RECORD} WHERE op = 'r')", [])  # noqa: S608
    columns = ", ".join(quote(c) for c in LINK_COLUMNS)
    cursor.execute(
        f"INSERT INTO {links} ({columns}) SELECT {columns} FROM {STAGE_LINK} "  # noqa: S608
        "WHERE op IN ('c', 'u') ORDER BY record_id, officer_id",
        [],
    )


# --- rollups -------------------------------------------------------------------------------------------


def _bucket(column: str, grain: str) -> str:
    """SQL for the first day of the day/month/quarter holding `column` (rules.bucket_of)."""
    if grain == Grain.DAY:
        return column
    if connection.vendor == "postgresql":
        # via timestamp without time zone: the session's time zone must not move a date
        unit = "month" if grain == Grain.MONTH else "quarter"
        return f"CAST(date_trunc('{unit}', CAST({column} AS timestamp)) AS date)"
    # SQLite stores a date as 'YYYY-MM-DD' text.
    if grain == Grain.MONTH:
        return f"substr({column}, 1, 8) || '01'"
    month = f"CAST(substr({column}, 6, 2) AS integer)"
    first = f"CASE WHEN {month} <= 3 THEN '01' WHEN {month} <= 6 THEN '04' WHEN {month} <= 9 THEN '07' ELSE '10' END"
    return f"substr({column}, 1, 5) || {first} || '-01'"


def _lag_days() -> str:
    if connection.vendor == "postgresql":
        return "(s.entered_on - s.occurred_on)"
    return "CAST(julianday(s.entered_on) - julianday(s.occurred_on) AS integer)"


def _unit_branches() -> list[str]:
    """One SELECT per (date the record counts on, grain): the signed columns it adds (rules.Increments)."""
    lag = _lag_days()
    on_occurred = {
        "n_total": "s.sign",
        **{f"n_{value}": f"CASE WHEN s.record_type = '{value}' THEN s.sign ELSE 0 END" for value in RecordType.values},
        **{f"lag_le_{days}": f"CASE WHEN {lag} <= {days} THEN s.sign ELSE 0 END" for days in LAG_THRESHOLDS},
    }
    on_decided = {
        "decided": "s.sign",
        "decided_in_time": "CASE WHEN s.decision_due IS NULL OR s.decided_on <= s.decision_due THEN s.sign ELSE 0 END",
    }
    # published_late unknown (NULL) counts as in time, as in rules.Increments
    on_published = {"published": "s.sign", "published_in_time": "CASE WHEN s.published_late THEN 0 ELSE s.sign END"}
    # rules.published_by_due: published on or before the deadline; never published is not in time
    on_publish_due = {
        "publications_due": "s.sign",
        "published_by_due": "CASE WHEN s.published_on <= s.publish_due THEN s.sign ELSE 0 END",
    }
    branches = []
    dated = (
        ("s.occurred_on", on_occurred),
        ("s.decided_on", on_decided),
        ("s.published_on", on_published),
        ("s.publish_due", on_publish_due),
    )
    for day, values in dated:
        columns = ", ".join(f"{values.get(c, '0')} AS {c}" for c in UNIT_COLUMNS)
        for grain in rules.UNIT_GRAINS:
            branches.append(
                f"SELECT s.unit_id, '{grain}' AS grain, {_bucket(day, grain)} AS bucket, {columns} "  # noqa: S608
                f"FROM {STAGE_RECORD} s WHERE {day} IS NOT NULL"
            )
    return branches


def _upsert(
    cursor: CursorWrapper,
    *,
    table: str,
    key: Sequence[str],
    branches: Sequence[str],
    add: Sequence[str],
    set_: Sequence[str] = (),
) -> None:
    """INSERT the per-key sums of `branches` … ON CONFLICT (key) DO UPDATE SET col = col + excluded.col.

    The same statement on SQLite (≥ 3.24) and PostgreSQL. Increments commute, so two transactions
    adding to one rollup row both count. Rows whose sums are all zero (a record changed without
    moving this row) are not written. Sorted by key: the upserts then walk the unique index in order.
    """
    keys = ", ".join(key)
    sums = ", ".join([*(f"MAX({c})" for c in set_), *(f"SUM({c})" for c in add)])
    nonzero = " OR ".join(f"SUM({c}) <> 0" for c in add)
    assignments = ", ".join(
        [*(f"{c} = excluded.{c}" for c in set_), *(f"{c} = {table}.{c} + excluded.{c}" for c in add)]
    )
    union = " UNION ALL ".join(branches)
    cursor.execute(
        f"INSERT INTO {table} ({keys}, {', '.join([*set_, *add])}) "  # noqa: S608 — identifiers from metadata
        f"SELECT {keys}, {sums} FROM ({union}) AS d WHERE true GROUP BY {keys} HAVING {nonzero} "
        f"ORDER BY {keys} ON CONFLICT ({keys}) DO UPDATE SET {assignments}",
        [],
    )


def _write_rollups(cursor: CursorWrapper) -> None:
    _upsert(
        cursor,
        table=UnitRollup._meta.db_table,
        key=("unit_id", "grain", "bucket"),
        branches=_unit_branches(),
        add=UNIT_COLUMNS,
    )
    # An officer post never changes unit (orgs has no service that moves one), so unit_id is just set.
    _upsert_members(
        cursor,
        table=OfficerRollup._meta.db_table,
        member="officer_id",
        branches=[
            f"SELECT s.officer_id, '{grain}' AS grain, {_bucket('s.occurred_on', grain)} AS bucket, "  # noqa: S608
            f"s.officer_unit_id AS unit_id, s.sign AS n FROM {STAGE_LINK} s"
            for grain in rules.PEOPLE_GRAINS
        ],
        counted="officers",
    )
    _upsert_members(
        cursor,
        table=PowerItemRollup._meta.db_table,
        member="power_item_id",
        branches=[
            f"SELECT s.power_item_id, '{grain}' AS grain, {_bucket('s.occurred_on', grain)} AS bucket, "  # noqa: S608
            f"s.sign AS n FROM {STAGE_RECORD} s WHERE s.power_item_id IS NOT NULL"
            for grain in rules.PEOPLE_GRAINS
        ],
        counted="power_items",
    )


def _upsert_members(cursor: CursorWrapper, *, table: str, member: str, branches: Sequence[str], counted: str) -> None:
    """The officer (or power-item) rollup upsert, and the per-unit distinct count it moves.

    A member's rollup row that goes from 0 (or no row) to n > 0 adds 1 to `counted` of its unit's
    UnitActivityRollup row for the same grain and bucket; one that goes back to 0 subtracts 1. The
    unit is the officer row's `unit_id` (the link's officer_unit_id, what the bulletin attributes
    participation to) or the power item's owner (履行事项数 counts per owner, like the item totals).
    Rows whose staged contributions net to zero cross nothing and are not written.

    PostgreSQL: one statement — the upsert in a data-modifying CTE RETURNING each row's new n, joined
    to the staged delta: before = new − delta. ON CONFLICT DO UPDATE locks the row and adds to its
    latest committed value, so two importing transactions touching one row still see consecutive
    values (a "before" read ahead of the upsert would not: both could see 0). SQLite: the transaction
    holds the database's write lock (IMMEDIATE), so the stored rows are read first, then upserted.
    """
    officers = member == "officer_id"
    items, activity = PowerItem._meta.db_table, UnitActivityRollup._meta.db_table
    key = f"{member}, grain, bucket"
    unit_select = ", MAX(unit_id) AS unit_id" if officers else ""
    delta = (
        f"d AS (SELECT {key}{unit_select}, SUM(n) AS n FROM ({' UNION ALL '.join(branches)}) AS b "  # noqa: S608
        f"WHERE true GROUP BY {key} HAVING SUM(n) <> 0)"
    )
    match = f"r.{member} = d.{member} AND r.grain = d.grain AND r.bucket = d.bucket"
    owner = "" if officers else f" JOIN {items} p ON p.id = d.{member}"
    unit = "d.unit_id" if officers else "p.owner_unit_id"
    other = "power_items" if officers else "officers"

    def activity_upsert(source: str, before: str, after: str) -> str:
        step = f"CASE WHEN {before} <= 0 AND {after} > 0 THEN 1 WHEN {before} > 0 AND {after} <= 0 THEN -1 ELSE 0 END"
        return (
            f"INSERT INTO {activity} (unit_id, grain, bucket, {counted}, {other}) "  # noqa: S608 — identifiers
            f"SELECT {unit}, d.grain, d.bucket, SUM({step}), 0 FROM {source}{owner} "
            f"WHERE ({before} <= 0) <> ({after} <= 0) "  # only the rows crossing zero need their unit
            f"GROUP BY {unit}, d.grain, d.bucket HAVING SUM({step}) <> 0 ORDER BY {unit}, d.grain, d.bucket "
            f"ON CONFLICT (unit_id, grain, bucket) DO UPDATE SET {counted} = {activity}.{counted} + excluded.{counted}"
        )

    set_unit = "unit_id = excluded.unit_id, " if officers else ""
    columns = f"{key}, unit_id, n" if officers else f"{key}, n"
    upsert = (
        f"INSERT INTO {table} ({columns}) SELECT {columns} FROM d WHERE true ORDER BY {key} "  # noqa: S608
        f"ON CONFLICT ({key}) DO UPDATE SET {set_unit}n = {table}.n + excluded.n"
    )
    if connection.vendor == "postgresql":
        source = f"d JOIN r ON {match}"
        cursor.execute(
            f"WITH {delta}, r AS ({upsert} RETURNING {key}, n) {activity_upsert(source, 'r.n - d.n', 'r.n')}", []
        )
        return
    source = f"d LEFT JOIN {table} r ON {match}"
    cursor.execute(f"WITH {delta} {activity_upsert(source, 'COALESCE(r.n, 0)', 'COALESCE(r.n, 0) + d.n')}", [])
    cursor.execute(f"WITH {delta} {upsert}", [])


def unit_activity_rebuild() -> None:
    """Recount UnitActivityRollup from the officer and power-item rollups (the statement of migration
    0007): for data written around services.records_write (the bench's inflated rollups)."""
    activity = UnitActivityRollup._meta.db_table
    officers, item_rollups = OfficerRollup._meta.db_table, PowerItemRollup._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {activity}", [])  # noqa: S608 — model metadata
        cursor.execute(
            f"INSERT INTO {activity} (unit_id, grain, bucket, officers, power_items) "  # noqa: S608
            "SELECT unit_id, grain, bucket, SUM(o), SUM(i) FROM ("
            f" SELECT unit_id, grain, bucket, 1 AS o, 0 AS i FROM {officers} WHERE n > 0"
            " UNION ALL"
            f" SELECT p.owner_unit_id, r.grain, r.bucket, 0, 1 FROM {item_rollups} r"
            f" JOIN {PowerItem._meta.db_table} p ON p.id = r.power_item_id WHERE r.n > 0"
            ") AS a GROUP BY unit_id, grain, bucket",
            [],
        )
