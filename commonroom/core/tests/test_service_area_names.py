"""Service areas are stored in English and shown in the reader's language."""

import pytest
from django.conf import settings
from django.utils import translation

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.core.models import ServiceArea

pytestmark = pytest.mark.django_db


def test_every_service_area_has_a_welsh_name():
    with translation.override("cy"):
        untranslated = [
            area.name
            for area in ServiceArea.objects.all()
            if area.display_name == area.name
        ]
    assert ServiceArea.objects.count() == 26
    assert untranslated == []


def test_pages_show_service_areas_in_welsh(client):
    area = ServiceArea.objects.get(slug="adult-social-care")
    reader = UserFactory(language="cy")
    person = UserFactory(full_name="Nia Pritchard")
    person.profile.service_areas.set([area])
    CommunityFactory(name="Social Care Leads", service_area=area)
    client.force_login(reader)

    profile = client.get(f"/people/{person.pk}/").content.decode()
    finder = client.get("/people/").content.decode()
    directory = client.get("/communities/").content.decode()

    for page in (profile, finder, directory):
        assert "Gofal cymdeithasol i oedolion" in page
        assert "Adult social care" not in page
    # The filter's choices are in the order a Welsh reader reads them.
    assert finder.index("Addysg a sgiliau") < finder.index("Cyllid")
    area.refresh_from_db()
    assert area.name == "Adult social care"


def test_english_readers_see_the_stored_names(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en-gb"
    CommunityFactory(
        name="Social Care Leads",
        service_area=ServiceArea.objects.get(slug="adult-social-care"),
    )

    assert "Adult social care" in client.get("/communities/").content.decode()
