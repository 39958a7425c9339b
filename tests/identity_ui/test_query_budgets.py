"""The queue, the detail page and the API list run a fixed number of queries with 100,000 review items."""

import time

import pytest
from django.db import connection as db
from django.urls import reverse

from identity_app.models import ReviewItem, ReviewReason, ReviewStatus

ITEMS = 100_000
# bulk_create costs about a millisecond a row in Django; the seed rows are built with it and then copied in
# SQL (INSERT ... SELECT, with new external ids): tenfold, and that tenfold again, up to ITEMS.
SEED_ITEMS = 1_000
# Session, user, permissions, filter choices (flows, assignees), count, page; never per row.
PAGE_BUDGET = 10
# Session, user, permissions, the item, previous and next item ids in the filter, assignees.
DETAIL_BUDGET = 9
# Token, user, permissions, count, page.
API_BUDGET = 8
REASONS = [ReviewReason.AMBIGUOUS, ReviewReason.NO_MATCH, ReviewReason.LOW_SCORE, ReviewReason.VETO]


def _candidate(rank: int, n: int) -> dict:
    return {
        "rank": rank,
        "crm_id": f"C-{n}-{rank}",
        "score": 12.0 - rank,
        "probability": 0.9,
        "display": {"first_name": "Pat", "last_name": f"Lee{n}", "emails": f"pat{n}@corp{rank}.example"},
        "attributes": {"first_name": "pat", "last_name": f"lee{n}"},
        "contributions": [
            {
                "attribute": "first_name",
                "method": "jaro_winkler",
                "inbound": "pat",
                "candidate": "pat",
                "level": "exact",
                "weight": 5.4,
            },
            {
                "attribute": "last_name",
                "method": "jaro_winkler",
                "inbound": f"lee{n}",
                "candidate": f"lee{n}",
                "level": "exact",
                "weight": 6.6 - rank,
            },
        ],
        "vetoed_by": [],
        "note": "",
    }


@pytest.fixture
def many_items(flow, creating_flow, users):
    assignees = [None, users["reviewer"], users["admin"]]
    started = time.monotonic()
    ReviewItem.objects.bulk_create(
        (
            ReviewItem(
                flow=flow if n % 3 else creating_flow,
                source_system="lead_scorer",
                external_id=f"ext-{n}",
                reason=REASONS[n % len(REASONS)],
                status=ReviewStatus.OPEN if n % 10 else ReviewStatus.DISMISSED,
                assignee=assignees[n % 3],
                payload={
                    "source_system": "lead_scorer",
                    "external_id": f"ext-{n}",
                    "attributes": {
                        "first_name": "Pat",
                        "last_name": f"Lee{n}",
                        "email": f"pat{n}@x.example",
                        "company": "Corp",
                    },
                },
                candidates=[_candidate(rank, n) for rank in range(1, 1 + n % 3)],
                top_score=11.0 if n % 3 else None,
                occurrences=1 + n % 4,
            )
            for n in range(SEED_ITEMS)
        ),
        batch_size=5000,
    )
    _copy_rows(9, suffix="-a")
    _copy_rows(9, suffix="-b")
    elapsed = time.monotonic() - started
    print(f"built {ITEMS} review items in {elapsed:.1f}s")
    assert ReviewItem.objects.count() == ITEMS
    return ReviewItem.objects.order_by("-id")


def _copy_rows(copies: int, *, suffix: str) -> None:
    """Copy every review item there is `copies` times in SQL, each copy under new external ids (`suffix` and the
    copy's number appended)."""
    meta = ReviewItem._meta
    table = db.ops.quote_name(meta.db_table)
    columns = [f.column for f in meta.concrete_fields if f.column != meta.pk.column]
    quoted = ", ".join(db.ops.quote_name(c) for c in columns)
    with db.cursor() as cursor:
        cursor.execute(f"SELECT MAX({db.ops.quote_name(meta.pk.column)}) FROM {table}")
        (last_id,) = cursor.fetchone()
        for copy in range(1, copies + 1):
            selected = ", ".join(
                f"{db.ops.quote_name(c)} || '{suffix}{copy}'" if c == "external_id" else db.ops.quote_name(c)
                for c in columns
            )
            cursor.execute(
                f"INSERT INTO {table} ({quoted}) "  # table and column names come from the model
                f"SELECT {selected} FROM {table} WHERE {db.ops.quote_name(meta.pk.column)} <= %s",
                [last_id],
            )


def test_query_budgets_with_100000_items(
    login, api_for, users, flow, creating_flow, many_items, django_assert_max_num_queries
):
    """One test, so the 100,000 items are built once (that takes most of its time)."""
    browser = login(users["reviewer"])
    for query in (
        {},
        {"flow": flow.pk, "reason": "ambiguous", "assignee": "me"},
        {"status": "all", "assignee": "none", "age": "7d"},
        {"status": "dismissed", "page": 100},
    ):
        with django_assert_max_num_queries(PAGE_BUDGET):
            response = browser.get(reverse("identity:queue"), query)
        assert response.status_code == 200
    first_page = browser.get(reverse("identity:queue")).context["page"]
    assert len(first_page) == 50
    assert first_page.paginator.count == ITEMS - ITEMS // 10

    item = many_items.filter(status=ReviewStatus.OPEN).exclude(top_score=None)[5000]
    for query in ({}, {"flow": item.flow_id, "reason": item.reason}):
        with django_assert_max_num_queries(DETAIL_BUDGET):
            response = browser.get(reverse("identity:item", args=[item.pk]), query)
        assert response.status_code == 200
        assert response.context["next_url"] and response.context["previous_url"]
        assert response.context["rows"]

    client = api_for("reviewer")
    for query in (
        {},
        {"status": "open", "flow": creating_flow.pk, "reason": "veto", "assignee": "none"},
        {"page": 300},
    ):
        with django_assert_max_num_queries(API_BUDGET):
            response = client.get(reverse("review-item-list"), query)
        assert response.status_code == 200
        assert len(response.json()["results"]) == 100
