"""Every page type reads in Welsh: no words are left in English.

Each page of the catalogue (``core/testing/page_types.py``) is shown twice, to
the same person with the same data: in English and in Welsh. Every piece of
text a person meets (text between tags, the page title, and the alt, title,
aria-label and placeholder attributes and button values) is collected from
both. A piece of the Welsh page that is the same in the English one is words
nobody translated, unless it is:

- data the page shows: it is made of values stored in the database (names,
  titles, posts) and what has no letters (numbers, times, punctuation). Not
  the stored text the site translates when it shows it (``TRANSLATED_WHEN_SHOWN``:
  service areas' names, the audit log's notes): that must be in Welsh;
- marked as in another language (``lang="en-gb"``: the switch's "English");
- one of the few names that are the same in both languages (``SAME_IN_BOTH``),
  or a string the Welsh catalogue translates as itself ("Help", "Tag").

The data set uses fixed names, so the check is the same on every run. A
string missing from the catalogue (not marked for translation, or marked but
not translated) stays English in the Welsh page, and the test names it.
"""

import pytest
from django.conf import settings
from django.test import Client

from commonroom.audit import details
from commonroom.core.testing import page_types
from commonroom.core.testing.welsh import english_left_in, stored_values, visible_text

pytestmark = pytest.mark.django_db


def page_in(page, language: str) -> str:
    client: Client = page_types.client_for(page)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(page.url)
    assert response.status_code == page.status, (page.name, language)
    return response.content.decode()


def a_note_of_every_shape():
    """An audit entry for each shape of note the log keeps, so the audit log
    page shows them all."""
    from commonroom.audit.models import AuditEvent

    for phrase in details._PHRASES:
        fields = dict.fromkeys(details._FIELD.findall(phrase.english), "restricted")
        AuditEvent.objects.create(
            action=AuditEvent.Action.SIGN_IN,
            actor_email="aisha.rahman@borsetshire.gov.uk",
            detail=phrase.note(**fields),
        )


@pytest.fixture
def catalogue(media_root):
    catalogue = page_types.build()
    a_note_of_every_shape()
    return catalogue


def test_every_page_type_is_all_in_welsh(catalogue):
    values = stored_values(*(page.session for page in catalogue))
    left = {}
    for page in catalogue:
        welsh = page_in(page, "cy")
        assert '<html lang="cy"' in welsh, page.name
        found = english_left_in(welsh, page_in(page, "en-gb"), values)
        if found:
            left[f"{page.name} ({page.role}) {page.url}"] = found

    assert not left, "English left on Welsh pages:\n" + "\n".join(
        f"{page}: {found}" for page, found in left.items()
    )


def test_the_rate_limit_page_is_all_in_welsh(client):
    """Not a route of its own (allauth shows it when a limit is reached), so
    not in the catalogue: reached here by asking for too many password resets."""
    address = {"email": "nobody.here@powys.gov.uk"}
    pages = {}
    for language in ("cy", "en-gb"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for _ in range(6):
            response = client.post("/account/password/reset/", address)
        assert response.status_code == 429
        pages[language] = response.content.decode()

    assert english_left_in(pages["cy"], pages["en-gb"], [address["email"]]) == []
    assert visible_text(pages["cy"]) != visible_text(pages["en-gb"])
