"""Replays, conflict decisions, resumes and the shadow -> sample -> review -> go-live path, through the pages."""

import pytest
from django.urls import reverse

from crmhub.models import ConnectionStatus
from crmhub.writeback.models import (
    ConflictResolution,
    GoLiveDecision,
    OutcomeStatus,
    ShadowSample,
    WriteOutcome,
)
from tests.writeback_ui.conftest import OnOneStory, dead_letter_rows, world_again, world_built_once


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def follow_post(client, url, data=None):
    response = client.post(url, data or {}, follow=True)
    assert response.status_code == 200
    return response


def test_resuming_a_paused_connection_sends_the_waiting_writes(login, world):
    world.account.revoke_refresh_token()
    world.account.expire_access_token()
    world.post([world.output(world.ids[11], "paused-1", score=12)])
    world.connection.refresh_from_db()
    assert world.connection.status == ConnectionStatus.PAUSED
    world.connection.credentials = {**world.connection.credentials, **world.account.credentials}
    world.connection.save()
    admin = login(world.users["admin"])
    assert "Resume" in admin.get(reverse("writeback:connections")).content.decode()
    response = follow_post(admin, reverse("writeback:connection-resume", args=[world.connection.pk]))
    assert messages_of(response) == ["acme-hubspot resumed; the waiting writes of 1 record(s) were sent on."]
    world.connection.refresh_from_db()
    assert world.connection.status == ConnectionStatus.ACTIVE
    assert "Connection resumed" in response.content.decode()


# ---------------------------------------------------------------- shadow -> live


def shadow_writes_made(world):
    """A shadow flow with 110 would-be writes (the sandbox has 30 contacts; records repeat them)."""
    world.flow.mode = "shadow"
    world.flow.save()
    records = [world.output(world.ids[n % 30], f"sh-{n}", score=n) for n in range(110)]
    world.post(records)
    assert WriteOutcome.objects.filter(status=OutcomeStatus.SHADOW).count() == 110
    return world.flow


@pytest.fixture(scope="class")
def shadow_writes_made_once(django_db_setup, django_db_blocker):
    with world_built_once(django_db_blocker, shadow_writes_made) as shared:
        yield shared


class OnOneShadowFlow:
    """Base of a class whose tests share one shadow flow and its 110 would-be writes, built once."""

    @pytest.fixture
    def world(self, shadow_writes_made_once, db):
        with world_again(shadow_writes_made_once) as shared:
            yield shared

    @pytest.fixture
    def shadow_flow(self, world):
        return world.flow


def draw(client, flow, size: int) -> ShadowSample:
    response = follow_post(client, reverse("writeback:sample-draw", args=[flow.pk]), {"size": size})
    sample = ShadowSample.objects.latest("pk")
    assert messages_of(response) == [
        f"Sample #{sample.pk}: {size} shadow write(s) drawn at random for review."
    ]
    assert response.redirect_chain[-1][0] == reverse("writeback:sample", args=[sample.pk])
    return sample


def mark(client, sample, verdicts: dict[int, str]):
    data = {f"verdict-{pk}": verdict for pk, verdict in verdicts.items()}
    return follow_post(client, reverse("writeback:sample-review", args=[sample.pk]), data)


def go_live(client, sample, note="", backlog="discard"):
    """The go-live form; it asks what to do with the shadow backlog (changed with issue 17: a required answer)."""
    data = {"note": note, "backlog": backlog} if backlog else {"note": note}
    return follow_post(client, reverse("writeback:go-live", args=[sample.pk]), data)


def test_drawing_from_a_flow_without_shadow_writes_says_so(login, world):
    world.flow.mode = "shadow"
    world.flow.save()
    response = follow_post(
        login(world.users["reviewer"]), reverse("writeback:sample-draw", args=[world.flow.pk]), {"size": 10}
    )
    assert messages_of(response) == ["Flow lead scores has no shadow writes to sample yet."]


