from mappings_app.catalog import catalog_snapshot
from tests import factories


def test_smoke(users, connection, contact_fields):
    version = factories.apply_change(
        connection, users["admin"], users["approver"], factories.score_catalog_ops()
    )
    assert version.number == 1
    snap = catalog_snapshot(connection)
    assert len(snap["mappings"]) == 2
    assert len(snap["ownership"]) == 4
