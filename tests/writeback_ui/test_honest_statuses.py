"""A record some of whose fields failed does not read as a green "Completed": it says how many fields failed."""

from django.urls import reverse

from crmhub.writeback.models import InboundStatus, OutcomeStatus


def badge_of(html: str, record_pk: int) -> str:
    """The status badge on the row of `record_pk` in the record list."""
    row = html.split(f'href="{reverse("writeback:record", args=[record_pk])}"', 1)[1].split("</tr>", 1)[0]
    return row.split('<span class="badge inbound-', 1)[1].split("</span>", 1)[0]


def test_a_record_with_one_rejected_field_of_two_reads_partly_written(world, login):
    world.post([world.output(world.ids[4], "part-1", score="not a number", segment="smb")])
    record = world.record("part-1")
    assert record.status == InboundStatus.COMPLETED
    statuses = sorted(record.outcomes.values_list("status", flat=True))
    assert OutcomeStatus.REJECTED in statuses and len(statuses) >= 2
    failed = statuses.count(OutcomeStatus.REJECTED)
    expected = f"Partly written ({failed} of {len(statuses)} fields failed)"

    client = login(world.users["viewer"])
    listed = client.get(reverse("writeback:records")).content.decode()
    detail = client.get(reverse("writeback:record", args=[record.pk])).content.decode()

    assert badge_of(listed, record.pk) == f'partial">{expected}'
    assert f'<span class="badge inbound-partial">{expected}</span>' in detail
    assert "Completed" not in badge_of(listed, record.pk)


def test_a_record_whose_only_field_was_dead_lettered_reads_not_written(world, login):
    world.settings.max_attempts = 1
    world.settings.save()
    world.account.faults.set(error_rate=1.0)
    world.post([world.output(world.ids[3], "dead-1", score=33)])
    world.account.faults.clear()
    record = world.record("dead-1")
    dead = record.outcomes.filter(status=OutcomeStatus.DEAD_LETTERED).count()
    total = record.outcomes.count()
    assert record.status == InboundStatus.COMPLETED and dead >= 1

    listed = login(world.users["viewer"]).get(reverse("writeback:records")).content.decode()

    label = "Not written" if dead == total else "Partly written"
    assert f"{label} ({dead} of {total} field" in badge_of(listed, record.pk)


def test_a_fully_written_record_still_reads_completed(world, login):
    world.post([world.output(world.ids[0], "ok-1", score=87.5, segment="smb")])
    record = world.record("ok-1")
    listed = login(world.users["viewer"]).get(reverse("writeback:records")).content.decode()
    assert badge_of(listed, record.pk) == 'completed">Completed'
