"""Signals other apps connect to. Sent after the deciding transaction commits."""

from django.dispatch import Signal

# kwargs: item (ReviewItem), decision ("linked" | "create_requested"), crm_id (str, "" for a create), actor.
# The write-back pipeline connects here to release the writes it held for the item's record.
review_item_resolved = Signal()
