"""Joining, requests to join, invitations, the member list and roles.

Thin views over ``services/membership.py`` and ``services/invitations.py``
(which check every permission themselves) and ``selectors/membership.py``.
Members only (LoginRequiredMiddleware), except the invitation link, which asks
visitors to sign in or sign up.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commonroom.communities import access, permissions
from commonroom.communities.forms.membership import (
    InvitationAnswerForm,
    InvitationForm,
    JoinRequestForm,
    RemoveMemberForm,
    RequestDecisionForm,
    RequestReplyForm,
    RoleForm,
)
from commonroom.communities.models import Community, Invitation, MembershipRequest
from commonroom.communities.pages import CommunityPage, community_page
from commonroom.communities.selectors import membership as selectors
from commonroom.communities.services import invitations as invitation_services
from commonroom.communities.services import membership as services
from commonroom.core.forms import add_refusal
from commonroom.core.pagination import paginate

RESULTS_SESSION_KEY = "commonroom_invitation_results"


def _reason(error: ValidationError) -> str:
    return " ".join(error.messages)


def _render(
    request,
    template: str,
    context: dict,
    status: int = 200,
    *,
    page: CommunityPage | None = None,
) -> HttpResponse:
    """A membership page; with ``page``, one about that community."""
    return render(
        request,
        f"communities/{template}/index.html",
        page.context(**context) if page else {"nav_section": "communities", **context},
        status=status,
    )


def _back_to_community(request: HttpRequest, community: Community) -> HttpResponse:
    """The community's page, or the directory if the person can no longer see it."""
    if access.can_see_community(request.user, community):
        return redirect("community-detail", community_slug=community.slug)
    return redirect("community-directory")


