"""Hiding and restoring posts, reports, and acting on reports.

Every service takes the person acting and checks permission itself (through
``commonroom.moderation.permissions`` and the access kernel), records an
activity entry where something happened to a post, and writes the moderation
log for what facilitators do.
"""

from typing import Literal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonroom.activity.models import Activity
from commonroom.activity.services import record_activity
from commonroom.communities import access
from commonroom.content.registry import kind_for, with_containers
from commonroom.core import search_index
from commonroom.moderation import permissions
from commonroom.moderation.log import log_action
from commonroom.moderation.models import ModerationAction, Report


def _open_reports_on(obj):
    return Report.objects.filter(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        status=Report.Status.OPEN,
    )


def _close_reports_on(*, actor, obj) -> int:
    """Mark every open report on ``obj`` as acted on; how many there were."""
    return _open_reports_on(obj).update(
        status=Report.Status.ACTIONED,
        handled_by=actor,
        handled_at=timezone.now(),
        updated_at=timezone.now(),
    )


# Hiding and restoring -----------------------------------------------------------


def hide_content(*, actor, obj, reason: str = ""):
    """Hide a post from everyone but the community's facilitators.

    Its open reports are closed as acted on. Hiding a hidden post does nothing.
    """
    permissions.check_moderate_content(actor, obj)
    if obj.hidden_at is not None:
        return obj
    was_live = obj.is_live
    with transaction.atomic():
        obj.hidden_at = timezone.now()
        obj.hidden_by = actor
        obj.save(update_fields=["hidden_at", "hidden_by", "updated_at"])
        kind_for(obj).after_visibility_change(obj, was_live=was_live)
        search_index.changed(obj)
        closed = _close_reports_on(actor=actor, obj=obj)
        record_activity(actor=actor, verb=Activity.Verb.HIDDEN, target=obj)
        log_action(
            actor=actor,
            action=ModerationAction.Action.HID,
            target=obj,
            reason=reason,
            **({"reports_closed": closed} if closed else {}),
        )
    return obj


def restore_content(*, actor, obj, reason: str = ""):
    """Show a hidden post again. Restoring a post that is not hidden does nothing."""
    permissions.check_moderate_content(actor, obj)
    if obj.hidden_at is None:
        return obj
    with transaction.atomic():
        obj.hidden_at = None
        obj.hidden_by = None
        obj.save(update_fields=["hidden_at", "hidden_by", "updated_at"])
        kind_for(obj).after_visibility_change(obj, was_live=False)
        search_index.changed(obj)
        record_activity(actor=actor, verb=Activity.Verb.RESTORED, target=obj)
        log_action(
            actor=actor,
            action=ModerationAction.Action.RESTORED,
            target=obj,
            reason=reason,
        )
    return obj


# Reports ------------------------------------------------------------------------


def has_open_report(*, user, obj) -> bool:
    """Whether ``user`` has reported ``obj`` and the facilitators have not acted."""
    return (
        user.is_authenticated and _open_reports_on(obj).filter(reporter=user).exists()
    )


def report_content(*, actor, obj, reason: str, detail: str = "") -> Report:
    """Tell the community's facilitators that a post needs their attention."""
    permissions.check_report_content(actor, obj)
    report = Report(
        community=obj.community,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        reporter=actor,
        reason=reason,
        detail=detail.strip(),
    )
    # The related rows are already loaded and checked. The unique constraint is
    # left to the database, which has the last word when a double click races.
    report.full_clean(
        exclude=["community", "content_type", "reporter", "handled_by"],
        validate_constraints=False,
    )
    try:
        with transaction.atomic():
            report.save()
            record_activity(
                actor=actor,
                verb=Activity.Verb.REPORTED,
                target=obj,
                report_id=report.pk,
            )
    except IntegrityError:
        raise ValidationError(
            _("You have already reported this. The facilitators will look at it."),
            code="already_reported",
        ) from None
    return report


def _check_open(report: Report) -> None:
    if report.status != Report.Status.OPEN:
        raise ValidationError(
            _("This report has already been dealt with."), code="not_open"
        )


def target_of(report: Report):
    """The reported post, whatever its kind; None if it no longer exists."""
    model = ContentType.objects.get_for_id(report.content_type_id).model_class()
    kind = kind_for(model)
    return (
        kind.model.objects.select_related(*kind.select_related)
        .filter(pk=report.object_id)
        .first()
    )


def dismiss_report(*, actor, report: Report, reason: str = "") -> Report:
    """Close a report without changing the post."""
    access.check_facilitate(actor, report.community)
    _check_open(report)
    obj = target_of(report)
    with transaction.atomic():
        report.status = Report.Status.DISMISSED
        report.handled_by = actor
        report.handled_at = timezone.now()
        report.save(update_fields=["status", "handled_by", "handled_at", "updated_at"])
        if obj is not None:
            log_action(
                actor=actor,
                action=ModerationAction.Action.DISMISSED_REPORT,
                target=obj,
                community=report.community,
                reason=reason,
                report_id=report.pk,
            )
        else:
            ModerationAction.objects.create(
                community=report.community,
                content_type_id=report.content_type_id,
                object_id=report.object_id,
                actor=actor,
                action=ModerationAction.Action.DISMISSED_REPORT,
                reason=reason[:500],
                detail={"report_id": report.pk},
            )
    return report


def act_on_report(
    *, actor, report: Report, action: Literal["hide", "dismiss"], reason: str = ""
) -> Report:
    """What a facilitator decides from the queue: hide the post, or dismiss."""
    access.check_facilitate(actor, report.community)
    _check_open(report)
    if action == "dismiss":
        return dismiss_report(actor=actor, report=report, reason=reason)
    if action != "hide":
        raise ValueError(f"Unknown action on a report: {action!r}")
    obj = target_of(report)
    if obj is None or any(item.deleted_at is not None for item in with_containers(obj)):
        raise ValidationError(
            _("This post has been deleted, so there is nothing to hide."),
            code="deleted",
        )
    if obj.hidden_at is None:
        hide_content(actor=actor, obj=obj, reason=reason)
    else:
        # Someone hid it meanwhile: the report has been acted on all the same.
        _close_reports_on(actor=actor, obj=obj)
    report.refresh_from_db(fields=["status", "handled_by", "handled_at", "updated_at"])
    return report
