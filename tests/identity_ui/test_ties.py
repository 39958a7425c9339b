"""Ties on the review item page: marked, explained, and never taken by a bulk action."""

from django.urls import reverse

from identity_app import selectors
from identity_app.models import ReviewItem, ReviewReason


def test_the_detail_page_marks_a_tie_and_says_the_records_may_be_duplicates(login, users, ambiguous_item):
    tied = selectors.review_item_tie(ambiguous_item)
    assert {"C-1", "C-2"} <= set(tied)
    response = login(users["reviewer"]).get(reverse("identity:item", args=[ambiguous_item.pk]))
    body = response.content.decode()
    assert 'id="tie-notice"' in body
    assert "may be duplicates of each other" in body
    assert "C-1" in body and "C-2" in body
    assert body.count('class="risk tied"') == len(tied)


def test_a_clear_best_candidate_is_not_marked_as_a_tie(login, users, clear_item):
    assert selectors.review_item_tie(clear_item) == []
    body = login(users["reviewer"]).get(reverse("identity:item", args=[clear_item.pk])).content.decode()
    assert 'id="tie-notice"' not in body


def test_items_stored_before_ties_were_flagged_tie_on_equal_scores(flow):
    def item(*scores):
        candidates = [{"crm_id": f"C-{i}", "score": score} for i, score in enumerate(scores)]
        return ReviewItem(
            flow=flow, source_system="s", reason=ReviewReason.AMBIGUOUS, payload={}, candidates=candidates
        )

    assert selectors.review_item_tie(item(12.0, 12.0, 3.0)) == ["C-0", "C-1"]
    assert selectors.review_item_tie(item(12.0, 11.5)) == []


def test_a_tie_between_differently_named_records_is_not_called_a_duplicate(login, users, flow):
    """Two colleagues at one new company tie for a job changer known only by name and city: they are two
    people, and the page must not send the reviewer off to merge them."""
    item = ReviewItem.objects.create(
        flow=flow,
        source_system="s",
        external_id="lead-9",
        reason=ReviewReason.AMBIGUOUS,
        payload={"first_name": "Emily", "last_name": "Wallace"},
        candidates=[
            {
                "crm_id": "C-7",
                "score": 9.0,
                "tied": True,
                "display": {"first_name": "Emily", "last_name": "Williams"},
            },
            {
                "crm_id": "C-8",
                "score": 9.0,
                "tied": True,
                "display": {"first_name": "Judith", "last_name": "Wallace"},
            },
        ],
    )
    body = login(users["reviewer"]).get(reverse("identity:item", args=[item.pk])).content.decode()
    assert 'id="tie-notice"' in body
    assert "may be duplicates" not in body
    assert "Their names differ, so they are different records in the CRM" in body