# Joining ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@community_page()
def community_join(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    community = page.community
    if community.visibility == Community.Visibility.RESTRICTED:
        return redirect("community-join-request", community_slug=community.slug)
    if request.method == "POST":
        try:
            services.join_community(
                actor=request.user, community=community, request=request
            )
        except ValidationError:
            pass  # shown below, worked out afresh
        else:
            messages.success(
                request,
                _("You have joined %(community)s") % {"community": community.name},
            )
            return redirect("community-detail", community_slug=community.slug)
    refusal, parent_to_join = "", None
    try:
        permissions.check_can_join(request.user, community)
    except ValidationError as error:
        refusal = _reason(error)
        if error.code == "parent_membership" and access.can_see_community(
            request.user, community.parent
        ):
            parent_to_join = community.parent
    return _render(
        request,
        "community_join",
        {
            "is_member": access.access_for(request.user).is_member(community.pk),
            "refusal": refusal,
            "parent_to_join": parent_to_join,
        },
        status=400 if request.method == "POST" else 200,
        page=page,
    )


def _join_request_page(
    request: HttpRequest,
    page: CommunityPage,
    *,
    form=None,
    status: int = 200,
) -> HttpResponse:
    community = page.community
    latest = selectors.latest_request_of(user=request.user, community=community)
    is_member = access.access_for(request.user).is_member(community.pk)
    open_request = (
        latest
        if latest is not None and latest.status in MembershipRequest.OPEN_STATUSES
        else None
    )
    refusal, parent_to_join = "", None
    if open_request is None and not is_member:
        try:
            permissions.check_can_request(request.user, community)
        except ValidationError as error:
            refusal = _reason(error)
            if error.code == "parent_membership" and access.can_see_community(
                request.user, community.parent
            ):
                parent_to_join = community.parent
    if form is None and not is_member and not refusal:
        if open_request is None:
            form = JoinRequestForm()
        elif open_request.status == MembershipRequest.Status.MORE_INFORMATION:
            form = RequestReplyForm()
    return _render(
        request,
        "community_join_request",
        {
            "is_member": is_member,
            "open_request": open_request,
            "last_rejected": latest
            if latest is not None and latest.status == MembershipRequest.Status.REJECTED
            else None,
            "refusal": refusal,
            "parent_to_join": parent_to_join,
            "form": form,
        },
        status=status,
        page=page,
    )


@require_http_methods(["GET", "POST"])
@community_page()
def community_join_request(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    community = page.community
    if community.visibility != Community.Visibility.RESTRICTED:
        return redirect("community-join", community_slug=community.slug)
    if request.method != "POST":
        return _join_request_page(request, page)
    form = JoinRequestForm(request.POST)
    if form.is_valid():
        try:
            services.request_to_join(
                actor=request.user,
                community=community,
                message=form.cleaned_data["message"],
                request=request,
            )
        except ValidationError as error:
            if error.code in {"already_requested", "already_member"}:
                messages.info(request, _reason(error))
                return redirect("community-join-request", community_slug=community.slug)
            add_refusal(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your request has been sent. We will email you when a facilitator "
                    "has decided."
                ),
            )
            return redirect("community-join-request", community_slug=community.slug)
    return _join_request_page(request, page, form=form, status=400)


@require_POST
@community_page()
def community_join_request_withdraw(
    request: HttpRequest, page: CommunityPage
) -> HttpResponse:
    community = page.community
    membership_request = selectors.get_open_request_of(
        user=request.user, community=community
    )
    services.withdraw_request(actor=request.user, membership_request=membership_request)
    messages.success(
        request,
        _("You have withdrawn your request to join %(community)s")
        % {"community": community.name},
    )
    return redirect("community-detail", community_slug=community.slug)


@require_POST
@community_page()
def community_join_request_reply(
    request: HttpRequest, page: CommunityPage
) -> HttpResponse:
    community = page.community
    membership_request = selectors.get_open_request_of(
        user=request.user, community=community
    )
    form = RequestReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_to_request(
                actor=request.user,
                membership_request=membership_request,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error("message", error)
        else:
            messages.success(
                request,
                _(
                    "Your reply has been added to your request. The facilitators "
                    "will decide."
                ),
            )
            return redirect("community-join-request", community_slug=community.slug)
    return _join_request_page(request, page, form=form, status=400)


# The facilitators' requests queue -----------------------------------------------


@require_GET
@community_page(access.check_facilitate)
def community_requests(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    community = page.community
    return _render(
        request,
        "community_requests",
        {
            "pagination": paginate(
                request, selectors.open_requests(community=community)
            ),
        },
        page=page,
    )


@require_http_methods(["GET", "POST"])
@community_page(access.check_facilitate)
def community_request_decision(
    request: HttpRequest, page: CommunityPage, request_id: int
) -> HttpResponse:
    community = page.community
    membership_request = selectors.get_request(
        community=community, request_id=request_id
    )
    form = RequestDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, message = form.cleaned_data["decision"], form.cleaned_data["message"]
        applicant = membership_request.user.full_name
        try:
            if decision == RequestDecisionForm.APPROVE:
                services.approve_request(
                    actor=request.user,
                    membership_request=membership_request,
                    request=request,
                )
                done = _("%(name)s is now a member. We have emailed them.")
            elif decision == RequestDecisionForm.REJECT:
                services.reject_request(
                    actor=request.user,
                    membership_request=membership_request,
                    message=message,
                    request=request,
                )
                done = _("You rejected %(name)s’s request. We have emailed them.")
            else:
                services.ask_for_more_information(
                    actor=request.user,
                    membership_request=membership_request,
                    message=message,
                    request=request,
                )
                done = _("We have emailed your question to %(name)s.")
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, done % {"name": applicant})
            return redirect("community-requests", community_slug=community.slug)
    return _render(
        request,
        "community_request_decision",
        {
            "membership_request": membership_request,
            "is_open": membership_request.status in MembershipRequest.OPEN_STATUSES,
            "form": form,
        },
        status=400 if form.errors else 200,
        page=page,
    )


# Invitations --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@community_page(access.check_facilitate)
def community_invitations(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    community = page.community
    Result = invitation_services.InvitationResult
    stored = None
    if request.method != "POST":
        stored = request.session.pop(RESULTS_SESSION_KEY, None)
    if stored and stored.get("community") != community.pk:
        stored = None
    if request.method == "POST":
        form = InvitationForm(request.POST)
    else:
        # Addresses that could not be used come back in the box, to correct
        # and send again, with the message that went with them.
        form = InvitationForm(
            initial={
                "addresses": "\n".join(stored.get("retry", [])),
                "message": stored.get("message", "") if stored.get("retry") else "",
            }
            if stored
            else None
        )
    if request.method == "POST" and form.is_valid():
        try:
            outcomes = invitation_services.invite_people(
                actor=request.user,
                community=community,
                addresses=form.cleaned_data["addresses"],
                message=form.cleaned_data["message"],
                request=request,
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            retry = list(
                dict.fromkeys(
                    o.address for o in outcomes if o.result in Result.TO_CORRECT
                )
            )
            request.session[RESULTS_SESSION_KEY] = {
                "community": community.pk,
                "results": [[o.address, o.result] for o in outcomes],
                "retry": retry,
                "message": form.cleaned_data["message"],
            }
            sent = sum(o.result == Result.INVITED for o in outcomes)
            if sent:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s invitation sent", "%(count)s invitations sent", sent
                    )
                    % {"count": sent},
                )
            else:
                messages.info(request, _("No invitations were sent"))
            return redirect("community-invitations", community_slug=community.slug)
    results = []
    if stored:
        results = [
            {"address": address, "result": result}
            for address, result in stored["results"]
        ]
    retry = bool(stored and stored.get("retry"))
    unused = sum(row["result"] != Result.INVITED for row in results)
    accepting = True
    try:
        permissions.check_accepting_members(community)
    except ValidationError:
        accepting = False
    pagination = paginate(request, selectors.invitations_of(community=community))
    now = timezone.now()
    for invitation in pagination.object_list:
        invitation.is_expired = (
            invitation.status == Invitation.Status.PENDING
            and permissions.is_invitation_expired(invitation, now=now)
        )
    return _render(
        request,
        "community_invitations",
        {
            "form": form,
            "accepting": accepting,
            "results": results,
            "retry": retry,
            "unused": unused,
            "pagination": pagination,
            "invitation_days": invitation_services.invitation_days(),
        },
        status=400 if form.errors else 200,
        page=page,
    )


@require_POST
@community_page(access.check_facilitate)
def community_invitation_revoke(
    request: HttpRequest, page: CommunityPage, invitation_id: int
) -> HttpResponse:
    community = page.community
    invitation = selectors.get_invitation(
        community=community, invitation_id=invitation_id
    )
    invitation_services.revoke_invitation(
        actor=request.user, invitation=invitation, request=request
    )
    messages.success(
        request,
        _("The invitation to %(address)s has been withdrawn")
        % {"address": invitation.email},
    )
    return redirect("community-invitations", community_slug=community.slug)


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_respond(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation email: only the invited person sees the community."""
    invitation = selectors.get_invitation_by_token(token=token)
    if not request.user.is_authenticated:
        next_query = urlencode({"next": request.path}, safe="/")
        return _render(
            request,
            "invitation_sign_in",
            {
                "sign_in_url": f"{reverse('account_login')}?{next_query}",
                "sign_up_url": f"{reverse('account_signup')}?{next_query}",
            },
        )
    if not permissions.is_invitee(request.user, invitation):
        return _render(request, "invitation_not_yours", {}, status=404)
    community = invitation.community
    if request.method == "POST":
        form = InvitationAnswerForm(request.POST)
        if form.is_valid():
            accepting = form.cleaned_data["decision"] == "accept"
            try:
                if accepting:
                    invitation_services.accept_invitation(
                        actor=request.user, invitation=invitation, request=request
                    )
                else:
                    invitation_services.decline_invitation(
                        actor=request.user, invitation=invitation, request=request
                    )
            except ValidationError:
                pass  # the page below says why
            else:
                if accepting:
                    messages.success(
                        request,
                        _("You have joined %(community)s")
                        % {"community": community.name},
                    )
                    return redirect("community-detail", community_slug=community.slug)
                messages.success(
                    request,
                    _("You have declined the invitation to join %(community)s")
                    % {"community": community.name},
                )
                return redirect("invitation-respond", token=token)
    answer_problem = accept_problem = ""
    try:
        permissions.check_can_answer(invitation)
    except ValidationError as error:
        answer_problem = _reason(error)
        if error.code == "accepted" and not access.access_for(request.user).is_member(
            community.pk
        ):
            answer_problem = _("You accepted this invitation, then left the community.")
    if not answer_problem:
        try:
            permissions.check_can_accept(request.user, invitation)
        except ValidationError as error:
            accept_problem = _reason(error)
    return _render(
        request,
        "invitation_respond",
        {
            "invitation": invitation,
            "community": community,
            "answer_problem": answer_problem,
            "accept_problem": accept_problem,
            "is_member": access.access_for(request.user).is_member(community.pk),
            "is_expired": permissions.is_invitation_expired(invitation),
        },
        status=400 if request.method == "POST" else 200,
    )


# Members ------------------------------------------------------------------------


@require_GET
@community_page(access.check_read_community)
def community_members(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    community = page.community
    return _render(
        request,
        "community_members",
        {
            "pagination": paginate(
                request, selectors.members_of(community=community), per_page=50
            ),
            "can_manage": access.can_facilitate(request.user, community),
            "is_member": access.access_for(request.user).is_member(community.pk),
        },
        page=page,
    )


@require_GET
@community_page(access.check_facilitate)
def community_member(
    request: HttpRequest, page: CommunityPage, user_id: int
) -> HttpResponse:
    community, actor = page.community, request.user
    membership = selectors.get_membership(community=community, user_id=user_id)
    is_facilitator = membership.role == "facilitator"
    remove_problem = demote_problem = ""
    try:
        permissions.check_can_remove(actor=actor, membership=membership)
    except ValidationError as error:
        remove_problem = _reason(error)
    if is_facilitator:
        try:
            permissions.check_can_demote(membership=membership)
        except ValidationError as error:
            demote_problem = _reason(error)
    return _render(
        request,
        "community_member",
        {
            "membership": membership,
            "person": membership.user,
            "is_self": membership.user_id == actor.pk,
            "is_owner": community.owner_id == membership.user_id,
            "is_facilitator": is_facilitator,
            "remove_problem": remove_problem,
            "demote_problem": demote_problem,
            "can_transfer": is_facilitator
            and community.owner_id != membership.user_id
            and permissions.can_transfer_ownership(actor, community),
        },
        page=page,
    )


@require_POST
@community_page(access.check_facilitate)
def community_member_role(
    request: HttpRequest, page: CommunityPage, user_id: int
) -> HttpResponse:
    community = page.community
    membership = selectors.get_membership(community=community, user_id=user_id)
    form = RoleForm(request.POST)
    name = membership.user.full_name
    if not form.is_valid():
        messages.error(request, _("Choose a role"))
    elif form.cleaned_data["role"] == "facilitator":
        services.promote_to_facilitator(
            actor=request.user, membership=membership, request=request
        )
        messages.success(request, _("%(name)s is now a facilitator") % {"name": name})
    else:
        try:
            services.demote_facilitator(
                actor=request.user, membership=membership, request=request
            )
        except ValidationError as error:
            messages.error(request, _reason(error))
        else:
            messages.success(
                request, _("%(name)s is no longer a facilitator") % {"name": name}
            )
    if membership.user_id == request.user.pk and not access.can_facilitate(
        request.user, community
    ):
        return redirect("community-members", community_slug=community.slug)
    return redirect("community-member", community_slug=community.slug, user_id=user_id)


@require_POST
@community_page(access.check_facilitate)
def community_ownership_transfer(
    request: HttpRequest, page: CommunityPage, user_id: int
) -> HttpResponse:
    community = page.community
    membership = selectors.get_membership(community=community, user_id=user_id)
    try:
        services.transfer_ownership(
            actor=request.user,
            community=community,
            membership=membership,
            request=request,
        )
    except ValidationError as error:
        messages.error(request, _reason(error))
    else:
        messages.success(
            request,
            _("%(name)s is now the owner of %(community)s")
            % {"name": membership.user.full_name, "community": community.name},
        )
    return redirect("community-member", community_slug=community.slug, user_id=user_id)


@require_http_methods(["GET", "POST"])
@community_page(access.check_facilitate)
def community_member_remove(
    request: HttpRequest, page: CommunityPage, user_id: int
) -> HttpResponse:
    community = page.community
    membership = selectors.get_membership(community=community, user_id=user_id)
    form = RemoveMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_member(
                actor=request.user,
                membership=membership,
                message=form.cleaned_data["message"],
                request=request,
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has been removed from %(community)s. We have emailed them.")
                % {"name": membership.user.full_name, "community": community.name},
            )
            return redirect("community-members", community_slug=community.slug)
    problem = ""
    if not form.errors:
        try:
            permissions.check_can_remove(actor=request.user, membership=membership)
        except ValidationError as error:
            problem = _reason(error)
    return _render(
        request,
        "community_member_remove",
        {
            "membership": membership,
            "person": membership.user,
            "problem": problem,
            "form": form,
        },
        status=400 if form.errors else 200,
        page=page,
    )


@require_http_methods(["GET", "POST"])
@community_page()
def community_leave(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    community = page.community
    membership = selectors.membership_of(user=request.user, community=community)
    if membership is None:
        messages.info(
            request,
            _("You are not a member of %(community)s") % {"community": community.name},
        )
        return _back_to_community(request, community)
    problem = ""
    if request.method == "POST":
        try:
            services.leave_community(
                actor=request.user, community=community, request=request
            )
        except ValidationError as error:
            problem = _reason(error)
        else:
            messages.success(
                request,
                _("You have left %(community)s") % {"community": community.name},
            )
            return _back_to_community(request, community)
    else:
        try:
            permissions.check_can_leave(user=request.user, membership=membership)
        except ValidationError as error:
            problem = _reason(error)
    return _render(
        request,
        "community_leave",
        {
            "membership": membership,
            "problem": problem,
            "is_owner": community.owner_id == request.user.pk,
        },
        status=400 if request.method == "POST" else 200,
        page=page,
    )
