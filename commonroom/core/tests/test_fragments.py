"""Kept fragments (``core.fragments``) show exactly what a fresh render would.

A fragment is kept by everything it shows, so what one reader was shown is
never shown to another who may see less, an edit shows at once, and each
reader's forms carry their own CSRF token.
"""

import datetime
import re

import pytest
from django.utils import timezone, translation

from commonroom.communities.models import Membership
from commonroom.content import services as content_services
from commonroom.core import fragments
from commonroom.core.fragments import CSRF_PLACEHOLDER, render_fragment
from commonroom.forums.models import Reply
from commonroom.forums.tests.factories import (
    facilitator_of,
    member_of,
    reply_to,
    start_thread,
)

ROW = "forums/_thread_row.html"


def row(**changes):
    now = timezone.now().replace(second=0, microsecond=0)
    values = {
        "url": "/communities/planning/discussions/7/",
        "title": "Enforcement notices",
        "pinned": False,
        "question": False,
        "answered": False,
        "locked": False,
        "author_name": "Ann Able",
        "reply_count": 1,
        "view_count": 3,
        "last_reply_name": None,
        "last_activity_at": now,
        "created_at": now - datetime.timedelta(days=2),
        "page_count": 1,
        "now": now,
    }
    return {**values, **changes}


def test_every_value_is_part_of_the_key():
    first = render_fragment(ROW, row())
    assert "Enforcement notices" in first
    assert render_fragment(ROW, row()) == first

    assert "Pinned" in render_fragment(ROW, row(pinned=True))
    assert "Planning appeals" in render_fragment(ROW, row(title="Planning appeals"))
    assert "2 replies" in render_fragment(ROW, row(reply_count=2))
    assert "Pinned" not in render_fragment(ROW, row())


def test_values_of_equal_worth_but_different_type_render_apart():
    """1 == True and "<b>" == SafeString("<b>") in Python; not on the page."""
    assert "1 reply" in render_fragment(ROW, row(reply_count=1))
    assert "True" in render_fragment(ROW, row(reply_count=True))


def test_text_is_escaped_as_the_engine_escapes_it():
    html = render_fragment(ROW, row(title="<script>alert(1)</script>"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_only_plain_values_are_accepted():
    with pytest.raises(TypeError, match="title is a object"):
        render_fragment(ROW, row(title=object()))


def test_each_language_has_its_own_fragment():
    english = render_fragment(ROW, row(pinned=True))
    with translation.override("cy"):
        welsh = render_fragment(ROW, row(pinned=True))
    assert "Pinned" in english
    assert "Pinned" not in welsh
    assert "Wedi’i binio" in welsh


def test_time_is_told_from_the_now_it_is_given():
    now = timezone.now().replace(second=0, microsecond=0)
    html = render_fragment(
        ROW, row(now=now, created_at=now - datetime.timedelta(days=3))
    )
    assert "started 3\xa0days ago" in html


def test_the_oldest_fragments_go_first_when_full(monkeypatch):
    small = fragments._Kept(max_bytes=6000)
    monkeypatch.setattr(fragments, "kept", small)
    for number in range(40):
        render_fragment(ROW, row(reply_count=number))
    assert 0 < len(small) < 40
    assert small._bytes <= 6000


@pytest.mark.django_db
def test_each_reader_gets_their_own_csrf_token_in_a_kept_card(client):
    thread = start_thread()
    reply_to(thread, body="We use council tax records.")
    first, second = member_of(thread.community), member_of(thread.community)
    tokens = []
    for reader in (first, second):
        client.force_login(reader)
        page = client.get(thread.get_absolute_url()).content.decode()
        assert CSRF_PLACEHOLDER not in page
        # The kept "helpful" form and the page's own reply form carry the
        # reader's token.
        written = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert len(written) >= 2
        found = set(written)
        assert len(found) == 1
        tokens.append(found)
        # The token works: marking the reply helpful succeeds.
        reply = thread.replies.get()
        response = client.post(
            f"/communities/{thread.community.slug}/content/reply/{reply.pk}/helpful/",
            {"helpful": "1", "csrfmiddlewaretoken": sorted(found)[0]},
        )
        assert response.status_code == 302
    assert not tokens[0] & tokens[1]


@pytest.mark.django_db
def test_a_kept_card_never_shows_a_reader_what_only_another_may_see(client):
    thread = start_thread()
    community = thread.community
    secret = reply_to(thread, body="Something confidential")
    Reply.objects.filter(pk=secret.pk).update(hidden_at=timezone.now())
    facilitator = facilitator_of(community)
    member = member_of(community)
    url = thread.get_absolute_url()

    client.force_login(facilitator)
    page = client.get(url).content.decode()
    assert "Something confidential" in page
    assert "/restore/" in page

    client.force_login(member)
    page = client.get(url).content.decode()
    assert "Something confidential" not in page
    assert "/restore/" not in page
    assert "This reply was hidden by a facilitator." in page

    # An edit shows at once, to everyone.
    visible = reply_to(thread, member, body="First thoughts")
    client.get(url)
    content_services.edit_content(
        actor=member, obj=visible, changes={"body": "Second thoughts"}
    )
    page = client.get(url).content.decode()
    assert "Second thoughts" in page
    assert "First thoughts" not in page
    assert f"/replies/{visible.pk}/edit/" in page

    # Someone who stops being a member loses the links members get.
    Membership.objects.filter(user=member, community=community).delete()
    community.public_reading = True
    community.save()
    page = client.get(url).content.decode()
    assert "Second thoughts" in page
    assert f"/replies/{visible.pk}/edit/" not in page


# Forms with nothing typed in ------------------------------------------------------


def directory_form(data=None, *, areas=(("flooding", "Flooding"),)):
    from commonroom.communities.forms.communities import DirectoryFilterForm

    return DirectoryFilterForm(data, service_areas=list(areas), organisations=[])


def test_an_unbound_form_is_kept_and_reads_as_a_fresh_render():
    fragments.kept.clear()

    first = fragments.render_form(directory_form())
    assert len(fragments.kept) == 1
    again = fragments.render_form(directory_form())

    assert again == first == directory_form().render()
    assert len(fragments.kept) == 1


def test_new_choices_show_at_once():
    fragments.render_form(directory_form())

    html = fragments.render_form(
        directory_form(areas=[("flooding", "Flooding"), ("housing", "Housing")])
    )

    assert '<option value="housing">Housing</option>' in html


def test_what_was_typed_is_never_replaced_by_a_kept_form():
    fragments.render_form(directory_form())

    html = fragments.render_form(directory_form({"q": "drainage"}))

    assert 'value="drainage"' in html


def test_each_language_keeps_its_own_form():
    fragments.render_form(directory_form())
    with translation.override("cy"):
        welsh = fragments.render_form(directory_form())

    with translation.override("cy"):
        assert welsh == directory_form().render()
    assert welsh != fragments.render_form(directory_form())


def test_a_form_that_does_not_say_so_is_rendered_every_time():
    from django import forms

    class Plain(forms.Form):
        name = forms.CharField()

    fragments.kept.clear()
    fragments.render_form(Plain())

    assert len(fragments.kept) == 0
