"""Validation-run uploads as people really make them: Excel's "Unicode text" (UTF-16), classic Mac line
endings, a Windows-1252 file, a file with NUL bytes. Each is read, or refused with what to do; none is a 500."""

import io

import pytest
from django.urls import reverse

from identity_app.models import ValidationRun

ROWS = (
    "external_id,email,first_name,last_name,company,zip\nx-1,omar@globex.io,,,,\nx-2,,Jane,Doe,Acme,02110\n"
)


def post_upload(browser, flow, data: bytes):
    upload = io.BytesIO(data)
    upload.name = "leads.csv"
    return browser.post(
        reverse("identity:validation-run-create"), {"flow": flow.pk, "csv_file": upload, "sample_size": 50}
    )


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(ROWS.encode("utf-16"), id="utf-16 with its byte-order mark"),
        pytest.param(ROWS.replace("\n", "\r").encode(), id="carriage returns only"),
        pytest.param(ROWS.replace("\n", "\r\n").encode("utf-8-sig"), id="utf-8 with BOM and CRLF"),
    ],
)
def test_a_csv_in_another_common_shape_is_read_like_the_plain_one(login, users, flow, mirror, data):
    response = post_upload(login(users["admin"]), flow, data)
    assert response.status_code == 302
    run = ValidationRun.objects.get()
    assert (run.total, run.matched, run.ambiguous) == (2, 1, 1)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        pytest.param(ROWS.replace("Jane", "Jos\u00e9").encode("cp1252"), "Save it as", id="windows-1252"),
        pytest.param(ROWS.replace("Jane", "Ja\x00ne").encode(), "NUL character (line 3)", id="nul byte"),
    ],
)
def test_an_unreadable_csv_is_refused_with_what_to_do(login, users, flow, data, says):
    response = post_upload(login(users["admin"]), flow, data)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not ValidationRun.objects.exists()
