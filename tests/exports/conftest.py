"""Fixtures of the export tests."""

from tests.exports.warehouse_world import export_world  # noqa: F401 - a fixture shared by the warehouse tests
