"""Every write-back page renders the data a RevOps lead needs, built by the real pipeline."""

from datetime import UTC, timedelta

from django.urls import reverse
from django.utils import timezone

from crm_sandbox.users import person
from crmhub.models import ConnectionStatus
from crmhub.writeback import services
from crmhub.writeback.models import InboundRecord, InboundStatus, WritebackEvent, WriteOutcome
from tests.writeback_ui.conftest import OnOneStory, dead_letter_rows


def page_text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_timeline_of_a_record_rejected_at_ingest_shows_its_reasons_and_what_was_posted(world, login):
    result = services.outputs_ingest(
        user=world.users["integration"],
        records=[{**world.output(world.ids[4], "no-time"), "observed_at": "soon"}],
    )[0]
    html = page_text(login(world.users["viewer"]).get(reverse("writeback:record", args=[result.record.pk])))
    assert "Rejected at ingest" in html and "observed_at: required ISO 8601" in html and "As posted" in html


def test_unknown_record_is_not_found(login, world):
    assert login(world.users["viewer"]).get(reverse("writeback:record", args=[999_999])).status_code == 404


def test_connections_page_lists_paused_connections_and_events(world, login):
    world.connection.status, world.connection.status_reason = (
        ConnectionStatus.PAUSED,
        "Auth failure: token revoked",
    )
    world.connection.save()
    WritebackEvent.objects.create(
        connection=world.connection, kind="auth_failure", message="401 from HubSpot"
    )
    html = page_text(login(world.users["viewer"]).get(reverse("writeback:connections")))
    assert "acme-hubspot" in html and "Auth failure: token revoked" in html and "401 from HubSpot" in html


def test_flow_pages_render(world, login):
    client = login(world.users["viewer"])
    assert "lead scores" in page_text(client.get(reverse("writeback:flows")))
    assert "Validation gate" in page_text(client.get(reverse("writeback:flow", args=[world.flow.pk])))


def test_write_back_sits_in_the_main_navigation(world, login):
    html = page_text(login(world.users["viewer"]).get(reverse("home")))
    assert reverse("writeback:records") in html


def test_identity_explanation_says_a_key_leads_to_its_record_instead_of_comparing_it_with_the_id():
    from crmhub.writeback.views import _identity_lines

    lines = _identity_lines(
        {
            "explanation": [
                {
                    "attribute": "email",
                    "method": "key",
                    "inbound": "mia@example.test",
                    "candidate": "1042",
                    "level": "unique key",
                    "weight": None,
                },
                {
                    "attribute": "last_name",
                    "method": "compared",
                    "inbound": "martinez",
                    "candidate": "martinez",
                    "level": "exact",
                    "weight": 6.5,
                },
            ],
            "notes": ["linked by its email"],
        }
    )
    assert lines == [
        'email "mia@example.test" leads to CRM record "1042" (unique key)',
        'last name: "martinez" vs "martinez", exact (strong evidence for a match)',
        "linked by its email",
    ]


def test_identity_explanation_weighs_each_comparison_in_words():
    from crmhub.writeback.views import _identity_lines

    def line(weight):
        entry = {"attribute": "city", "inbound": "Paris", "candidate": "Lyon", "level": "different"}
        [text] = _identity_lines({"explanation": [{**entry, "weight": weight}]})
        return text.split(", different ", 1)[1]

    assert line(-5.2) == "(strong evidence against a match)"
    assert line(-2.0) == "(some evidence against a match)"
    assert line(0.3) == "(says little either way)"
    assert line(2.5) == "(some evidence for a match)"
    assert "bits" not in line(9.0)


