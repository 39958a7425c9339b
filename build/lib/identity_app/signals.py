"""Signals other apps connect to. Sent after the deciding transaction commits."""

from django.dispatch import Signal

# kwargs: item (ReviewItem), decision ("linked" | "create_requested" | "dismissed"), crm_id (str, "" unless
# linked), actor. The write-back pipeline connects here to release (or drop) the writes it held for the record.
review_item_resolved = Signal()
