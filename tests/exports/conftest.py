"""Fixtures of the export tests."""

from tests.exports.warehouse_world import export_world, long_lived_objects_frozen  # noqa: F401 - shared fixtures
