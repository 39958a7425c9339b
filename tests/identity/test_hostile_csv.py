"""Files an evaluator or a careless export hands to `identity_link` and the validation-run upload: a cell
larger than the csv module's field limit, NUL bytes. Each is refused with the file and the line, never a
traceback; a NUL never reaches the database (PostgreSQL refuses it in text and jsonb)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from identity_app.forms import ValidationRunForm
from identity_app.models import MirrorRecord

HUGE = "A" * 200_000


def _files(tmp_path, inbound: str, mirror: str):
    (tmp_path / "in.csv").write_text(inbound, encoding="utf-8", newline="")
    (tmp_path / "crm.csv").write_text(mirror, encoding="utf-8", newline="")
    return tmp_path / "in.csv", tmp_path / "crm.csv"


@pytest.mark.parametrize(
    ("inbound", "mirror", "named"),
    [
        (
            f'external_id,email,first_name\nX1,a@b.io,Anne\nX2,c@d.io,"{HUGE}"\n',
            "Id,email\nC1,a@b.io\n",
            "in.csv",
        ),
        (
            "external_id,email\nX1,a@b.io\n",
            f'Id,email,firstname\nC1,a@b.io,Anne\nC2,e@f.io,"{HUGE}"\n',
            "crm.csv",
        ),
    ],
)
def test_a_cell_over_the_field_limit_is_refused_naming_the_file_and_line(
    db, tmp_path, inbound, mirror, named
):
    inbound_path, mirror_path = _files(tmp_path, inbound, mirror)
    with pytest.raises(CommandError, match=rf"{named}.*line 3.*larger than"):
        call_command(
            "identity_link",
            str(inbound_path),
            provider="hubspot",
            object_name="contacts",
            kind="person",
            mirror_csv=str(mirror_path),
            out=str(tmp_path / "out.csv"),
            progress=False,
        )


@pytest.mark.parametrize("which", ["inbound", "mirror"])
def test_a_nul_byte_is_refused_before_anything_is_stored(connection, tmp_path, which):
    clean_in, clean_crm = "external_id,email\nX1,a@b.io\n", "Id,email,firstname\nC1,a@b.io,Anne\n"
    inbound = "external_id,email,first_name\nX1,a@b.io,Ann\x00e\n" if which == "inbound" else clean_in
    mirror = "Id,email,firstname\nC1,a@b.io,Anne\nC2,x@y.io,Bo\x00b\n" if which == "mirror" else clean_crm
    inbound_path, mirror_path = _files(tmp_path, inbound, mirror)
    named = "in.csv" if which == "inbound" else "crm.csv"
    with pytest.raises(CommandError, match=rf"{named}: line {2 if which == 'inbound' else 3} holds a NUL"):
        call_command(
            "identity_link",
            str(inbound_path),
            connection=connection.name,
            object_name="contacts",
            mirror_csv=str(mirror_path),
            out=str(tmp_path / "out.csv"),
            progress=False,
        )
    assert MirrorRecord.objects.count() == 0


def test_the_validation_upload_refuses_a_cell_over_the_field_limit_as_a_form_error(flow):
    text = f'external_id,email,first_name\nX1,a@b.io,Anne\nX2,c@d.io,"{HUGE}"\n'
    form = ValidationRunForm(
        {"flow": flow.pk, "sample_size": 10},
        {"csv_file": SimpleUploadedFile("in.csv", text.encode(), content_type="text/csv")},
    )
    assert not form.is_valid()
    assert "line 3" in str(form.errors["csv_file"]) and "larger than" in str(form.errors["csv_file"])
