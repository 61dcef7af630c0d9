import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from commonroom.accounts.models import User
from commonroom.organisations.tests.factories import OrganisationFactory
from commonroom.profiles.models import Profile


class UserFactory(factory.django.DjangoModelFactory):
    """A member with a profile at a council (``is_staff=True`` for an admin),
    who has confirmed their email address (``email_confirmed=False``: not yet,
    so they are listed nowhere)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@borsetshire.gov.uk")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.django.Password("a long enough password")
    approval_status = User.ApprovalStatus.APPROVED
    # Seen just now, so a first request does not also record "last seen".
    last_seen_at = factory.LazyFunction(timezone.now)
    profile = factory.RelatedFactory(
        "commonroom.accounts.tests.factories.ProfileFactory",
        factory_related_name="user",
    )

    @factory.post_generation
    def email_confirmed(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=obj, email=obj.email, verified=True, primary=True
            )


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory, profile=None)
    organisation = factory.SubFactory(OrganisationFactory)
    job_title = "Senior Planning Officer"
    role_type = Profile.RoleType.OFFICER
    privacy = Profile.Privacy.ALL_MEMBERS
