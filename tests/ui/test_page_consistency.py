"""Pages read one way: every moment through the `when` filter (the reader's locale and zone, the full moment on
hover; no template formats a moment by hand), and every list of facts styled by the stylesheet every page loads."""

import re
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.template import engines
from django.urls import reverse

from crmhub.templatetags.hub import when
from tests import factories

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# A moment formatted by hand: a date filter with a time in it or ISO ('c'), or a relative time standing alone.
HAND_MADE = re.compile(
    r"""\|date:["'](?:c|[^"']*[HhGgisaAPfU][^"']*)["']|\|naturaltime|\|timesince\s*\}\}\s*ago"""
    r"""|\{\{ [\w.]*(?:\.at|_at) \}\}"""  # a stored moment printed as it is (ISO text with microseconds)
)


def test_no_template_formats_a_moment_by_hand():
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for match in HAND_MADE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_a_missing_moment_reads_as_the_words_the_page_gives():
    rendered = engines["django"].from_string(
        '{% load hub %}{{ started|when:"queued" }} / {{ finished|when }} / {{ at|when }}'
    )
    text = rendered.render(
        {"started": None, "finished": None, "at": datetime(2026, 12, 4, 6, 1, 2, tzinfo=UTC)}
    )
    assert text.startswith('queued / — / <time datetime="2026-12-04T06:01:02+00:00"')
    assert when("not a moment", "never") == "never"


def test_pages_that_showed_iso_moments_show_the_one_format(client, users, connection):
    from crmhub.sync.models import SyncKind, SyncRun, SyncState, SyncTrigger

    state = SyncState.objects.create(connection=connection, object_name="contacts")
    run = SyncRun.objects.create(
        state=state,
        connection=connection,
        object_name="contacts",
        kind=SyncKind.INCREMENTAL,
        trigger=SyncTrigger.MANUAL,
        started_at=datetime(2026, 12, 4, 6, 1, 2, 345678, tzinfo=UTC),
    )
    assert factories.sign_in(client, "alice")
    html = client.get(reverse("sync:run-detail", args=[run.pk])).content.decode()
    assert '<time datetime="2026-12-04T06:01:02+00:00" title="2026-12-04 06:01:02 UTC" data-local>' in html
    assert "06:01:02.345678" not in html


def test_every_list_of_facts_is_styled_by_the_stylesheet_every_page_loads():
    """A `<dl class=...>` whose rule lived in one app's stylesheet rendered as a bare indented list on the
    pages of the apps that do not load it (the destination page's settings)."""
    css = (Path(settings.BASE_DIR) / "static" / "css" / "hub.css").read_text(encoding="utf-8")
    classes = {
        name
        for path in TEMPLATES.rglob("*.html")
        for name in re.findall(r'<dl class="([\w-]+)"', path.read_text(encoding="utf-8"))
    }
    assert (
        classes
        and {name for name in classes if f"dl.{name} " not in css and f"dl.{name}," not in css} == set()
    )


def test_the_sync_run_history_shows_when_each_run_started_before_its_counts(client, users, connection):
    """At 1366 px the fifteen columns scroll sideways: the start time, last, was out of sight."""
    from crmhub.sync.models import SyncKind, SyncRun, SyncState, SyncTrigger

    state = SyncState.objects.create(connection=connection, object_name="contacts")
    SyncRun.objects.create(
        state=state, connection=connection, object_name="contacts", kind=SyncKind.INCREMENTAL,
        trigger=SyncTrigger.MANUAL, started_at=datetime(2026, 12, 4, 6, 1, 2, tzinfo=UTC),
    )  # fmt: skip
    assert factories.sign_in(client, "alice")
    html = client.get(reverse("sync:run-list")).content.decode()
    assert "<th>Run</th><th>Started</th>" in html
