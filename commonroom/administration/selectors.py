from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404


def pending_sign_ups() -> QuerySet:
    """People waiting for approval, oldest first (first come, first served)."""
    User = get_user_model()
    return (
        User.objects.filter(
            approval_status=User.ApprovalStatus.PENDING,
            is_active=True,
            emailaddress__verified=True,
        )
        .distinct()
        .only("full_name", "email", "requested_organisation", "date_joined")
        .order_by("date_joined", "pk")
    )


def get_sign_up(*, user_id: int):
    User = get_user_model()
    return get_object_or_404(
        User.objects.exclude(
            approval_status=User.ApprovalStatus.APPROVED
        ).select_related("approval_decided_by"),
        pk=user_id,
    )
