"""Salesforce Bulk API 2.0 for the connector: query jobs for reads of millions, ingest jobs for large writes.

Reads: a `queryAll` job ordered by SystemModstamp, its CSV results fetched chunk by chunk with `locator` and
`maxRecords` (one chunk in memory at a time, handed over in pages), live rows as `CrmRecord`s and deleted or
merged rows as `DeletedRecord`s. Writes: an ingest job per at most `INGEST_RECORDS_PER_JOB` records; each
record's fate comes from the job's successfulResults, failedResults and unprocessedrecords, mapped to the
connector's write taxonomy.

Every call goes through the connector's `_request` (auth, budget, retries, error mapping).
"""

from __future__ import annotations

import csv
import io
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from crmhub.connectors.base import (
    CrmRecord,
    DeletedRecord,
    RecordUpdate,
    WriteResult,
    WriteStatus,
    chunked,
    results_for_failed_call,
)
from crmhub.connectors.errors import CrmError, CrmUnavailable
from crmhub.core.timestamps import iso_z, parse_timestamp

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from crmhub.connectors.salesforce.client import SalesforceConnector

RESULT_CHUNK = 50_000  # maxRecords per results request: bounds the memory one chunk takes
PAGE_SIZE = 2_000  # records handed to the caller at a time
INGEST_RECORDS_PER_JOB = 10_000  # one internal batch, so a failed job never holds more than that back
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
        from crmhub.connectors.salesforce.client import build_soql

        types = self._field_types(object_name, fields)
        columns = ["Id", "SystemModstamp", "IsDeleted", "MasterRecordId", *fields]
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
        """Rows of a query job as {column: text}, in pages, reading one results chunk at a time."""
        job = self._create("query", {"operation": "queryAll" if include_deleted else "query", "query": soql})
        self._wait("query", job["id"])
        locator: str | None = None
        while True:
            params: dict[str, Any] = {"maxRecords": self.result_chunk}
            if locator:
                params["locator"] = locator
            response = self.connector._request(
                "GET",
                self._job_url("query", job["id"], "results"),
                params=params,
                headers={"Accept": "text/csv"},
            )
            locator = response.headers.get("Sforce-Locator")
            yield from self._pages(response.text)
            del response
            if not locator or locator == "null":
                self._delete("query", job["id"])
                return

    def _pages(self, text: str) -> Iterator[list[dict[str, str]]]:
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        if header is None:
            return
        page: list[dict[str, str]] = []
        for values in reader:
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
        results: list[WriteResult] = []
        for chunk in chunked(list(updates), INGEST_RECORDS_PER_JOB):
            results.extend(self._write_job(object_name, chunk))
        return results

    def _write_job(self, object_name: str, chunk: list[RecordUpdate]) -> list[WriteResult]:
        ids = [update.record_id for update in chunk]
        try:
            job = self._create("ingest", {"object": object_name, "operation": "update", "lineEnding": "LF"})
            self.connector._request(
                "PUT",
                self._job_url("ingest", job["id"], "batches"),
                content=_update_csv(chunk),
                headers={"Content-Type": "text/csv"},
            )
            self.connector._request(
                "PATCH", self._job_url("ingest", job["id"]), json={"state": "UploadComplete"}
            )
            info = self._wait("ingest", job["id"], raise_on_failure=False)
            outcome = self._ingest_outcome(job["id"], info)
        except CrmError as exc:
            return results_for_failed_call(ids, exc)
        self._delete("ingest", job["id"])
        return [outcome.get(record_id) or _not_reported(record_id, info) for record_id in ids]

    def _ingest_outcome(self, job_id: str, info: dict[str, Any]) -> dict[str, WriteResult]:
        outcome: dict[str, WriteResult] = {}
        for row in self._result_rows(job_id, "successfulResults"):
            record_id = row.get("sf__Id") or row.get("Id", "")
            outcome[record_id] = WriteResult(record_id, WriteStatus.OK)
        for row in self._result_rows(job_id, "failedResults"):
            record_id = row.get("Id") or row.get("sf__Id", "")
            outcome[record_id] = failed_row_result(record_id, row.get("sf__Error", ""))
        for row in self._result_rows(job_id, "unprocessedrecords"):
            record_id = row.get("Id", "")
            outcome[record_id] = unprocessed_result(record_id, info)
        return outcome

    def _result_rows(self, job_id: str, which: str) -> Iterator[dict[str, str]]:
        response = self.connector._request(
            "GET", self._job_url("ingest", job_id, which), headers={"Accept": "text/csv"}
        )
        for page in self._pages(response.text):
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

    def _job_url(self, kind: str, job_id: str, tail: str = "") -> str:
        path = f"jobs/{kind}/{job_id}"
        return self.connector._data_url(f"{path}/{tail}" if tail else path)


# -- pure mapping functions -------------------------------------------------------------------------------


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


def _update_csv(chunk: list[RecordUpdate]) -> bytes:
    """The update upload: Id plus the union of the fields; a field a record leaves out stays unchanged."""
    columns = list(dict.fromkeys(name for update in chunk for name in update.values))
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(["Id", *columns])
    for update in chunk:
        writer.writerow(
            [
                update.record_id,
                *(_cell(update.values[name]) if name in update.values else "" for name in columns),
            ]
        )
    return out.getvalue().encode()


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


def _not_reported(record_id: str, info: dict[str, Any]) -> WriteResult:
    return WriteResult(
        record_id, WriteStatus.TRANSIENT, message=f"bulk job {info.get('id', '')} did not report it"
    )
