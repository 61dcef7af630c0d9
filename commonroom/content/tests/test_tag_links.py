"""Every tag shown anywhere links to its tag page, through one template tag
(``{% tag_links %}``, ``tags/templatetags/tag_links.py``)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.template import Context, Template

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.forums.tests.factories import member_of, start_thread
from commonroom.tags.models import Tag

pytestmark = pytest.mark.django_db

LINK = 'class="govuk-link commonroom-tag-link" href="/tags/{slug}/">{name}</a>'
MUTED = 'class="govuk-link govuk-link--muted commonroom-tag-link" href="/tags/{slug}/">'


def _tag(name="Damp and mould", slug="damp-and-mould") -> Tag:
    return Tag.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def test_a_threads_tags_link_to_their_pages(client):
    community = CommunityFactory(public_reading=True)
    thread = start_thread(community, tags=["Damp and mould", "HMO licensing"])

    html = client.get(thread.get_absolute_url()).content.decode()

    assert LINK.format(slug="damp-and-mould", name="Damp and mould") in html
    assert LINK.format(slug="hmo-licensing", name="HMO licensing") in html
    assert 'aria-label="Tags"' in html


def test_a_communitys_topics_link_to_their_pages_on_the_hub_and_in_the_directory(
    client,
):
    community = CommunityFactory(name="Housing Standards")
    community.tags.add(_tag())

    hub = client.get(f"/communities/{community.slug}/").content.decode()
    directory = client.get("/communities/").content.decode()

    assert LINK.format(slug="damp-and-mould", name="Damp and mould") in hub
    assert MUTED.format(slug="damp-and-mould") in directory


def test_someones_expertise_links_to_its_page(client):
    expert = UserFactory(full_name="Ada Expert")
    expert.profile.expertise.add(_tag())
    client.force_login(member_of(CommunityFactory(), email="reader@leeds.gov.uk"))

    html = client.get(f"/people/{expert.pk}/").content.decode()

    assert LINK.format(slug="damp-and-mould", name="Damp and mould") in html


def test_a_waiting_communitys_topics_link_to_their_pages_for_administrators(client):
    creator = UserFactory()
    community = CommunityFactory(status="pending", created_by=creator)
    community.tags.add(_tag())
    admin = UserFactory(is_staff=True)
    TOTP.activate(admin, generate_totp_secret())  # administrators must use 2FA
    client.force_login(admin)

    html = client.get(f"/administration/communities/{community.pk}/").content.decode()
    page = client.get("/tags/damp-and-mould/")

    assert LINK.format(slug="damp-and-mould", name="Damp and mould") in html
    # Administrators know of waiting communities, so the page is there for them.
    assert page.status_code == 200
    assert community.name in page.content.decode()


def test_the_template_tag_takes_tags_or_plain_pairs():
    template = Template(
        "{% load tag_links %}{% tag_links tags label='Topics' %}|{% tag_links pairs %}"
        "|{% tag_links none %}"
    )
    html = template.render(
        Context(
            {
                "tags": [Tag(name="Flood <risk>", slug="flood-risk")],
                "pairs": (("s106", "S106"),),
                "none": [],
            }
        )
    )

    with_tags, with_pairs, empty = html.split("|")
    assert 'aria-label="Topics"' in with_tags
    assert LINK.format(slug="flood-risk", name="Flood &lt;risk&gt;") in with_tags
    assert LINK.format(slug="s106", name="S106") in with_pairs
    assert empty.strip() == ""