class TestActionsOnOneStory(OnOneStory):
    """Replays and conflict decisions on one pipeline story, built once for these tests."""

    def test_replaying_one_dead_letter_writes_it_after_the_fix(self, login, world, story):
        admin = login(world.users["admin"])
        response = follow_post(admin, reverse("writeback:dead-letters-replay"), {"one": story.dead.pk})
        assert messages_of(response) == [f"Re-queued 1 value(s) for writing: #{story.dead.pk}."]
        world.run()
        story.dead.refresh_from_db()
        assert story.dead.status == OutcomeStatus.WRITTEN_VERIFIED and story.dead.replay_count == 1
        assert float(world.crm_value(world.ids[3], "ai_score")) == 33
        assert any(entry["event"] == "replayed" and entry["detail"] == "by alice" for entry in story.dead.log)

    def test_replaying_a_selection_replays_only_the_ticked_dead_letters(self, login, world, story):
        rows = dead_letter_rows(world, 4)
        chosen = [rows[0].pk, rows[2].pk]
        response = follow_post(
            login(world.users["admin"]), reverse("writeback:dead-letters-replay"), {"ids": chosen}
        )
        assert f"Re-queued 2 value(s) for writing: #{chosen[0]}, #{chosen[1]}." in messages_of(response)
        replayed = set(WriteOutcome.objects.filter(replay_count=1).values_list("pk", flat=True))
        assert replayed == set(chosen)
        assert (
            WriteOutcome.objects.filter(status=OutcomeStatus.DEAD_LETTERED).count() == 3
        )  # story.dead + 2 rows

    def test_a_row_button_wins_over_ticked_boxes(self, login, world, story):
        rows = dead_letter_rows(world, 2)
        follow_post(
            login(world.users["admin"]),
            reverse("writeback:dead-letters-replay"),
            {"one": rows[1].pk, "ids": [rows[0].pk, rows[1].pk]},
        )
        assert list(WriteOutcome.objects.filter(replay_count=1).values_list("pk", flat=True)) == [rows[1].pk]

    def test_replaying_nothing_says_so(self, login, world, story):
        response = follow_post(login(world.users["admin"]), reverse("writeback:dead-letters-replay"), {})
        assert messages_of(response) == ["Select dead letters first."]

    def test_replay_all_asks_first_then_replays_every_matching_dead_letter(self, login, world, story):
        rows = dead_letter_rows(world, 3)
        admin = login(world.users["admin"])
        confirm = admin.get(reverse("writeback:dead-letters-replay-all"))
        assert confirm.status_code == 200 and "Replay 4 values" in confirm.content.decode()
        assert WriteOutcome.objects.filter(replay_count=1).count() == 0  # asking changes nothing
        response = follow_post(admin, reverse("writeback:dead-letters-replay-all"))
        assert messages_of(response)[0].startswith("Re-queued 4 value(s) for writing:")
        assert set(WriteOutcome.objects.filter(replay_count=1).values_list("pk", flat=True)) == {
            story.dead.pk,
            *(row.pk for row in rows),
        }

    def test_replay_all_keeps_to_the_filters(self, login, world, story):
        drifted = dead_letter_rows(world, 2, failure_kind="schema_drift")
        url = reverse("writeback:dead-letters-replay-all") + "?failure_kind=schema_drift"
        admin = login(world.users["admin"])
        assert "Replay 2 values" in admin.get(url).content.decode()
        follow_post(admin, url)
        assert set(WriteOutcome.objects.filter(replay_count=1).values_list("pk", flat=True)) == {
            o.pk for o in drifted
        }

    def test_replay_refused_in_shadow_mode_says_why(self, login, world, story):
        world.flow.mode = "shadow"
        world.flow.save()
        response = follow_post(
            login(world.users["admin"]), reverse("writeback:dead-letters-replay"), {"one": story.dead.pk}
        )
        assert messages_of(response) == [f"Not replayed (1): #{story.dead.pk}: The flow is in shadow mode."]

    @pytest.mark.parametrize(
        ("decision", "status", "resolution"),
        [
            ("overwrite", OutcomeStatus.WRITTEN_VERIFIED, ConflictResolution.OVERWRITTEN),
            ("keep", OutcomeStatus.SKIPPED, ConflictResolution.KEPT),
        ],
    )
    def test_deciding_a_conflict(self, decision, status, resolution, login, world, story):
        admin = login(world.users["admin"])
        response = follow_post(
            admin, reverse("writeback:conflict-resolve", args=[story.conflict.pk]), {"decision": decision}
        )
        assert messages_of(response)[0].startswith(f"Conflict #{story.conflict.pk} (ai_segment) decided")
        world.run()
        story.conflict.refresh_from_db()
        assert story.conflict.status == status and story.conflict.conflict_resolution == resolution
        assert story.conflict.resolved_by == world.users["admin"]
        assert world.crm_value(world.ids[1], "ai_segment") == (
            "smb" if decision == "overwrite" else "enterprise"
        )
        assert f"#{story.conflict.pk}" not in admin.get(reverse("writeback:conflicts")).content.decode()
        again = follow_post(
            admin, reverse("writeback:conflict-resolve", args=[story.conflict.pk]), {"decision": "keep"}
        )
        assert messages_of(again) == [f"Outcome #{story.conflict.pk} is not an open conflict."]


