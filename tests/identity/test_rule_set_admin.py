"""The rule-set admin form carries the new settings and refuses unsound ones."""

import json

from identity_app.admin import IdentityRuleSetForm
from identity_app.models import IdentityRuleSet


def _data(rules: IdentityRuleSet, **changes) -> dict:
    form = IdentityRuleSetForm(instance=rules)
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = json.dumps(value) if isinstance(value, (list, dict)) else value
    data.update(
        {
            name: json.dumps(value) if isinstance(value, (list, dict)) else value
            for name, value in changes.items()
        }
    )
    return {name: value for name, value in data.items() if value is not None and value is not False}


def test_the_admin_form_saves_the_contradiction_settings_and_types(rules):
    form = IdentityRuleSetForm(
        data=_data(
            rules,
            contradiction_checks=["names"],
            contradiction_similarity=0.8,
            personal_keys=["email", "external_id", "phone"],
            mirror_fields={"website": ["website"]},
            attribute_types={"website": "url"},
        ),
        instance=rules,
    )
    assert form.is_valid(), form.errors
    form.save()
    rules.refresh_from_db()
    assert (rules.contradiction_checks, rules.contradiction_similarity) == (["names"], 0.8)
    assert rules.attribute_types == {"website": "url"}


def test_the_admin_form_refuses_an_unknown_type_or_check(rules):
    form = IdentityRuleSetForm(
        data=_data(rules, attribute_types={"website": "colour"}, contradiction_checks=["zodiac"]),
        instance=rules,
    )
    assert not form.is_valid()
    errors = " ".join(form.non_field_errors())
    assert "colour" in errors and "zodiac" in errors
