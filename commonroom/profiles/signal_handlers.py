"""What follows for a profile from its account.

Accounts sits below profiles and never touches a profile: its services send
``accounts.signals`` and these receivers call profiles' services, inside the
same transaction. A changed address is rechecked here too (allauth's signal),
since what it changes is the organisation the profile names.
"""

from allauth.account import signals as account_signals
from django.dispatch import receiver

from commonroom.accounts.signals import member_approved, member_registered
from commonroom.profiles import services


@receiver(member_registered, dispatch_uid="profile_for_new_member")
def profile_for_new_member(sender, user, organisation, **kwargs):
    services.set_organisation(user=user, organisation=organisation)


@receiver(member_approved, dispatch_uid="organisation_on_approval")
def organisation_on_approval(sender, user, organisation, **kwargs):
    if organisation is not None:
        services.set_organisation(user=user, organisation=organisation)


@receiver(account_signals.email_confirmed, dispatch_uid="recount_on_confirmation")
def recount_on_confirmation(sender, request, email_address, **kwargs):
    # A confirmed address lists the person: their organisation counts them now.
    services.recount_organisation_of(user=email_address.user)


@receiver(account_signals.email_changed, dispatch_uid="recheck_changed_email")
def recheck_changed_email(
    sender, request, user, from_email_address, to_email_address, **kwargs
):
    if from_email_address is None:
        # allauth says "changed" on confirming the first address too, from
        # none. That is a confirmation (audited as such by accounts), not a
        # change: the address was checked against the allowlist at sign-up,
        # and the organisation the person typed must reach the queue intact.
        return
    # allauth has already made the confirmed new address the primary one.
    user.email = to_email_address.email
    services.recheck_after_email_change(user=user, request=request)
