"""Whether tied CRM records could be one person or company written twice (`displays_name_alike`), and the
tie note that follows from it."""

import pytest

from identity_app.attributes import displays_name_alike
from identity_app.models import ValidationRun
from tests.identity.conftest import crm


@pytest.mark.parametrize(
    "displays",
    [
        [{"first_name": "Lena", "last_name": "Marsh"}, {"first_name": "Lena", "last_name": "Marsh"}],
        [{"first_name": "Bob", "last_name": "Hale"}, {"first_name": "Robert", "last_name": "Hale"}],
        [{"first_name": "R.", "last_name": "Hale"}, {"first_name": "Robert", "last_name": "Hale"}],
        [{"first_name": "Jürgen", "last_name": "Groß"}, {"first_name": "Jurgen", "last_name": "Gross"}],
        [{"first_name": "Hale", "last_name": "Robert"}, {"first_name": "Robert", "last_name": "Hale"}],
        [{"full_name": "Lena Marsh"}, {"first_name": "Lena", "last_name": "Marsh"}],
        [{"company_name": "Acme GmbH"}, {"company_name": "ACME"}],
        [{"emails": "x@y.io"}, {"first_name": "Lena", "last_name": "Marsh"}],  # no name: could be anyone's
    ],
)
def test_records_that_could_be_one_written_twice(displays):
    assert displays_name_alike(displays)


@pytest.mark.parametrize(
    "displays",
    [
        [{"first_name": "Emily", "last_name": "Williams"}, {"first_name": "Judith", "last_name": "Wallace"}],
        [{"first_name": "Lena", "last_name": "Marsh"}, {"first_name": "Lena", "last_name": "Hale"}],
        [{"first_name": "Christian", "last_name": "Berg"}, {"first_name": "Christina", "last_name": "Berg"}],
        [{"company_name": "Acme Robotics"}, {"company_name": "Borealis Freight"}],
    ],
)
def test_records_with_clearly_different_names(displays):
    assert not displays_name_alike(displays)


def test_the_tie_note_tells_namesakes_apart_from_colleagues(rules, flow, mirror, resolve):
    ValidationRun.objects.create(flow=flow, sample_size=1, total=1)
    rules.probabilistic_enabled = True
    rules.save()
    shared = {"company": "Acme", "phone": "+1 617 555 0100", "zip": "10001", "city": "Boston"}
    mirror(
        crm("101", firstname="Lena", lastname="Marsh", **shared),
        crm("202", firstname="Lena", lastname="Marsh", **shared),
    )
    [result] = resolve(
        {
            "external_id": "x1",
            "first_name": "Lena",
            "last_name": "Marsh",
            **{"company_name": "Acme", "postcode": "10001", "city": "Boston"},
        }
    )
    assert any("may be duplicates of each other" in note for note in result.notes)
    assert not any("their names differ" in note for note in result.notes)
