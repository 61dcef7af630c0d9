"""Demo accounts: verified addresses for the demo members, an administrator and
a few sign-ups from unknown domains waiting in the approval queue. (Their
profiles are made by profiles' demo, which runs next.)"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from commonroom.core.demo import DemoContext, demo_step

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
    password = make_password("commonroom-demo")
    for name, email, organisation in PENDING:
        User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": name,
                "password": password,
                "approval_status": User.ApprovalStatus.PENDING,
                "requested_organisation": organisation,
            },
        )
    # Demo people sign in with their address already confirmed.
    confirmed = set(EmailAddress.objects.values_list("user_id", flat=True))
    users = list(User.objects.exclude(pk__in=confirmed).only("pk", "email"))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in ctx.progress(users, desc="Confirmed email addresses")
        ]
    )
