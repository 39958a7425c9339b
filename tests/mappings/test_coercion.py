"""Run-time coercion of one source value into a CRM field's type. Pure: no database needed."""

from datetime import UTC, date, datetime

import pytest

from mappings_app.coercion import MappedValue, ValueRejected, coerce_to_field, map_value
from mappings_app.models import CrmField


def field(field_type: str, **extra) -> CrmField:
    return CrmField(name=extra.pop("name", f"a_{field_type}"), field_type=field_type, **extra)


def mapped(raw, target, transform="none", params=None, null_policy="skip") -> MappedValue:
    return map_value(
        raw=raw, transform=transform, transform_params=params or {}, null_policy=null_policy, target=target
    )


def rejected(value, target) -> str:
    with pytest.raises(ValueRejected) as caught:
        coerce_to_field(value, target)
    return caught.value.reason


SEGMENT = field("picklist", name="ai_segment", picklist_options=["smb", "mid_market", "enterprise"])
INTERESTS = field("multipicklist", name="interests", picklist_options=["crm", "ai", "data"])


# Numbers


@pytest.mark.parametrize(("value", "expected"), [(42, 42.0), ("3.25", 3.25), (" 7 ", 7.0), (1.5, 1.5)])
def test_numbers_are_accepted_from_numbers_and_numeric_text(value, expected):
    assert coerce_to_field(value, field("number")) == expected


@pytest.mark.parametrize("value", ["abc", True, "NaN", "Infinity", [1]])
def test_non_numbers_are_rejected_from_number_fields(value):
    assert "number" in rejected(value, field("number"))


def test_an_integer_field_accepts_whole_numbers_and_numeric_text():
    assert coerce_to_field("42", field("integer")) == 42
    assert coerce_to_field(7.0, field("integer")) == 7
    assert isinstance(coerce_to_field("42", field("integer")), int)


def test_an_integer_field_rejects_a_fraction_and_suggests_rounding():
    reason = rejected(1.5, field("integer"))
    assert "not a whole number" in reason
    assert "rounding" in reason


def test_rounding_is_half_even():
    target = field("integer")
    assert [mapped(v, target, "round").value for v in (0.5, 1.5, 2.5, 3.5, -2.5)] == [0, 2, 2, 4, -2]
    assert mapped("2.345", field("number"), "round", {"digits": 2}).value == 2.34
    assert mapped("2.355", field("number"), "round", {"digits": 2}).value == 2.36


# Booleans


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), ("yes", True), ("1", True), (1, True), ("Off", False), ("false", False), (0, False)],
)
def test_booleans_are_read_from_common_words(value, expected):
    assert coerce_to_field(value, field("boolean")) is expected


@pytest.mark.parametrize("value", ["maybe", 2, "2"])
def test_anything_else_is_not_a_boolean(value):
    assert "not true or false" in rejected(value, field("boolean"))


# Dates and datetimes


def test_a_date_field_takes_dates_and_iso_text():
    target = field("date")
    assert coerce_to_field(date(2024, 5, 1), target) == "2024-05-01"
    assert coerce_to_field("2024-05-01", target) == "2024-05-01"


def test_a_date_field_takes_the_utc_date_of_an_aware_datetime():
    assert coerce_to_field("2024-05-01T23:30:00-02:00", field("date")) == "2024-05-02"


def test_a_date_field_rejects_a_naive_datetime():
    assert "no time zone" in rejected(datetime(2024, 5, 1, 10, 0), field("date"))


@pytest.mark.parametrize("value", ["2024-02-30", "2024-13-01", "tomorrow"])
def test_an_impossible_or_unreadable_date_is_rejected(value):
    assert value in rejected(value, field("date"))


@pytest.mark.parametrize("value", ["2024-02-30T10:00:00Z", "2024-05-01T25:00:00Z", "soon"])
def test_an_impossible_or_unreadable_datetime_is_rejected(value):
    assert value in rejected(value, field("datetime"))


def test_an_impossible_date_is_rejected_by_parse_date():
    with pytest.raises(ValueRejected, match="2024-02-30"):
        mapped("2024-02-30", field("date"), "parse_date")
    with pytest.raises(ValueRejected, match="does not match the date format"):
        mapped("30/02/2024", field("date"), "parse_date", {"format": "%d/%m/%Y"})


def test_parse_date_reads_a_custom_format():
    assert mapped("01/05/2024", field("date"), "parse_date", {"format": "%d/%m/%Y"}).value == "2024-05-01"


def test_a_datetime_is_written_in_utc_with_a_z():
    target = field("datetime")
    assert coerce_to_field("2024-05-01T12:00:00+02:00", target) == "2024-05-01T10:00:00Z"
    assert coerce_to_field(datetime(2024, 5, 1, 10, tzinfo=UTC), target) == "2024-05-01T10:00:00Z"


def test_a_plus_0000_offset_is_understood():
    assert coerce_to_field("2024-05-01T10:00:00.000+0000", field("datetime")) == "2024-05-01T10:00:00Z"


def test_a_naive_datetime_is_rejected_without_assume_tz():
    reason = rejected("2024-05-01T10:00:00", field("datetime"))
    assert "no time zone" in reason
    assert "assume_tz" in reason
    with pytest.raises(ValueRejected, match="assume_tz"):
        mapped("2024-05-01T10:00:00", field("datetime"), "to_utc")


