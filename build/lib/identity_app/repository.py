"""The review queue's fast write path, behind a function named for what it does. (The identifier mirror's
batch reads and writes are `identity_app/mirror.py`.)"""

from django.db import connection, transaction
from simple_history.utils import bulk_create_with_history

from crmhub.core.bulk import rows_insert
from identity_app.models import ReviewItem


def review_items_insert(items: list[ReviewItem], *, now) -> None:
    """Insert new review items with their "+" history rows, as `bulk_create_with_history` would. On
    PostgreSQL both go through COPY: a multi-row INSERT of a thousand items is tens of thousands of
    placeholders that psycopg splits and merges on the client, a third of a batch's time."""
    if connection.vendor != "postgresql":
        bulk_create_with_history(items, ReviewItem, batch_size=1000, default_date=now)
        return
    history = ReviewItem.history.model
    with transaction.atomic():
        rows_insert(items)
        rows_insert(
            [
                history(
                    history_date=now,
                    history_user=history.get_default_history_user(item),
                    history_type="+",
                    **{field.attname: getattr(item, field.attname) for field in history.tracked_fields},
                )
                for item in items
            ]
        )
