"""Connects the write-back pipeline to identity review decisions (imported by crmhub.writeback.apps)."""

from django.dispatch import receiver

from identity_app.signals import review_item_resolved


@receiver(review_item_resolved, dispatch_uid="writeback_release_held_records")
def release_held_records(sender, item, decision, crm_id, actor, **kwargs):
    from crmhub.writeback.services import held_records_dismiss, held_records_release

    if decision == "dismissed":
        held_records_dismiss(item=item)
    else:
        held_records_release(item=item, decision=decision, crm_id=crm_id, actor=actor)
