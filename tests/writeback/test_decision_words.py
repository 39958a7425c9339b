"""Why a hybrid value was written, skipped or flagged reads in words with moments to the second in UTC, not in
stored ISO text with microseconds and field names such as observed_at."""

import re

from crmhub.writeback.models import OutcomeStatus

ISO_WITH_FRACTIONS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+")


def test_a_flagged_hybrid_value_says_when_the_rep_edited_and_when_the_source_looked(world):
    crm_id = world.ids[2]
    observed = world.sandbox.clock.now()
    world.sandbox.clock.advance(seconds=30)
    world.account.rep_edit("contacts", crm_id, {"ai_segment": "enterprise"})
    options = world.flow.crm_object.fields.get(name="ai_segment").picklist_options
    world.post(
        [
            world.output(
                crm_id, "words-1", observed_at=observed, segment=next(o for o in options if o != "enterprise")
            )
        ]
    )
    outcome = world.record("words-1").outcomes.get(target_name="ai_segment")
    assert outcome.status == OutcomeStatus.CONFLICT
    for text in (outcome.ownership_decision, outcome.reason):
        assert "a rep edited it at" in text and "after the source observed the record at" in text, text
        assert not ISO_WITH_FRACTIONS.search(text) and "observed_at" not in text, text
    assert f"at {observed:%Y-%m-%d %H:%M:%S} UTC" in outcome.reason


def test_a_written_hybrid_value_says_there_was_no_rep_edit_since(world):
    crm_id = world.ids[3]
    options = world.flow.crm_object.fields.get(name="ai_segment").picklist_options
    world.post([world.output(crm_id, "words-2", segment=options[0])])
    outcome = world.record("words-2").outcomes.get(target_name="ai_segment")
    assert outcome.ownership_decision.startswith(
        "Hybrid field: no rep edit since the source observed the record"
    )
    assert not ISO_WITH_FRACTIONS.search(outcome.ownership_decision)
