"""Profiles, contacts and the people finder. Members only: LoginRequiredMiddleware
sends visitors to sign in."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commonroom.accounts.selectors import listed_people_count
from commonroom.core.pagination import paginate
from commonroom.profiles import selectors, services
from commonroom.profiles.forms import ContactForm, PeopleFinderForm, ProfileForm
from commonroom.profiles.permissions import can_see_details
from commonroom.profiles.presence import presence_label


@require_GET
def people_finder(request: HttpRequest) -> HttpResponse:
    form = PeopleFinderForm(
        request.GET or None, service_areas=selectors.service_area_choices()
    )
    filters = form.filters() if form.is_bound else {}
    topic = filters.pop("topic", "")
    if topic:
        people, evidence = selectors.find_people_on_topic(
            viewer=request.user, topic=topic, **filters
        )
    else:
        people, evidence = selectors.find_people(viewer=request.user, **filters), {}
    # Unfiltered, the finder lists every listed person: their number is kept.
    everyone = not (filters or topic)
    pagination = paginate(
        request, people, count=listed_people_count() if everyone else None
    )
    for person in pagination.object_list:
        found = evidence.get(person.pk)
        person.topic_evidence = found.describe(topic) if found else ""
    return render(
        request,
        "profiles/people_finder/index.html",
        {
            "form": form,
            "filtered": bool(filters or topic or form.errors),
            "topic": topic,
            "pagination": pagination,
            "people_url": reverse("people-finder"),
            "nav_section": "people",
        },
    )


def _render_profile(
    request: HttpRequest, user_id: int, *, error: str = "", status: int = 200
) -> HttpResponse:
    page = selectors.get_person_profile(viewer=request.user, user_id=user_id)
    presence, bio_paragraphs = "", []
    profile = page.profile
    if page.details_visible and profile is not None:
        if profile.show_online_presence:
            presence = presence_label(page.person.last_seen_at)
        bio_paragraphs = [
            paragraph.strip()
            for paragraph in re.split(r"\n\s*\n", profile.bio)
            if paragraph.strip()
        ]
    return render(
        request,
        "profiles/person_profile/index.html",
        {
            "page": page,
            "person": page.person,
            "profile": profile,
            "presence": presence,
            "bio_paragraphs": bio_paragraphs,
            "error": error,
            "nav_section": "people",
        },
        status=status,
    )


@require_GET
def person_profile(request: HttpRequest, user_id: int) -> HttpResponse:
    return _render_profile(request, user_id)


@require_POST
def person_contact(request: HttpRequest, user_id: int) -> HttpResponse:
    """Add or remove a contact (a plain form button; works without JavaScript)."""
    person = selectors.get_listed_person(user_id=user_id)
    form = ContactForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose whether to add or remove the contact."))
    if form.cleaned_data["action"] == "add":
        try:
            services.add_contact(actor=request.user, contact=person)
        except ValidationError as error:
            return _render_profile(
                request, user_id, error=" ".join(error.messages), status=400
            )
        messages.success(
            request,
            _("%(name)s has been added to your contacts") % {"name": person.full_name},
        )
    else:
        services.remove_contact(actor=request.user, contact=person)
        messages.success(
            request,
            _("%(name)s has been removed from your contacts")
            % {"name": person.full_name},
        )
    next_url = form.cleaned_data["next"]
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("person-profile", kwargs={"user_id": person.pk})
    return redirect(next_url)


@require_GET
def contact_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "profiles/contact_list/index.html",
        {
            "pagination": paginate(request, selectors.contacts_of(viewer=request.user)),
            "nav_section": "people",
        },
    )


@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = selectors.get_profile_for_editing(actor=request.user)
    photo_url = ""
    if profile.photo:
        # Through its permission view, like every photo; the version in the
        # address makes a new photo show at once despite caching.
        photo_url = reverse("person-photo", args=[request.user.pk])
        photo_url += f"?v={slugify(profile.photo.name)}"
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, photo_url=photo_url)
    else:
        form = ProfileForm(
            initial=ProfileForm.initial_for(profile), photo_url=photo_url
        )
    if form.is_valid():
        data = form.cleaned_data
        services.update_profile(
            actor=request.user,
            profile=profile,
            job_title=data["job_title"],
            role_type=data["role_type"],
            service_areas=data["service_areas"],
            expertise=data["expertise"],
            bio=data["bio"],
            privacy=data["privacy"],
            show_online_presence=data["show_online_presence"],
        )
        if data["photo"] is not None:
            services.set_photo(actor=request.user, profile=profile, photo=data["photo"])
        elif data.get("remove_photo"):
            services.set_photo(actor=request.user, profile=profile, photo=None)
        messages.success(request, _("Your profile has been saved"))
        return redirect("person-profile", user_id=request.user.pk)
    return render(
        request,
        "profiles/profile_edit/index.html",
        {"form": form, "profile": profile, "nav_section": "people"},
    )


@require_GET
def person_photo(request: HttpRequest, user_id: int) -> HttpResponse:
    """A member's photo, only for people allowed to see their profile details.

    Served through this check rather than as a public media file, so a photo
    hidden by the member's privacy setting cannot be fetched by its address.
    """
    person = selectors.get_listed_person(user_id=user_id)
    profile = getattr(person, "profile", None)
    if (
        profile is None
        or not profile.photo
        or not can_see_details(request.user, person)
    ):
        raise Http404("No photo")
    content_type = "image/png" if profile.photo.name.endswith(".png") else "image/jpeg"
    response = FileResponse(profile.photo.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response
