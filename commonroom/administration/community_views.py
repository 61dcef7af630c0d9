"""The community approval queue: platform administrators approve or reject new
communities when ``COMMUNITY_APPROVAL_REQUIRED`` is on.

Administrators see a pending community's name, purpose and settings (what its
creator typed), never any content: there is none until it is live.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from commonroom.accounts.permissions import check_platform_admin
from commonroom.communities.selectors import communities as community_selectors
from commonroom.communities.services import communities as community_services
from commonroom.core.pagination import paginate


class CommunityDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("approve", gettext_lazy("Approve: it goes live at once")),
            ("reject", gettext_lazy("Reject: it is deleted")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose whether to approve or reject"),
            "invalid_choice": gettext_lazy("Choose whether to approve or reject"),
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for rejecting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Sent to the creator by email. Required if you reject."),
        error_messages={
            "max_length": gettext_lazy("The reason must be 2,000 characters or fewer")
        },
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == "reject"
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error(
                "reason", gettext_lazy("Enter the reason for rejecting the community")
            )
        return cleaned


@require_GET
def community_approval_queue(request: HttpRequest) -> HttpResponse:
    check_platform_admin(request.user)
    return render(
        request,
        "administration/community_approval_queue/index.html",
        {
            "pagination": paginate(request, community_selectors.pending_communities()),
            "approval_required": community_services.approval_required(),
            "nav_section": "account",
        },
    )


@require_http_methods(["GET", "POST"])
def community_approval_decision(
    request: HttpRequest, community_id: int
) -> HttpResponse:
    check_platform_admin(request.user)
    community = community_selectors.get_pending_community(community_id=community_id)
    form = CommunityDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = community.name
        try:
            if form.cleaned_data["decision"] == "approve":
                community_services.approve_community(
                    actor=request.user, community=community, request=request
                )
                messages.success(
                    request,
                    _("%(name)s was approved and is live.") % {"name": name},
                )
            else:
                community_services.reject_community(
                    actor=request.user,
                    community=community,
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
                messages.success(request, _("%(name)s was rejected.") % {"name": name})
        except ValidationError as error:
            form.add_error(None, list(error.messages))
        else:
            return redirect("administration-communities")
    return render(
        request,
        "administration/community_approval_decision/index.html",
        {"community": community, "form": form, "nav_section": "account"},
    )
