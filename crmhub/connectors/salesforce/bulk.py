"""Salesforce Bulk API 2.0 for the connector: query jobs for reads of millions, ingest jobs for large writes.

Reads: a `queryAll` job ordered by SystemModstamp, its CSV results fetched chunk by chunk with `locator` and
`maxRecords` (one chunk in memory at a time, handed over in pages), live rows as `CrmRecord`s and deleted or
merged rows as `DeletedRecord`s. Writes: an ingest job per at most `INGEST_RECORDS_PER_JOB` records; each
record's fate comes from the job's successfulResults, failedResults and unprocessedrecords, mapped to the
connector's write taxonomy.

Every call goes through the connector's `_request` (auth, budget, retries, error mapping).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import logging
import time
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import httpx

from crmhub.connectors.base import (
    CreateResult,
    CrmRecord,
    DeletedRecord,
    RecordUpdate,
    WriteResult,
    WriteStatus,
    create_results_for_failed_call,
)
from crmhub.connectors.errors import CrmError, CrmUnavailable, CrmValidationError
from crmhub.core.timestamps import iso_z, parse_timestamp

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from crmhub.connectors.salesforce.client import SalesforceConnector

RESULT_CHUNK = 50_000  # maxRecords per results request: bounds the memory one chunk takes
PAGE_SIZE = 2_000  # records handed to the caller at a time
STREAM_ATTEMPTS = 4  # reads of one results body that broke off before giving up
INGEST_RECORDS_PER_JOB = 10_000  # one internal batch, so a failed job never holds more than that back
# One upload may hold 150 MB once Salesforce base64-encodes it: 100 MB of CSV, as the docs advise.
INGEST_UPLOAD_BYTES = 100 * 1024 * 1024
MAX_RECORD_CHARS = 400_000
MAX_FIELD_CHARS = 32_000
INGEST_OPERATIONS = ("insert", "update", "upsert", "delete", "hardDelete")
NULL_MARKER = "#N/A"
DONE_STATES = ("JobComplete", "Failed", "Aborted")
FIRST_POLL_SECONDS = 0.5
MAX_POLL_SECONDS = 10.0
JOB_TIMEOUT_SECONDS = 6 * 3600
NUMERIC_TYPES = {"double": float, "currency": float, "percent": float, "int": int, "long": int}


class BulkJobFailed(CrmError):
    """A Bulk API 2.0 job ended Failed or Aborted (its errorMessage says why)."""


@dataclass
class BulkPage:
    records: list[CrmRecord] = field(default_factory=list)
    deleted: list[DeletedRecord] = field(default_factory=list)


class SalesforceBulk:
    """Bulk API 2.0 calls of one Salesforce connector."""

    def __init__(
        self,
        connector: SalesforceConnector,
        *,
        result_chunk: int = RESULT_CHUNK,
        page_size: int = PAGE_SIZE,
        clock=time.monotonic,
    ):
        self.connector = connector
        self.result_chunk = result_chunk
        self.page_size = page_size
        self.records_per_job = INGEST_RECORDS_PER_JOB
        self.upload_bytes = INGEST_UPLOAD_BYTES
        self._clock = clock
        self.jobs_run: list[str] = []

    # -- reads ------------------------------------------------------------------------------------------

    def count_changes(self, object_name: str, *, since: datetime) -> int:
        """How many records (deleted ones included) changed since `since`: one REST COUNT() query."""
        soql = f"SELECT COUNT() FROM {_checked(object_name)} WHERE SystemModstamp >= {iso_z(since)}"  # noqa: S608
        response = self.connector._request("GET", self.connector._data_url("queryAll"), params={"q": soql})
        return int(response.json().get("totalSize") or 0)

    def iter_changes(self, object_name: str, *, since: datetime, fields: list[str]) -> Iterator[BulkPage]:
        """Every record changed since `since` (inclusive), oldest first, from one queryAll job."""
        from crmhub.connectors.salesforce.client import build_soql, deleted_columns

        types = self._field_types(object_name, fields)
        columns = ["Id", "SystemModstamp", "IsDeleted", *deleted_columns(object_name), *fields]
        soql = build_soql(columns, object_name, f"SystemModstamp >= {iso_z(since)}", "SystemModstamp, Id")
        for rows in self.query(soql, include_deleted=True):
            page = BulkPage()
            for row in rows:
                if row.get("IsDeleted") == "true":
                    page.deleted.append(
                        DeletedRecord(
                            id=row["Id"],
                            deleted_at=parse_timestamp(row["SystemModstamp"]),
                            merged_into=row.get("MasterRecordId") or None,
                        )
                    )
                    continue
                page.records.append(
                    CrmRecord(
                        id=row["Id"],
                        modified_at=parse_timestamp(row["SystemModstamp"]),
                        values={name: _typed(row.get(name), types.get(name)) for name in fields},
                    )
                )
            yield page

    def query(self, soql: str, *, include_deleted: bool = False) -> Iterator[list[dict[str, str]]]:
        """Rows of a query job as {column: text}, in pages, streaming one results chunk at a time."""
        job = self._create("query", {"operation": "queryAll" if include_deleted else "query", "query": soql})
        self._wait("query", job["id"])
        locator: str | None = None
        while True:
            params: dict[str, Any] = {"maxRecords": self.result_chunk}
            if locator:
                params["locator"] = locator
            locator = yield from self._streamed_pages(self._job_url("query", job["id"], "results"), params)
            if not locator or locator == "null":
                self._delete("query", job["id"])
                return

    def _streamed_pages(
        self, url: str, params: dict[str, Any] | None = None
    ) -> Generator[list[dict[str, str]], None, str | None]:
        """The CSV at `url` in pages, parsed as it arrives (never held whole); returns its Sforce-Locator.

        A body that breaks off is fetched again (a locator names the same chunk every time) and the rows
        already handed over are skipped."""
        handed, failures = 0, 0
        while True:
            response = self.connector._request(
                "GET", url, params=params, headers={"Accept": "text/csv"}, stream=True
            )
            try:
                for page in self._pages(csv_lines(response.iter_bytes()), skip=handed):
                    handed += len(page)
                    yield page
                return response.headers.get("Sforce-Locator")
            except httpx.HTTPError as exc:
                failures += 1
                if failures >= STREAM_ATTEMPTS:
                    raise CrmUnavailable(
                        f"salesforce bulk results broke off {failures} times: {exc}"
                    ) from exc
                logger.info(
                    "salesforce bulk results broke off after %d rows (%s); reading again", handed, exc
                )
            finally:
                response.close()

    def _pages(self, lines: Iterator[str], *, skip: int = 0) -> Iterator[list[dict[str, str]]]:
        reader = csv.reader(lines)
        header = next(reader, None)
        if header is None:
            return
        page: list[dict[str, str]] = []
        for values in itertools.islice(reader, skip, None):
            page.append(dict(zip(header, values, strict=False)))
            if len(page) >= self.page_size:
                yield page
                page = []
        if page:
            yield page

    def _field_types(self, object_name: str, fields: list[str]) -> dict[str, str]:
        """Salesforce types of `fields` (CSV carries text only): numbers and booleans are typed back."""
        if not fields:
            return {}
        describe = self.connector._request(
            "GET", self.connector._data_url(f"sobjects/{object_name}/describe")
        )
        wanted = set(fields)
        return {
            raw["name"]: raw.get("type", "string")
            for raw in describe.json().get("fields", [])
            if raw["name"] in wanted
        }

    # -- writes -----------------------------------------------------------------------------------------

    def write(self, object_name: str, updates: list[RecordUpdate]) -> list[WriteResult]:
        """Update records through ingest jobs; one result per update, in input order."""
        rows = [(update.record_id, update.values) for update in updates]
        return [_as_write_result(result) for result in self.ingest(object_name, "update", rows)]

    def upsert(
        self, object_name: str, rows: list[tuple[str, dict[str, Any]]], *, key_field: str
    ) -> list[CreateResult]:
        """Create or update by the external id field `key_field` (rows are (its value, other values)): a row
        sent twice updates the record the first one created. `already_existed` marks the updated ones."""
        return self.ingest(object_name, "upsert", rows, external_id_field=key_field)

    def delete(self, object_name: str, ids: list[str], *, hard: bool = False) -> list[WriteResult]:
        """Delete records (hard: past the Recycle Bin; the user needs the Bulk API Hard Delete permission)."""
        rows = [(record_id, {}) for record_id in ids]
        results = self.ingest(object_name, "hardDelete" if hard else "delete", rows)
        return [_as_write_result(result) for result in results]

    def ingest(
        self,
        object_name: str,
        operation: str,
        rows: list[tuple[str, dict[str, Any]]],
        *,
        external_id_field: str | None = None,
    ) -> list[CreateResult]:
        """Rows of (key, values) through ingest jobs, one result per row in input order. The key is the record
        id (update, delete, hardDelete), the external id value (upsert) or the caller's own handle (insert,
        not sent). Jobs hold at most `records_per_job` rows and `upload_bytes` of CSV; a row over Bulk API's
        per-record or per-field size is refused here, with the reason, and never sent."""
        upload = _Upload.start(object_name, operation, external_id_field, rows)
        results: dict[int, CreateResult] = {}
        batch: list[tuple[int, bytes]] = []
        size = len(upload.header)
        for index, (key, values) in enumerate(rows):
            line, refusal = upload.line(key, values)
            if refusal:
                results[index] = CreateResult(key, WriteStatus.VALIDATION_ERROR, message=refusal)
                continue
            if batch and (len(batch) >= self.records_per_job or size + len(line) > self.upload_bytes):
                results.update(self._ingest_job(upload, rows, batch))
                batch, size = [], len(upload.header)
            batch.append((index, line))
            size += len(line)
        if batch:
            results.update(self._ingest_job(upload, rows, batch))
        return [results[index] for index in range(len(rows))]

    def _ingest_job(
        self, upload: _Upload, rows: list, batch: list[tuple[int, bytes]]
    ) -> dict[int, CreateResult]:
        keys = {index: rows[index][0] for index, _line in batch}
        job_id = ""
        try:
            job_id = self._create("ingest", upload.job_body())["id"]
            self.connector._request(
                "PUT",
                self._job_url("ingest", job_id, "batches"),
                content=b"".join([upload.header, *(line for _index, line in batch)]),
                headers={"Content-Type": "text/csv"},
            )
            self.connector._request(
                "PATCH", self._job_url("ingest", job_id), json={"state": "UploadComplete"}
            )
            info = self._wait("ingest", job_id, raise_on_failure=False)
            answers = self._ingest_answers(upload, job_id, info, [index for index, _line in batch], rows)
        except CrmError as exc:
            if job_id:
                self._abort(job_id)
            failed = create_results_for_failed_call(list(keys.values()), exc)
            return dict(zip(keys, failed, strict=True))
        self._delete("ingest", job_id)
        return {index: answers.get(index) or _not_reported(keys[index], info) for index in keys}

    def _ingest_answers(
        self, upload: _Upload, job_id: str, info: dict[str, Any], indexes: list[int], rows: list
    ) -> dict[int, CreateResult]:
        """Each row's fate from the three result sets, matched to its input row by the row's key."""
        match = upload.matcher(indexes, rows)
        answers: dict[int, CreateResult] = {}
        for row in self._result_rows(job_id, "successfulResults"):
            index = match(row)
            if index is not None:
                created = row.get("sf__Created") == "true"
                answers[index] = CreateResult(
                    rows[index][0],
                    WriteStatus.OK,
                    record_id=row.get("sf__Id") or None,
                    already_existed=upload.operation == "upsert" and not created,
                )
        for row in self._result_rows(job_id, "failedResults"):
            index = match(row)
            if index is not None:
                result = failed_row_result(row.get("sf__Id") or rows[index][0], row.get("sf__Error", ""))
                answers[index] = _as_create_result(rows[index][0], result, row.get("sf__Id") or None)
        for row in self._result_rows(job_id, "unprocessedrecords"):
            index = match(row)
            if index is not None:
                answers[index] = _as_create_result(
                    rows[index][0], unprocessed_result(rows[index][0], info), None
                )
        return answers

    def _result_rows(self, job_id: str, which: str) -> Iterator[dict[str, str]]:
        for page in self._streamed_pages(self._job_url("ingest", job_id, which)):
            yield from page

    # -- jobs -------------------------------------------------------------------------------------------

    def _create(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        body = {"contentType": "CSV", "columnDelimiter": "COMMA", "lineEnding": "LF", **body}
        from crmhub.connectors.salesforce.client import CLIENT_TAG

        job = self.connector._request(
            "POST",
            self.connector._data_url(f"jobs/{kind}"),
            json=body,
            headers={"Sforce-Call-Options": f"client={CLIENT_TAG}"},
        ).json()
        self.jobs_run.append(job["id"])
        return job

    def _wait(self, kind: str, job_id: str, *, raise_on_failure: bool = True) -> dict[str, Any]:
        """Poll a job until it is done, backing off from half a second to ten."""
        delay, deadline = FIRST_POLL_SECONDS, self._clock() + JOB_TIMEOUT_SECONDS
        while True:
            info = self.connector._request("GET", self._job_url(kind, job_id)).json()
            state = info.get("state")
            if state in DONE_STATES:
                if state != "JobComplete" and raise_on_failure:
                    raise BulkJobFailed(
                        f"salesforce bulk {kind} job {job_id} {state}: {info.get('errorMessage', '')}"
                    )
                return info
            if self._clock() > deadline:
                raise CrmUnavailable(
                    f"salesforce bulk {kind} job {job_id} still {state} after {JOB_TIMEOUT_SECONDS}s"
                )
            self.connector._sleep(delay)
            delay = min(MAX_POLL_SECONDS, delay * 2)

    def _delete(self, kind: str, job_id: str) -> None:
        """Drop a job whose results are read (Salesforce would keep them for days, counting toward storage)."""
        try:
            self.connector._request("DELETE", self._job_url(kind, job_id))
        except CrmError as exc:  # housekeeping only: the job expires on its own
            logger.info(
                "salesforce bulk %s job %s not deleted (%s); it expires on its own", kind, job_id, exc.message
            )

    def _abort(self, job_id: str) -> None:
        """Stop an ingest job we gave up on, so that it cannot run later behind the results we reported."""
        try:
            self.connector._request("PATCH", self._job_url("ingest", job_id), json={"state": "Aborted"})
        except CrmError as exc:
            logger.warning("salesforce bulk ingest job %s not aborted: %s", job_id, exc.message)

    def _job_url(self, kind: str, job_id: str, tail: str = "") -> str:
        path = f"jobs/{kind}/{job_id}"
        return self.connector._data_url(f"{path}/{tail}" if tail else path)


# -- pure mapping functions -------------------------------------------------------------------------------


def csv_lines(chunks: Iterable[bytes]) -> Iterator[str]:
    """UTF-8 bytes as the lines `csv.reader` wants (each with its line ending, as from a file opened with
    newline=""), cut only after a newline so a quoted value spanning lines stays whole."""
    tail = ""
    for text in codecs.iterdecode(chunks, "utf-8"):
        end = text.rfind("\n")
        if end < 0:
            tail += text
            continue
        yield from io.StringIO(tail + text[: end + 1], newline="")
        tail = text[end + 1 :]
    if tail:
        yield from io.StringIO(tail, newline="")


def _checked(name: str) -> str:
    from crmhub.connectors.salesforce.client import check_names

    return check_names([name])[0]


def _typed(text: str | None, sf_type: str | None) -> Any:
    """A CSV cell as the value REST would give: None for empty, numbers and booleans typed."""
    if text is None or text == "":
        return None
    if sf_type in NUMERIC_TYPES:
        try:
            return NUMERIC_TYPES[sf_type](float(text)) if sf_type in ("int", "long") else float(text)
        except ValueError:
            return text
    if sf_type == "boolean":
        return text.lower() == "true"
    return text


def _cell(value: Any) -> str:
    if value is None:
        return NULL_MARKER
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return iso_z(value)
    return str(value)


def failed_row_result(record_id: str, error: str) -> WriteResult:
    """`sf__Error` reads "CODE:message:FIELD,FIELD" (fields "--" when none)."""
    from crmhub.connectors.salesforce.client import record_error_result

    code, _, rest = error.partition(":")
    message, _, fields_text = rest.rpartition(":")
    if not message:
        message, fields_text = rest, ""
    fields = [name for name in fields_text.strip().split(",") if name and name.strip("- ")]
    return record_error_result(record_id, [{"statusCode": code, "message": message, "fields": fields}])


def unprocessed_result(record_id: str, info: dict[str, Any]) -> WriteResult:
    """A record the job never reached: retried later, or refused with the job when its upload was bad."""
    reason = info.get("errorMessage") or f"job {info.get('state')}"
    message = f"not processed by bulk job {info.get('id', '')}: {reason}"
    if reason.startswith("InvalidBatch"):
        return WriteResult(record_id, WriteStatus.VALIDATION_ERROR, message=message)
    if reason.startswith("ExceededQuota"):
        return WriteResult(record_id, WriteStatus.RATE_LIMITED, retry_after=3600.0, message=message)
    return WriteResult(record_id, WriteStatus.TRANSIENT, message=message)


def _not_reported(key: str, info: dict[str, Any]) -> CreateResult:
    return CreateResult(
        key, WriteStatus.TRANSIENT, message=f"bulk job {info.get('id', '')} did not report it"
    )


def _as_create_result(key: str, result: WriteResult, record_id: str | None) -> CreateResult:
    return CreateResult(
        key,
        result.status,
        record_id=record_id,
        field_errors=result.field_errors,
        retry_after=result.retry_after,
        message=result.message,
    )


def _as_write_result(result: CreateResult) -> WriteResult:
    return WriteResult(
        result.key,
        result.status,
        field_errors=result.field_errors,
        retry_after=result.retry_after,
        message=result.message,
    )


@dataclass
class _Upload:
    """The CSV of one ingest operation: its columns, one line per row, and how a result row finds its input."""

    object_name: str
    operation: str
    external_id_field: str | None
    key_column: str | None  # None (insert): rows are told apart by their content
    columns: list[str]
    header: bytes

    @classmethod
    def start(cls, object_name: str, operation: str, external_id_field: str | None, rows: list) -> _Upload:
        if operation not in INGEST_OPERATIONS:
            raise CrmValidationError(f"Bulk API 2.0 ingest has no operation {operation!r}")
        if (operation == "upsert") != bool(external_id_field):
            raise CrmValidationError("an upsert needs externalIdFieldName, and only an upsert takes one")
        _checked(object_name)
        key_column = {"insert": None, "upsert": external_id_field}.get(operation, "Id")
        fields = [] if operation in ("delete", "hardDelete") else _union_of_fields(rows, key_column)
        columns = [key_column, *fields] if key_column else fields
        return cls(
            object_name, operation, external_id_field, key_column, columns, _csv_text(columns).encode()
        )

    def job_body(self) -> dict[str, Any]:
        body = {"object": self.object_name, "operation": self.operation, "lineEnding": "LF"}
        if self.external_id_field:
            body["externalIdFieldName"] = self.external_id_field
        return body

    def line(self, key: str, values: dict[str, Any]) -> tuple[bytes, str]:
        """The row's CSV line, or why Bulk API would refuse it ("" when it fits)."""
        cells = [
            _cell(values[name]) if name in values else "" for name in self.columns if name != self.key_column
        ]
        too_long = [
            name
            for name, cell in zip(self.columns[bool(self.key_column) :], cells, strict=True)
            if len(cell) > MAX_FIELD_CHARS
        ]
        if too_long:
            return b"", f"{too_long[0]} holds more than Bulk API's {MAX_FIELD_CHARS:,} characters a field"
        line = _csv_text([key, *cells] if self.key_column else cells)
        if len(line) > MAX_RECORD_CHARS:
            return b"", f"the record holds more than Bulk API's {MAX_RECORD_CHARS:,} characters"
        return line.encode(), ""

    def matcher(self, indexes: list[int], rows: list):
        """result row -> the index of its input row (None for a row we did not send)."""
        if self.key_column:
            by_key = {rows[index][0]: index for index in indexes}
            column = self.key_column
            return lambda row: by_key.get(_cell_named(row, column))
        by_content: dict[tuple, list[int]] = {}
        for index in indexes:
            content = tuple(
                _cell(rows[index][1][name]) if name in rows[index][1] else "" for name in self.columns
            )
            by_content.setdefault(content, []).append(index)

        def match(row: dict[str, str]) -> int | None:
            waiting = by_content.get(tuple(row.get(name, "") for name in self.columns))
            return waiting.pop(0) if waiting else None

        return match


def _union_of_fields(rows: list, key_column: str | None) -> list[str]:
    names = dict.fromkeys(name for _key, values in rows for name in values if name != key_column)
    return check_names_list(list(names))


def check_names_list(names: list[str]) -> list[str]:
    from crmhub.connectors.salesforce.client import check_names

    return check_names(names) if names else names


def _csv_text(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerow(cells)
    return out.getvalue()


def _cell_named(row: dict[str, str], name: str) -> str:
    if name in row:
        return row[name]
    return next((value for column, value in row.items() if column.lower() == name.lower()), "")
