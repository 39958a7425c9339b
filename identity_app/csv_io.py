"""CSV files in and out: inbound records, CRM mirror exports, resolution results."""

import csv
from collections.abc import Iterator

from identity_app.resolver import Resolution

INBOUND_ID_COLUMNS = ("external_id", "id")
MIRROR_ID_COLUMNS = ("id", "crm_id", "Id", "hs_object_id")
TRUE_WORDS = {"1", "true", "yes", "y", "t"}
RESULT_COLUMNS = [
    "source_system",
    "external_id",
    "decision",
    "crm_id",
    "score",
    "probability",
    "method",
    "candidate_1",
    "candidate_2",
    "candidate_3",
    "notes",
]


def _first_column(row: dict, names) -> str:
    return next((row[name].strip() for name in names if (row.get(name) or "").strip()), "")


def inbound_records(lines, *, source_system: str = "") -> Iterator[dict]:
    """Each row is one inbound record: external_id (or id), optional crm_id and source_system, attributes."""
    for row in csv.DictReader(lines):
        yield {
            "source_system": (row.pop("source_system", "") or "").strip() or source_system,
            "external_id": _first_column(row, INBOUND_ID_COLUMNS),
            "crm_id": (row.pop("crm_id", "") or "").strip(),
            "attributes": {
                k: v for k, v in row.items() if k and k not in INBOUND_ID_COLUMNS and v not in ("", None)
            },
        }


def mirror_records(lines) -> Iterator[dict]:
    """A CRM export: an id column, optional deleted / merged_into / modified_at, every other column a field."""
    for row in csv.DictReader(lines):
        crm_id = _first_column(row, MIRROR_ID_COLUMNS)
        if not crm_id:
            continue
        yield {
            "id": crm_id,
            "deleted": (row.pop("deleted", "") or "").strip().lower() in TRUE_WORDS,
            "merged_into": (row.pop("merged_into", "") or "").strip(),
            "modified_at": (row.pop("modified_at", "") or "").strip() or None,
            "values": {k: v for k, v in row.items() if k and v not in ("", None)},
        }


def write_results(handle, resolutions: list[Resolution]) -> None:
    writer = csv.DictWriter(handle, fieldnames=RESULT_COLUMNS)
    writer.writeheader()
    for resolution in resolutions:
        candidates = [f"{c['crm_id']} ({c['score']})" for c in resolution.candidates[:3]]
        candidates += [""] * (3 - len(candidates))
        writer.writerow(
            {
                "source_system": resolution.source_system,
                "external_id": resolution.external_id,
                "decision": resolution.outcome,
                "crm_id": resolution.crm_id,
                "score": "" if resolution.score is None else round(resolution.score, 2),
                "probability": "" if resolution.probability is None else round(resolution.probability, 6),
                "method": resolution.method,
                "candidate_1": candidates[0],
                "candidate_2": candidates[1],
                "candidate_3": candidates[2],
                "notes": " ".join(resolution.notes),
            }
        )
