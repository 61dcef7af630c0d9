from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet


def find_people(*, query: str = "") -> QuerySet:
    """Active members, A–Z, with what a result row shows joined in."""
    people = (
        get_user_model()
        .objects.filter(is_active=True)
        .select_related("profile__organisation")
        .only(
            "full_name",
            "profile__job_title",
            "profile__role_type",
            "profile__organisation__name",
        )
    )
    for word in query.split()[:10]:
        people = people.filter(
            Q(full_name__icontains=word)
            | Q(profile__job_title__icontains=word)
            | Q(profile__organisation__name__icontains=word)
        )
    return people.order_by("full_name", "id")
