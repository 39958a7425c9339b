"""Plain words with the detail one click away: match strength in words, labels instead of stored values,
moments without microseconds, rule parameters and transform parameters readable."""

from datetime import UTC, datetime

from django.urls import reverse

from crmhub.templatetags.hub import label, match_strength, percent, when
from mappings_app import services
from tests import factories


def test_match_strength_reads_as_words_with_a_percentage():
    assert match_strength(0.9934) == "strong match (99 %)"
    assert match_strength(0.9) == "likely match (90 %)"
    assert match_strength(0.6) == "possible match (60 %)"
    assert match_strength(0.1) == "weak match (10 %)"
    assert match_strength(None) == "—"


def test_labels_replace_stored_values():
    assert label("rep_owned", "owner") == "Rep-owned"
    assert label("flag", "conflict_policy") == "Flag to the review queue"
    assert label("something_new") == "Something new"
    assert percent(0.95) == "95 %" and percent(0.9675, 1) == "96.8 %"


def test_moments_drop_microseconds_and_carry_the_exact_utc_time():
    html = when(datetime(2026, 11, 2, 9, 1, 30, 123456, tzinfo=UTC))
    assert "2026-11-02 09:01:30 UTC" in html and "123456" not in html and "data-local" in html
    assert ".5" not in when("2026-11-02T09:01:30.5+00:00")
    assert when(None) == "—"


def test_the_change_diff_shows_labels_and_readable_parameters(login, users, connection, contact_fields):
    change = services.change_request_create(
        connection=connection,
        author=users["admin"],
        title="words",
        operations=[
            factories.ownership_op("ai_segment", "hybrid", "flag"),
            factories.mapping_op("score", "ai_lead_score", source_type="number", transform="round",
                                 transform_params={"digits": 1}),
        ],
    )  # fmt: skip
    html = login(users["viewer"]).get(reverse("mappings:change-detail", args=[change.pk])).content.decode()
    assert "Hybrid" in html and "Flag to the review queue" in html
    assert "digits: 1" in html and "{&quot;digits&quot;" not in html
