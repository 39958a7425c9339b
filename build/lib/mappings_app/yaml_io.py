"""Mapping-as-code: a connection's active catalog as YAML, and YAML back into a change request."""

import yaml

from crmhub.core.errors import ApplicationError
from crmhub.models import CrmConnection
from mappings_app import outbound
from mappings_app.catalog import (
    catalog_snapshot,
    empty_snapshot,
    mapping_key,
    normalise_mapping_spec,
    normalise_ownership_spec,
    ownership_key,
)
from mappings_app.models import ChangeOrigin, ChangeRequest
from mappings_app.services import change_request_from_snapshot
from mappings_app.yaml_loader import NoAliasSafeDumper, YamlTooLarge, bounded_yaml_load

FORMAT_VERSION = 1
DOCUMENT_KEYS = (
    "format",
    "connection",
    "provider",
    "catalog_version",
    "ownership",
    "mappings",
    *outbound.SECTIONS,
)
MAX_YAML_BYTES = 5 * 1024 * 1024


def catalog_export_yaml(*, connection: CrmConnection) -> str:
    connection.refresh_from_db(fields=["catalog_version"])
    snapshot = catalog_snapshot(connection)
    document = {
        "format": FORMAT_VERSION,
        "connection": connection.name,
        "provider": connection.provider,
        "catalog_version": connection.catalog_version,
        "ownership": [snapshot["ownership"][key] for key in sorted(snapshot["ownership"])],
        "mappings": [snapshot["mappings"][key] for key in sorted(snapshot["mappings"])],
        **{name: [snapshot[name][key] for key in sorted(snapshot[name])] for name in outbound.SECTIONS},
    }
    return yaml.dump(
        document, Dumper=NoAliasSafeDumper, sort_keys=False, allow_unicode=True, default_flow_style=False
    )


def snapshot_from_yaml(text: str | bytes, *, connection: CrmConnection) -> dict:
    """Parse and check a YAML catalog; raise ApplicationError naming the first thing that is wrong."""
    try:
        document = bounded_yaml_load(text, max_bytes=MAX_YAML_BYTES)
    except YamlTooLarge as exc:
        raise ApplicationError(str(exc)) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ApplicationError(f"The file is not valid YAML{where}: {getattr(exc, 'problem', exc)}.") from exc
    if not isinstance(document, dict):
        raise ApplicationError("The YAML must be a mapping with 'ownership' and 'mappings' lists.")
    unknown = sorted(str(key) for key in set(document) - set(DOCUMENT_KEYS))
    if unknown:
        # A misspelt section ("mapping:") would otherwise read as "remove every mapping".
        raise ApplicationError(
            f"Unknown top-level key(s) {', '.join(unknown)}; expected {', '.join(DOCUMENT_KEYS)}."
        )
    if document.get("format", FORMAT_VERSION) != FORMAT_VERSION:
        raise ApplicationError(
            f"Unsupported catalog format {document.get('format')!r}; expected {FORMAT_VERSION}."
        )
    named = document.get("connection")
    if named and named != connection.name:
        raise ApplicationError(f"This YAML describes connection {named!r}, not {connection.name!r}.")
    snapshot = empty_snapshot()
    for section, normalise, key_of in (
        ("ownership", normalise_ownership_spec, ownership_key),
        ("mappings", normalise_mapping_spec, mapping_key),
        *(
            (name, outbound.NORMALISE_OF_SECTION[name], outbound.KEY_OF_SECTION[name])
            for name in outbound.SECTIONS
        ),
    ):
        entries = document.get(section) or []
        if not isinstance(entries, list):
            raise ApplicationError(f"'{section}' must be a list.")
        for position, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict):
                raise ApplicationError(f"{section} entry {position} must be a mapping of keys to values.")
            try:
                spec = normalise(entry)
            except ValueError as exc:
                raise ApplicationError(f"{section} entry {position}: {exc}") from exc
            key = key_of(spec)
            if key in snapshot[section]:
                raise ApplicationError(f"{section} entry {position} repeats {key}.")
            snapshot[section][key] = spec
    return snapshot


def catalog_import_yaml(
    *, connection: CrmConnection, author, text: str | bytes, title: str = ""
) -> ChangeRequest:
    """Create a draft change request that would make the YAML the active catalog. Never applies it."""
    desired = snapshot_from_yaml(text, connection=connection)
    return change_request_from_snapshot(
        connection=connection,
        author=author,
        desired=desired,
        title=title or f"YAML import for {connection.name}",
        origin=ChangeOrigin.YAML,
    )