class TestShadowToLive(OnOneShadowFlow):
    """Sample, review and go-live on one shadow flow, built once for these tests."""

    def test_shadow_sample_review_and_go_live(self, login, world, shadow_flow):
        reviewer, admin = login(world.users["reviewer"]), login(world.users["admin"])
        sample = draw(reviewer, shadow_flow, 100)
        review_ids = list(sample.reviews.values_list("pk", flat=True))
        page = reviewer.get(reverse("writeback:sample", args=[sample.pk])).content.decode()
        assert page.count('class="review-row') == 100 and "0</span> / 100" in page

        # 99 reviewed, all correct: under the minimum of 100, refused and recorded.
        response = mark(reviewer, sample, dict.fromkeys(review_ids[:99], "correct"))
        assert messages_of(response) == ["Saved 99 verdict(s)."]
        assert "99</span> / 100" in response.content.decode()
        refused = go_live(admin, sample, note="too early")
        assert "stays in shadow mode: 99 of 99 correct" in messages_of(refused)[0]
        shadow_flow.refresh_from_db()
        assert shadow_flow.mode == "shadow"

        # 100 reviewed, 100 correct: Wilson lower bound 0.963 > 0.95, allowed.
        mark(reviewer, sample, {review_ids[99]: "correct"})
        approved = go_live(admin, sample, note="looks right")
        assert messages_of(approved)[0].startswith(
            "lead scores is live: 100 of 100 correct, Wilson lower bound 0.963"
        )
        shadow_flow.refresh_from_db()
        assert shadow_flow.mode == "live"

        decisions = list(GoLiveDecision.objects.filter(flow=shadow_flow).order_by("pk"))
        assert [(d.approved, d.reviewed, d.decided_by.username) for d in decisions] == [
            (False, 99, "alice"),
            (True, 100, "alice"),
        ]
        flow_page = approved.content.decode()  # the redirect lands on the flow's page
        assert "refused" in flow_page and "approved: live" in flow_page and "0.963" in flow_page
        assert "too early" in flow_page and "looks right" in flow_page

        # The sample that took the flow live can no longer change.
        locked = mark(reviewer, sample, {review_ids[0]: "incorrect"})
        assert "already took its flow live" in messages_of(locked)[0]

    def test_go_live_is_refused_below_the_bound(self, login, world, shadow_flow):
        reviewer, admin = login(world.users["reviewer"]), login(world.users["admin"])
        sample = draw(reviewer, shadow_flow, 100)
        review_ids = list(sample.reviews.values_list("pk", flat=True))
        verdicts = {pk: ("incorrect" if n < 3 else "correct") for n, pk in enumerate(review_ids)}
        mark(reviewer, sample, verdicts)
        response = go_live(admin, sample)
        assert "stays in shadow mode: 97 of 100 correct, Wilson lower bound 0.915" in messages_of(response)[0]
        decision = GoLiveDecision.objects.get()
        assert not decision.approved and decision.threshold == 0.95 and decision.sample == sample
        shadow_flow.refresh_from_db()
        assert shadow_flow.mode == "shadow"

    def test_unchanged_verdicts_are_not_saved_again(self, login, world, shadow_flow):
        reviewer = login(world.users["reviewer"])
        sample = draw(reviewer, shadow_flow, 5)
        first = sample.reviews.first()
        mark(reviewer, sample, {first.pk: "correct"})
        first.refresh_from_db()
        marked_at, versions = first.reviewed_at, first.history.count()
        assert messages_of(mark(reviewer, sample, {first.pk: "correct"})) == ["No verdict changed."]
        first.refresh_from_db()
        assert first.reviewed_at == marked_at and first.history.count() == versions

    def test_the_sample_page_states_the_gate_in_words(self, login, world, shadow_flow):
        reviewer = login(world.users["reviewer"])
        sample = draw(reviewer, shadow_flow, 100)
        page = reviewer.get(reverse("writeback:sample", args=[sample.pk])).content.decode()
        words = page.split('id="gate-words"', 1)[1].split("</p>", 1)[0]
        assert "at least <strong>100 reviewed</strong>" in words and "above <strong>95 %</strong>" in words
        assert "With 100 reviewed, <strong>0 mistakes</strong> are allowed" in words
        assert "a single “incorrect” blocks go-live" in words
        assert "So far: 0 reviewed, 0 mistakes." in words

    def test_the_sample_rows_show_the_record_the_current_crm_value_and_the_proposed_one(
        self, login, world, shadow_flow
    ):
        reviewer = login(world.users["reviewer"])
        sample = draw(reviewer, shadow_flow, 5)
        world.account.rep_edit(
            "contacts", sample.reviews.first().outcome.inbound.crm_id, {"ai_score": "12.5"}
        )
        page = reviewer.get(reverse("writeback:sample", args=[sample.pk])).content.decode()
        for review in sample.reviews.select_related("outcome__inbound"):
            row = page.split(f'data-review="{review.pk}"', 1)[1].split("</tr>", 1)[0]
            record = world.account.get_record("contacts", review.outcome.inbound.crm_id)
            assert record["email"] in row  # who the record is, from the mirror
            now = row.split('class="now-in-crm mono">', 1)[1].split("</td>", 1)[0]
            assert now == (str(record["ai_score"]) if record.get("ai_score") not in (None, "") else "(empty)")
            assert f'<strong class="mono">{review.outcome.planned_value}' in row

    def test_go_live_asks_about_the_shadow_backlog_with_a_preview_count(self, login, world, shadow_flow):
        reviewer, admin = login(world.users["reviewer"]), login(world.users["admin"])
        sample = draw(reviewer, shadow_flow, 100)
        mark(reviewer, sample, dict.fromkeys(sample.reviews.values_list("pk", flat=True), "correct"))
        page = admin.get(reverse("writeback:sample", args=[sample.pk])).content.decode()
        assert '<strong id="backlog-count">30</strong>' in page  # 110 shadow values over 30 contacts

        unanswered = go_live(admin, sample, backlog="")
        assert messages_of(unanswered) == ["Say what to do with the shadow backlog: send it or discard it."]
        shadow_flow.refresh_from_db()
        assert shadow_flow.mode == "shadow" and not GoLiveDecision.objects.exists()

        sent = go_live(admin, sample, backlog="send")
        world.run()
        assert "the shadow backlog is being sent" in messages_of(sent)[0]
        assert "shadow backlog sent (30 values)" in sent.content.decode()  # recorded, on the flow page
        latest = WriteOutcome.objects.filter(inbound__idempotency_key="sh-109").get()
        assert world.crm_value(latest.inbound.crm_id, "ai_score") in (109, 109.0, "109", "109.0")
