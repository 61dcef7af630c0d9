"""Cache invalidation for the access kernel (the one use of signals here).

Cached sets of community ids (``access.open_community_ids``) are keyed by a
version that changes whenever a community is created, deleted, or changes its
visibility, status or public reading, however the change was saved.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from commonroom.communities import access
from commonroom.communities.models import Community

ACCESS_FIELDS = frozenset({"visibility", "status", "public_reading"})


@receiver(post_save, sender=Community, dispatch_uid="community-access-version-save")
def _community_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or update_fields is None or ACCESS_FIELDS & set(update_fields):
        access.bump_communities_version()


@receiver(post_delete, sender=Community, dispatch_uid="community-access-version-delete")
def _community_deleted(sender, instance, **kwargs):
    access.bump_communities_version()
