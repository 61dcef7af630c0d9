"""Starting a community (a three-step wizard) and sub-communities.

The wizard keeps what was entered in the session, so going back, or an error,
never loses anything; nothing is created until the last step.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonroom.accounts.permissions import check_take_part
from commonroom.communities import access, permissions
from commonroom.communities.forms.communities import (
    AgreementForm,
    CommunitySettingsForm,
    NameAndPurposeForm,
    SubCommunityForm,
    TopicsAndVisibilityForm,
    parse_topics,
)
from commonroom.communities.models import Community
from commonroom.communities.pages import CommunityPage, community_page
from commonroom.communities.selectors import communities as selectors
from commonroom.communities.services import communities as services
from commonroom.communities.services.community_settings import (
    update_community_settings,
)
from commonroom.core.forms import add_refusal

WIZARD = "community_wizard"
STEPS = 3


def _wizard(request: HttpRequest) -> dict:
    return dict(request.session.get(WIZARD, {}))


def _remember(request: HttpRequest, **values) -> None:
    request.session[WIZARD] = {**_wizard(request), **values}


def _created_message(community: Community) -> str:
    if community.status == Community.Status.PENDING:
        return _(
            "%(name)s has been created and is waiting for a platform "
            "administrator’s approval. We will email you when they have decided."
        ) % {"name": community.name}
    return _("%(name)s has been created. You are its facilitator.") % {
        "name": community.name
    }


@require_http_methods(["GET", "POST"])
def community_create(request: HttpRequest) -> HttpResponse:
    """Step 1 of 3: name and purpose."""
    check_take_part(request.user)
    data = _wizard(request)
    if request.method == "POST":
        form = NameAndPurposeForm(request.POST, actor=request.user)
        if form.is_valid():
            _remember(request, **form.cleaned_data, name_done=True)
            return redirect("community-create-visibility")
    else:
        form = NameAndPurposeForm(
            actor=request.user,
            initial={"name": data.get("name", ""), "purpose": data.get("purpose", "")},
        )
    return render(
        request,
        "communities/community_create/index.html",
        {"form": form, "step": 1, "steps": STEPS, "nav_section": "communities"},
    )


@require_http_methods(["GET", "POST"])
def community_create_visibility(request: HttpRequest) -> HttpResponse:
    """Step 2 of 3: topics, service area and who can find and read it."""
    check_take_part(request.user)
    data = _wizard(request)
    if not data.get("name_done"):
        return redirect("community-create")
    service_areas = selectors.service_area_choices()
    if request.method == "POST":
        if request.POST.get("action") == "back":
            # Keep what was typed, checked or not, for when they come back.
            _remember(
                request,
                topics=request.POST.get("topics", "")[:1000],
                service_area=request.POST.get("service_area", "")[:60],
                visibility=request.POST.get("visibility", "")[:20],
                public_reading=bool(request.POST.get("public_reading")),
                visibility_done=False,
            )
            return redirect("community-create")
        form = TopicsAndVisibilityForm(request.POST, service_areas=service_areas)
        if form.is_valid():
            cleaned = form.cleaned_data
            _remember(
                request,
                topics=", ".join(cleaned["topics"]),
                service_area=cleaned["service_area"],
                visibility=cleaned["visibility"],
                public_reading=cleaned["public_reading"],
                visibility_done=True,
            )
            return redirect("community-create-agreement")
    else:
        form = TopicsAndVisibilityForm(
            initial={
                key: data[key]
                for key in ("topics", "service_area", "visibility", "public_reading")
                if key in data
            },
            service_areas=service_areas,
        )
    return render(
        request,
        "communities/community_create_visibility/index.html",
        {"form": form, "step": 2, "steps": STEPS, "nav_section": "communities"},
    )


@require_http_methods(["GET", "POST"])
def community_create_agreement(request: HttpRequest) -> HttpResponse:
    """Step 3 of 3: check the answers and agree to the facilitator's principles."""
    check_take_part(request.user)
    data = _wizard(request)
    if not data.get("name_done"):
        return redirect("community-create")
    if not data.get("visibility_done"):
        return redirect("community-create-visibility")
    service_area = selectors.get_service_area(data.get("service_area", ""))
    if request.method == "POST":
        if request.POST.get("action") == "back":
            _remember(request, agree=bool(request.POST.get("agree")))
            return redirect("community-create-visibility")
        form = AgreementForm(request.POST)
        if form.is_valid():
            try:
                community = services.create_community(
                    actor=request.user,
                    name=data["name"],
                    purpose=data["purpose"],
                    topics=parse_topics(data.get("topics", "")),
                    visibility=data["visibility"],
                    public_reading=bool(data.get("public_reading")),
                    service_area=service_area,
                    agreed_to_principles=True,
                    request=request,
                )
            except ValidationError as error:
                form.add_error(None, list(error.messages))
            else:
                request.session.pop(WIZARD, None)
                messages.success(request, _created_message(community))
                return redirect("community-detail", community_slug=community.slug)
    else:
        form = AgreementForm(initial={"agree": data.get("agree", False)})
    return render(
        request,
        "communities/community_create_agreement/index.html",
        {
            "form": form,
            "answers": data,
            "service_area": service_area,
            "visibility_label": dict(Community.Visibility.choices).get(
                data.get("visibility", ""), ""
            ),
            "approval_required": services.approval_required(),
            "step": 3,
            "steps": STEPS,
            "nav_section": "communities",
        },
    )


@require_http_methods(["GET", "POST"])
@community_page()
def sub_community_create(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    parent = page.community
    permissions.check_create_sub_community(request.user, parent)
    form = SubCommunityForm(request.POST or None, parent=parent, actor=request.user)
    if request.method == "POST" and form.is_valid():
        cleaned = form.cleaned_data
        try:
            community = services.create_sub_community(
                actor=request.user,
                parent=parent,
                name=cleaned["name"],
                purpose=cleaned["purpose"],
                topics=cleaned["topics"],
                visibility=cleaned["visibility"],
                public_reading=bool(cleaned.get("public_reading")),
                request=request,
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _created_message(community))
            return redirect("community-detail", community_slug=community.slug)
    return render(
        request,
        "communities/sub_community_create/index.html",
        page.context(form=form),
    )


@require_http_methods(["GET", "POST"])
@community_page(access.check_facilitate)
def community_settings(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    """Name, purpose, topics and visibility. Making the community more private
    first shows who loses access, and applies only once confirmed."""
    community = page.community
    permissions.check_live(community)
    form = CommunitySettingsForm(
        request.POST or None, community=community, actor=request.user
    )
    if request.method == "POST" and form.is_valid():
        cleaned = form.cleaned_data
        public_reading = bool(cleaned.get("public_reading"))
        change = selectors.visibility_change(
            community=community,
            visibility=cleaned["visibility"],
            public_reading=public_reading,
        )
        if change.more_private and not cleaned["confirmed"]:
            return render(
                request,
                "communities/community_settings/confirm.html",
                page.context(
                    form=form,
                    change=change,
                    new_visibility=dict(Community.Visibility.choices)[
                        cleaned["visibility"]
                    ],
                ),
            )
        try:
            update_community_settings(
                actor=request.user,
                community=community,
                name=cleaned["name"],
                purpose=cleaned["purpose"],
                topics=cleaned["topics"],
                visibility=cleaned["visibility"],
                public_reading=public_reading,
                request=request,
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The community’s settings have been saved"))
            return redirect("community-detail", community_slug=community.slug)
    return render(
        request,
        "communities/community_settings/index.html",
        page.context(form=form),
    )
