"""Validation runs show the flow's weights in plain words and flag what makes them unsafe (issue 13)."""

import io

import pytest
from django.urls import reverse

from crmhub.core.errors import ApplicationError
from identity_app import services
from identity_app.models import WeightEstimate


def backwards(comparisons, attribute):
    """The comparison's m and u swapped: agreeing on it now counts against a match."""
    return [{**c, "m": c["u"], "u": c["m"]} if c["attribute"] == attribute else c for c in comparisons]


def test_a_validation_run_flags_backwards_weights_and_shows_each_level_in_words(
    client, users, rules, generated
):
    rules.comparisons = backwards(rules.comparisons, "last_name")
    rules.save()
    run = services.validation_run_create(
        flow=rules.flow, records=generated, actor=users["admin"], sample_size=300
    )
    assert any(p.startswith("last_name: 'exact' weighs") for p in run.model_problems), run.model_problems
    client.force_login(users["viewer"])
    body = client.get(reverse("identity:validation-run", args=[run.pk])).content.decode()
    assert "These weights are not safe to link with" in body
    assert "agreeing cannot count less than disagreeing" in body
    assert "exact: a match becomes" in body and "times less likely" in body


def test_probabilistic_linking_cannot_be_turned_on_while_the_latest_run_flags_the_weights(
    users, rules, generated
):
    rules.comparisons = backwards(rules.comparisons, "last_name")
    rules.save()
    services.validation_run_create(flow=rules.flow, records=generated, actor=users["admin"], sample_size=300)
    with pytest.raises(ApplicationError) as raised:
        services.identity_rules_update(rule_set=rules, actor=users["admin"], probabilistic_enabled=True)
    assert any("latest validation run flags the weights" in p for p in raised.value.problems)


def test_sound_default_weights_pass_the_checks_on_the_generated_set(users, rules, generated):
    run = services.validation_run_create(
        flow=rules.flow, records=generated, actor=users["admin"], sample_size=300
    )
    assert run.model_problems == []
    assert {c["attribute"] for c in run.model_report["comparisons"]} >= {"first_name", "last_name", "emails"}
    services.identity_rules_update(rule_set=rules, actor=users["admin"], probabilistic_enabled=True)


def test_a_fit_asked_for_from_the_upload_page_is_stored_and_its_verdict_shown(
    client, users, rules, generated
):
    lines = ["external_id,email,first_name,last_name,company,zip"]
    for record in generated[:120]:
        a = record["attributes"]
        lines.append(
            ",".join(
                [
                    record["external_id"],
                    *(
                        str(a.get(k, "")).strip()
                        for k in ("email", "first_name", "last_name", "company", "zip")
                    ),
                ]
            )
        )
    upload = io.BytesIO("\n".join(lines).encode())
    upload.name = "leads.csv"
    client.force_login(users["admin"])
    response = client.post(
        reverse("identity:validation-run-create"),
        {"flow": rules.flow.pk, "csv_file": upload, "sample_size": 100, "estimate_weights": "on"},
        follow=True,
    )
    assert response.status_code == 200
    estimate = WeightEstimate.objects.get()
    run = response.context["run"]
    assert run.weight_estimate == estimate and estimate.records == 120
    body = response.content.decode()
    assert estimate.summary in body
    listing = client.get(reverse("identity:validation-runs"), {"flow": rules.flow.pk}).content.decode()
    assert "Latest weight fit of this flow" in listing


def test_an_upload_without_an_id_column_is_refused_with_its_columns(client, users, rules):
    upload = io.BytesIO(b"mail,name\njane@acme.com,Jane\n")
    upload.name = "leads.csv"
    client.force_login(users["admin"])
    response = client.post(
        reverse("identity:validation-run-create"),
        {"flow": rules.flow.pk, "csv_file": upload, "sample_size": 10},
    )
    assert response.status_code == 400
    assert "Its columns: mail, name." in response.content.decode()
