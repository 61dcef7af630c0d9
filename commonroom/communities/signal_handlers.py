"""What communities does when something happens elsewhere.

- Cache invalidation for the access kernel: cached sets of community ids
  (``access.open_community_ids``) are keyed by a version that changes whenever
  a community is created, deleted, or changes its visibility, status or public
  reading, however the change was saved.
- Invitations wait until the person may take part: they are accepted when an
  administrator approves the person (``accounts.signals.member_approved``,
  sent inside the approval's transaction) and when someone invited before they
  registered confirms their address (allauth's ``email_confirmed``).
"""

from allauth.account import signals as account_signals
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from commonroom.accounts.signals import member_approved
from commonroom.communities import access
from commonroom.communities.models import Community
from commonroom.communities.services.invitations import (
    accept_pending_invitations_for,
)
from commonroom.communities.services.membership import recount_communities_of

ACCESS_FIELDS = frozenset({"visibility", "status", "public_reading"})


@receiver(post_save, sender=Community, dispatch_uid="community-access-version-save")
def _community_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or update_fields is None or ACCESS_FIELDS & set(update_fields):
        access.bump_communities_version()


@receiver(post_delete, sender=Community, dispatch_uid="community-access-version-delete")
def _community_deleted(sender, instance, **kwargs):
    access.bump_communities_version()


@receiver(member_approved, dispatch_uid="join_invited_communities_on_approval")
def _join_on_approval(sender, user, **kwargs):
    accept_pending_invitations_for(user=user)


@receiver(
    account_signals.email_confirmed,
    dispatch_uid="join_invited_communities_on_confirmation",
)
def _join_on_confirmation(sender, request, email_address, **kwargs):
    accept_pending_invitations_for(user=email_address.user)
    # A confirmed address lists the person: the member counts of communities
    # they already belong to include them now.
    recount_communities_of(user=email_address.user)
