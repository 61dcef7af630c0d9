"""Changes to profiles and contacts. Each checks who is asking, except those
that follow from an account (``accounts.signals``): a new member's profile,
the organisation it names."""

import uuid
from collections.abc import Iterable, Sequence

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from commonroom.accounts import services as account_services
from commonroom.audit.models import AuditEvent
from commonroom.audit.services import record_event
from commonroom.core import search_index
from commonroom.core.images import PreparedImage
from commonroom.core.models import ServiceArea
from commonroom.organisations import services as organisation_services
from commonroom.organisations.domains import organisation_for_email
from commonroom.organisations.models import Organisation
from commonroom.profiles import audit_details, permissions
from commonroom.profiles.models import Contact, Profile
from commonroom.tags.services import tags_for

PROFILE_FIELDS = ["job_title", "role_type", "bio", "privacy", "show_online_presence"]


@transaction.atomic
def update_profile(
    *,
    actor,
    profile: Profile,
    job_title: str,
    role_type: str,
    service_areas: Iterable[ServiceArea],
    expertise: Sequence[str],
    bio: str,
    privacy: str,
    show_online_presence: bool,
) -> Profile:
    """Save what a member says about their work. Organisation is not theirs to set."""
    permissions.check_edit_profile(actor, profile)
    profile.job_title = job_title
    profile.role_type = role_type
    profile.bio = bio
    profile.privacy = privacy
    profile.show_online_presence = show_online_presence
    profile.full_clean()
    if profile.pk is None:
        profile.save()
    else:
        profile.save(update_fields=[*PROFILE_FIELDS, "updated_at"])
    profile.service_areas.set(service_areas)
    profile.expertise.set(tags_for(expertise, reader=actor))
    search_index.changed(profile.user)
    return profile


def set_photo(*, actor, profile: Profile, photo: PreparedImage | None) -> Profile:
    """Store a prepared photo under a random name, or remove it (``None``).

    The file it replaces is deleted once the change is committed; if saving the
    row fails, the new file is deleted again. Removing a photo that is not there
    does nothing.
    """
    permissions.check_edit_profile(actor, profile)
    if photo is None and not profile.photo:
        return profile
    with transaction.atomic():
        return _replace_photo(profile=profile, photo=photo)


def _replace_photo(*, profile: Profile, photo: PreparedImage | None) -> Profile:
    old_name = profile.photo.name if profile.photo else ""
    if photo is None:
        profile.photo = ""
    else:
        profile.photo.save(
            f"{uuid.uuid4().hex}.{photo.extension}",
            ContentFile(photo.content),
            save=False,
        )
    new_name = profile.photo.name if profile.photo else ""
    try:
        profile.full_clean()
        if profile.pk is None:
            profile.save()
        else:
            profile.save(update_fields=["photo", "updated_at"])
    except Exception:
        if new_name:
            profile.photo.storage.delete(new_name)
        raise
    if old_name:
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return profile


@transaction.atomic
def add_contact(*, actor, contact) -> Contact:
    """Add ``contact`` to the actor's contacts; adding twice changes nothing."""
    permissions.check_add_contact(actor, contact)
    existing = Contact.objects.filter(owner_id=actor.pk, contact_id=contact.pk).first()
    if existing is not None:
        return existing
    row = Contact(owner=actor, contact=contact)
    row.full_clean()
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # a double click raced us here
        return Contact.objects.get(owner_id=actor.pk, contact_id=contact.pk)
    return row


@transaction.atomic
def remove_contact(*, actor, contact) -> None:
    """Take ``contact`` off the actor's contacts; removing twice changes nothing."""
    permissions.check_remove_contact(actor)
    Contact.objects.filter(owner_id=actor.pk, contact_id=contact.pk).delete()


# A member's organisation --------------------------------------------------------


def set_organisation(*, user, organisation: Organisation | None) -> Profile:
    """Name ``organisation`` on the person's profile (made if they have none)
    and recount its members. Sent by accounts: a new member, an approval."""
    profile, _ = Profile.objects.update_or_create(
        user=user, defaults={"organisation": organisation}
    )
    if organisation is not None:
        organisation_services.synchronize_member_counts(
            organisation_ids=[organisation.pk]
        )
    search_index.changed(user)
    return profile


def recount_organisation_of(*, user) -> None:
    """Recount the members of the person's organisation (after they became
    listed, by confirming their address)."""
    organisation_id = (
        Profile.objects.filter(user_id=user.pk)
        .values_list("organisation_id", flat=True)
        .first()
    )
    if organisation_id is not None:
        organisation_services.synchronize_member_counts(
            organisation_ids=[organisation_id]
        )


@transaction.atomic
def recheck_after_email_change(*, user, request=None):
    """After a confirmed change of address, check the new one against the allowlist.

    A new address on an allowlisted domain links the member to that
    organisation. One that is not sends the account back to the approval queue:
    the old address's approval does not carry over to an unknown one.
    """
    organisation = organisation_for_email(user.email)
    profile, _ = Profile.objects.get_or_create(user=user)
    previous = profile.organisation
    if organisation is not None:
        profile.organisation = organisation
        profile.save(update_fields=["organisation", "updated_at"])
    elif not user.is_staff:
        account_services.send_back_for_approval(
            user=user, requested_organisation=previous.name if previous else ""
        )
    ids = [org.pk for org in (previous, organisation) if org is not None]
    if ids:
        organisation_services.synchronize_member_counts(organisation_ids=ids)
    record_event(
        AuditEvent.Action.EMAIL_CHANGED,
        request=request,
        actor=user,
        subject=user,
        detail=(
            audit_details.ON_THE_ALLOWLIST.note(organisation=organisation.name)
            if organisation
            else audit_details.NOT_ON_THE_ALLOWLIST.note()
            if user.is_staff
            else audit_details.NOT_ON_THE_ALLOWLIST_WAITING.note()
        ),
    )
    return user
