"""Who is listed: the one rule for every place people are shown or counted.

A person appears to others (the people finder, profile pages, organisation
pages and counts, community member lists and counts, @mentions, contacts, the
platform's figures) only once their account is active, approved, and they
have confirmed an email address: until then anyone could have typed someone
else's work address at sign-up. Every listing filters with ``listed_people_q``
(or the ``User.objects.listed()`` shortcut); none repeats the rule.
"""

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, Q


def _user_id(prefix: str) -> str:
    # "user__" -> "user_id": the foreign key's column, so no join is needed.
    return f"{prefix.removesuffix('__')}_id" if prefix else "pk"


def confirmed_email_q(*, prefix: str = "") -> Q:
    """Users (or rows reaching a user through ``prefix``) with a confirmed
    email address (allauth's ``EmailAddress.verified``)."""
    return Q(
        Exists(
            EmailAddress.objects.filter(
                user_id=OuterRef(_user_id(prefix)), verified=True
            )
        )
    )


def listed_people_q(*, prefix: str = "") -> Q:
    """Users (or rows reaching a user through ``prefix``: ``"user__"`` for a
    profile or a membership) who are listed: active, approved and with a
    confirmed email address."""
    return Q(
        **{
            f"{prefix}is_active": True,
            f"{prefix}approval_status": "approved",
        }
    ) & confirmed_email_q(prefix=prefix)
