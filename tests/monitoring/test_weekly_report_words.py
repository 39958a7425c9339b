"""The weekly report names the kind of each top failure in words: a value the CRM field could not take is a
"Rejected value", as a dead letter's kind is its label, not a stored status."""

from django.template.loader import render_to_string
from django.test import RequestFactory

from monitoring_app import selectors
from tests.monitoring.conftest import NOW


def test_top_failures_name_their_kind_in_words(flow, build, users):
    build.outcome("rejected", reason="'n/a' is not a number.")
    request = RequestFactory().get("/monitoring/report/")
    request.user = users["viewer"]
    html = render_to_string(
        "monitoring/weekly_report.html", {"report": selectors.weekly_report(now=NOW)}, request=request
    )
    assert "<td>Rejected value</td><td>&#x27;n/a&#x27; is not a number.</td>" in html
