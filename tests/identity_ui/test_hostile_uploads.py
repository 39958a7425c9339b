"""Validation-run uploads as people really make them: Excel's "Unicode text" (UTF-16), classic Mac line
endings, a Windows-1252 file (read as `identity_link` reads it, and said so), ids Excel shortened to
scientific notation (warned of), a file with NUL bytes. Each is read, or refused with what to do; none is a
500."""

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
        pytest.param(ROWS.replace("Jane", "Jos\u00e9").encode("cp1252"), id="windows-1252"),
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
        pytest.param(ROWS.replace("Jane", "Ja\x00ne").encode(), "NUL character (line 3)", id="nul byte"),
    ],
)
def test_an_unreadable_csv_is_refused_with_what_to_do(login, users, flow, data, says):
    response = post_upload(login(users["admin"]), flow, data)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not ValidationRun.objects.exists()


def test_a_windows_1252_upload_is_read_as_written_and_said_to_be_so(login, users, flow, mirror):
    data = ROWS.replace("Jane,Doe", "Jürgen,Müller").encode("cp1252")
    response = login(users["admin"]).post(
        reverse("identity:validation-run-create"),
        {"flow": flow.pk, "csv_file": _named(data), "sample_size": 50},
        follow=True,
    )
    body = response.content.decode()
    assert "leads.csv is not UTF-8: read as Windows-1252" in body
    [example] = [
        e for group in ValidationRun.objects.get().examples.values() for e in group if "x-2" in str(e)
    ]
    assert "Müller" in str(example)  # read as written, not as mojibake


def test_ids_excel_shortened_to_scientific_notation_are_warned_of(login, users, flow, mirror):
    data = (ROWS + "1.23457E+11,jo@acme.io,Jo,Roe,Acme,\n1,23457E+11,ann@acme.io,,,,\n").encode()
    data = data.replace(b"1,23457E+11,ann", b'"1,23457E+11",ann')  # a comma as the decimal mark, quoted
    response = login(users["admin"]).post(
        reverse("identity:validation-run-create"),
        {"flow": flow.pk, "csv_file": _named(data), "sample_size": 50},
        follow=True,
    )
    body = response.content.decode()
    assert response.status_code == 200 and ValidationRun.objects.get().total == 4
    assert "2 value(s) in the id column &#x27;external_id&#x27; are in scientific notation" in body
    assert "(line(s) 4, 5)" in body and "cannot be trusted" in body


def test_a_plain_upload_carries_no_warning(login, users, flow, mirror):
    response = login(users["admin"]).post(
        reverse("identity:validation-run-create"),
        {"flow": flow.pk, "csv_file": _named(ROWS.encode()), "sample_size": 50},
        follow=True,
    )
    assert "msg-warning" not in response.content.decode()


def _named(data: bytes):
    upload = io.BytesIO(data)
    upload.name = "leads.csv"
    return upload
