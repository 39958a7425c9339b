"""A run that delivered several objects names all of them, not only the first it met."""

import pytest

from crmhub.exports.models import ExportPage, ExportRun
from crmhub.exports.services import _note_object
from tests.factories import make_connection

pytestmark = pytest.mark.django_db


def test_a_run_names_every_object_it_delivered_once_each():
    connection = make_connection()
    run = ExportRun()
    for name in ("contacts", "companies", "contacts", "deals"):
        _note_object(run, ExportPage(connection=connection, object_name=name))
    assert run.connection == connection
    assert run.object_name == "contacts, companies, deals"


def test_a_backfill_run_of_one_object_keeps_its_name_while_it_drains_that_object():
    connection = make_connection()
    run = ExportRun(connection=connection, object_name="companies")
    _note_object(run, ExportPage(connection=connection, object_name="companies"))
    assert run.object_name == "companies"