class TestPagesOfOneStory(OnOneStory):
    """One story told through the pipeline (written, conflict, rejected, held, dead-lettered), built once for
    these tests."""

    def test_timeline_tells_the_whole_story_of_a_written_value(self, story, login, world):
        record = story.written
        html = page_text(login(world.users["viewer"]).get(reverse("writeback:record", args=[record.pk])))
        score = record.outcomes.get(target_name="ai_score")
        assert "&quot;score&quot;: 87.5" in html  # the inbound payload, as received
        assert "matched" in html and "crm_id" in html  # the identity decision and its method
        assert "AI-owned field: written" in html  # the ownership decision, in words
        assert "87.5" in html and "ai_score_updated_at" in html and score.companion_value in html
        assert "read after write" in html and "matched" in html  # the verification
        # The final outcome, said once (its reason only restates it).
        assert "<strong>Final outcome:</strong> Written and verified <span" in html
        assert "Written and verified — Written and verified" not in html
        assert (
            reverse("mappings:version-detail", args=[world.connection.catalog_versions.get(number=1).pk])
            in html
        )
        events = [
            f'<span class="event">{name}</span>'
            for name in ("planned", "Written, awaiting verification", "Written and verified")
        ]
        assert html.index(events[0]) < html.index(events[1]) < html.index(events[2])  # the log, in order

    def test_timeline_of_a_conflict_shows_the_rep_edit_against_observed_at(self, story, login, world):
        html = page_text(
            login(world.users["viewer"]).get(reverse("writeback:record", args=[story.conflict.inbound_id]))
        )
        assert "edited after observed" in html
        assert "flagged for review" in html
        assert "2026-11-02 09:01:30" in html and "2026-11-02 09:00:00" in html

    def test_timeline_of_a_dead_letter_shows_the_failed_response_and_the_reason(self, story, login, world):
        html = page_text(
            login(world.users["viewer"]).get(reverse("writeback:record", args=[story.dead.inbound_id]))
        )
        assert "Retries exhausted" in html and "Gave up after 2 attempts" in html
        assert "2 failed write calls" in html

    def test_timeline_of_a_rejected_value_gives_the_reason(self, story, login, world):
        html = page_text(
            login(world.users["viewer"]).get(reverse("writeback:record", args=[story.rejected.inbound_id]))
        )
        assert "is not a number" in html and "Rejected" in html

    def test_timeline_of_a_held_record_links_to_its_review_item(self, story, login, world):
        html = page_text(
            login(world.users["reviewer"]).get(reverse("writeback:record", args=[story.held.pk]))
        )
        assert reverse("identity:item", args=[story.held.review_item_id]) in html
        assert "no_match" in html and "waits for identity review" in html

    def test_timeline_after_retention_says_when_the_payload_was_purged(self, story, login, world):
        services.payloads_purge(now=timezone.now() + timedelta(days=31))
        record = InboundRecord.objects.get(pk=story.written.pk)
        assert record.payload_purged_at is not None
        html = page_text(login(world.users["viewer"]).get(reverse("writeback:record", args=[record.pk])))
        purged_on = record.payload_purged_at.astimezone(
            UTC
        )  # the one moment format: UTC, localised by the browser
        assert "Payload purged on" in html and f"{purged_on:%Y-%m-%d %H:%M:%S} UTC</time>" in html
        assert "retention of 30 days" in html
        assert "&quot;score&quot;" not in html
        assert "Written and verified." in html  # outcomes are kept

    def test_record_list_links_each_row_to_its_timeline_and_counts_outcomes(self, story, login, world):
        html = page_text(login(world.users["viewer"]).get(reverse("writeback:records")))
        for record in InboundRecord.objects.all():
            assert reverse("writeback:record", args=[record.pk]) in html
        assert "2 written and verified" in html and "1 conflict" in html and "1 dead-lettered" in html

    def test_record_list_filters(self, story, login, world):
        client = login(world.users["viewer"])
        records = reverse("writeback:records")

        def shown(**params) -> set[int]:
            html = page_text(client.get(records, params))
            return {
                r.pk
                for r in InboundRecord.objects.all()
                if f'href="{reverse("writeback:record", args=[r.pk])}"' in html
            }

        assert shown(status=InboundStatus.HELD_FOR_REVIEW) == {story.held.pk}
        assert shown(outcome_status="dead_lettered") == {story.dead.inbound_id}
        assert shown(q=world.ids[1]) == {story.conflict.inbound_id}
        assert shown(q="ext-" + world.ids[0]) == {story.written.pk}
        assert shown(flow=world.flow.pk) == set(InboundRecord.objects.values_list("pk", flat=True))
        assert shown(source_system="lead_scorer") == set(InboundRecord.objects.values_list("pk", flat=True))
        assert shown(received="+30d") == set()
        InboundRecord.objects.filter(pk=story.written.pk).update(
            received_at=story.written.received_at - timedelta(days=40)
        )
        assert shown(received="+30d") == {story.written.pk}
        assert story.written.pk not in shown(received="-7d")

    def test_dead_letter_list_filters_by_failure_kind_and_age(self, story, login, world):
        drifted = dead_letter_rows(world, 2, failure_kind="schema_drift")  # two hours old
        WriteOutcome.objects.filter(pk=story.dead.pk).update(finished_at=timezone.now())
        client = login(world.users["viewer"])
        html = page_text(client.get(reverse("writeback:dead-letters")))
        assert f"#{story.dead.pk}" in html and all(f"#{o.pk}" in html for o in drifted)
        assert "Retries exhausted" in html and "Target field disappeared or changed type" in html
        only_drift = page_text(
            client.get(reverse("writeback:dead-letters"), {"failure_kind": "schema_drift"})
        )
        assert f">#{story.dead.pk}<" not in only_drift and all(f">#{o.pk}<" in only_drift for o in drifted)
        old = page_text(client.get(reverse("writeback:dead-letters"), {"age": "+1h"}))
        assert f">#{story.dead.pk}<" not in old and all(f">#{o.pk}<" in old for o in drifted)

    def test_conflict_list_shows_rep_edit_and_observed_at_side_by_side(self, story, login, world):
        html = page_text(login(world.users["viewer"]).get(reverse("writeback:conflicts")))
        assert f"#{story.conflict.pk}" in html
        assert "2026-11-02 09:00:00" in html and "2026-11-02 09:01:30" in html
        assert "minute after the AI observed" in html

    def test_conflict_list_shows_the_reps_value_the_rep_and_when_beside_the_ai_value(
        self, story, login, world
    ):
        html = page_text(login(world.users["viewer"]).get(reverse("writeback:conflicts")))
        row = html.split(f">#{story.conflict.pk}<", 1)[1].split("</tr>", 1)[0]
        ai_side = row.split('class="ai-side"', 1)[1].split("</td>", 1)[0]
        rep_side = row.split('class="rep-side"', 1)[1].split("</td>", 1)[0]
        assert ">smb<" in ai_side  # what Overwrite would send
        assert ">enterprise<" in rep_side  # what Keep keeps, read from the CRM now
        edit = world.account.history("contacts", world.ids[1])[-1]
        first, last = person(
            world.account, edit.actor.user_id
        )  # the rep's name, read from the CRM's users API
        assert (
            f'by <strong class="rep-name" title="CRM user {edit.actor.user_id}">{first} {last}</strong>'
            in rep_side
        )
        assert "2026-11-02 09:01:30 UTC" in rep_side

    def test_conflict_list_says_when_the_crm_cannot_be_read_and_still_offers_the_decision(
        self, story, login, world
    ):
        world.account.faults.set(error_rate=1.0)
        html = page_text(login(world.users["admin"]).get(reverse("writeback:conflicts")))
        world.account.faults.clear()
        row = html.split(f">#{story.conflict.pk}<", 1)[1].split("</tr>", 1)[0]
        assert "did not answer" in row and 'value="overwrite"' in row and ">smb<" in row