def test_to_utc_with_assume_tz_reads_a_naive_datetime_in_that_zone():
    value = mapped("2024-07-01T10:00:00", field("datetime"), "to_utc", {"assume_tz": "Europe/Berlin"}).value
    assert value == "2024-07-01T08:00:00Z"


def test_a_date_object_becomes_midnight_utc_in_a_datetime_field():
    assert coerce_to_field(date(2024, 5, 1), field("datetime")) == "2024-05-01T00:00:00Z"


# Picklists


def test_a_picklist_takes_an_allowed_option():
    assert coerce_to_field("smb", SEGMENT) == "smb"


def test_picklist_options_are_case_sensitive():
    assert "'SMB' is not an allowed option of ai_segment" in rejected("SMB", SEGMENT)


def test_external_options_are_not_checked():
    owner = field("picklist", name="hubspot_owner_id", external_options=True)
    assert coerce_to_field(12345, owner) == "12345"


def test_a_picklist_takes_one_option_not_a_list():
    assert "single option" in rejected(["smb"], SEGMENT)


def test_a_multipicklist_takes_a_list_or_semicolon_separated_text():
    assert coerce_to_field(["crm", "ai"], INTERESTS) == ["crm", "ai"]
    assert coerce_to_field("crm; data;", INTERESTS) == ["crm", "data"]
    assert "'blockchain' is not an allowed option" in rejected(["crm", "blockchain"], INTERESTS)


# Text, email, url, phone


def test_an_email_must_be_valid():
    assert coerce_to_field(" ada@example.com ", field("email")) == "ada@example.com"
    assert "not a valid email" in rejected("ada@", field("email"))


def test_a_url_must_be_valid():
    assert coerce_to_field("https://example.com/a", field("url")) == "https://example.com/a"
    assert "not a valid URL" in rejected("example dot com", field("url"))


def test_a_phone_needs_digits():
    assert coerce_to_field("+49 30 1234567", field("phone")) == "+49 30 1234567"
    assert "not a phone number" in rejected("call me", field("phone"))


def test_text_longer_than_max_length_is_rejected():
    target = field("string", name="firstname", max_length=5)
    assert coerce_to_field("Ada", target) == "Ada"
    assert "6 characters do not fit firstname (at most 5)" in rejected("Ada Lo", target)


def test_values_become_readable_text():
    target = field("text")
    assert coerce_to_field(True, target) == "true"
    assert coerce_to_field(["a", "b"], target) == "a; b"
    assert coerce_to_field(datetime(2024, 5, 1, 12, tzinfo=UTC), target) == "2024-05-01T12:00:00+00:00"


def test_a_reference_needs_a_record_id():
    assert coerce_to_field(" 0031x ", field("reference")) == "0031x"
    assert "record id" in rejected("  ", field("reference"))


# Null policies


def test_a_null_is_skipped_by_default():
    result = mapped(None, field("number"))
    assert result == MappedValue(write=False, skip_reason="the source value is empty")


def test_an_empty_text_counts_as_null_outside_string_fields():
    assert mapped("  ", field("number")).write is False
    assert mapped("", field("string")).value == ""


def test_write_null_empties_a_nillable_field():
    assert mapped(None, field("number"), null_policy="write") == MappedValue(write=True, value=None)


def test_write_null_into_a_non_nillable_field_is_rejected():
    with pytest.raises(ValueRejected, match="cannot be emptied"):
        mapped(None, field("number", name="amount", nillable=False), null_policy="write")


def test_if_empty_writes_only_into_an_empty_field():
    result = mapped(3, field("number"), null_policy="if_empty")
    assert result.write and result.only_if_empty and result.value == 3.0
    assert mapped(None, field("number"), null_policy="if_empty").write is False


# Value maps


def test_a_value_map_translates_values():
    params = {"map": {"S": "smb", "E": "enterprise"}}
    assert mapped("S", SEGMENT, "value_map", params).value == "smb"


def test_a_value_map_without_default_rejects_unknown_values():
    with pytest.raises(ValueRejected, match="'Q' is not in the mapping's value map"):
        mapped("Q", SEGMENT, "value_map", {"map": {"S": "smb"}})


def test_a_value_map_with_default_uses_it():
    assert (
        mapped("Q", SEGMENT, "value_map", {"map": {"S": "smb"}, "default": "mid_market"}).value
        == "mid_market"
    )


def test_a_value_map_reads_booleans_and_numbers_as_stored_json_keys():
    params = {"map": {"true": "enterprise", "false": "smb", "3": "mid_market"}}
    assert mapped(True, SEGMENT, "value_map", params).value == "enterprise"
    assert mapped(False, SEGMENT, "value_map", params).value == "smb"
    assert mapped(3, SEGMENT, "value_map", params).value == "mid_market"


def test_a_value_map_result_is_still_checked_against_the_picklist():
    with pytest.raises(ValueRejected, match="not an allowed option"):
        mapped("S", SEGMENT, "value_map", {"map": {"S": "Small"}})


def test_trim_and_lowercase_apply_to_text_and_lists():
    assert mapped("SMB", SEGMENT, "lowercase").value == "smb"
    assert mapped(" smb ", SEGMENT, "trim").value == "smb"
    assert mapped(["CRM", "AI"], INTERESTS, "lowercase").value == ["crm", "ai"]


def test_a_rejection_is_a_value_error_with_a_reason():
    with pytest.raises(ValueError) as caught:
        coerce_to_field("x", field("number"))
    assert isinstance(caught.value, ValueRejected)
    assert caught.value.reason == str(caught.value) == "'x' is not a number."
