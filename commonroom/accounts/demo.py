"""Demo accounts: verified addresses for the demo members, an administrator and
a few sign-ups from unknown domains waiting in the approval queue."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from commonroom.core.demo import DemoContext, demo_step
from commonroom.profiles.models import Profile

ADMIN_EMAIL = "admin@commonroom.localhost"
ADMIN_PASSWORD = "commonroom-admin"  # noqa: S105 - local demo data only, see README

PENDING = [
    (
        "Dr Helen Marsh",
        "h.marsh@placeresearch.ac.uk",
        "University of Placeshire, Institute for Local Governance",
    ),
    ("Tom Okafor", "tom@civicdigital.co.uk", "Civic Digital (a supplier to councils)"),
    (
        "Priya Raman",
        "priya.raman@housingcharity.org.uk",
        "Homes for All (housing charity)",
    ),
    (
        "Gwen Price",
        "gwen.price@valleyscva.cymru",
        "Valleys Council for Voluntary Action",
    ),
    ("Sam Whitfield", "sam.whitfield@gmail.com", "Newly elected parish councillor"),
    ("Alasdair Ross", "a.ross@communityland.scot", "Community Land Scotland"),
]


@demo_step(order=25, name="accounts")
def create_accounts(ctx: DemoContext) -> None:
    User = get_user_model()
    admin = User.objects.filter(email=ADMIN_EMAIL).first()
    if admin is None:
        admin = User.objects.create_superuser(
            ADMIN_EMAIL, ADMIN_PASSWORD, full_name="Commonroom Administrator"
        )
    Profile.objects.get_or_create(
        user=admin, defaults={"job_title": "Knowledge Hub Manager"}
    )
    password = make_password("commonroom-demo")
    for name, email, organisation in PENDING:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": name,
                "password": password,
                "approval_status": User.ApprovalStatus.PENDING,
                "requested_organisation": organisation,
            },
        )
        if created:
            Profile.objects.create(user=user)
    # Demo people sign in with their address already confirmed.
    confirmed = set(EmailAddress.objects.values_list("user_id", flat=True))
    users = list(User.objects.exclude(pk__in=confirmed).only("pk", "email"))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in ctx.progress(users, desc="Confirmed email addresses")
        ]
    )
