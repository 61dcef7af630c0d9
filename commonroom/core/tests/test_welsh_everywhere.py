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

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.utils.translation import trans_real

from commonroom.audit import details
from commonroom.core.testing import page_types

pytestmark = pytest.mark.django_db

# Names, not words: the same in Welsh. Keep this short, with a reason each.
SAME_IN_BOTH = {
    "Commonroom",  # the service's name
    "GOV.UK",  # the design system's name, in the footer's licence line
    "Markdown",  # the formatting language's name
    "Open Government Licence",  # the licence's name
    "Crown copyright",  # © statement kept in English by GOV.UK's own Welsh pages
}
# Stored English that pages show translated: never counted as data.
TRANSLATED_WHEN_SHOWN = {
    ("core", "servicearea", "name"),
    ("audit", "auditevent", "detail"),
}
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
SKIPPED_ELEMENTS = {"script", "style", "template", "svg", "code", "pre"}
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
LETTERS = re.compile(r"[^\W\d_]{2,}")


class VisibleText(HTMLParser):
    """The pieces of text a person meets on a page, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        # One entry per open element: whether its text is skipped.
        self.stack: list[bool] = []
        self.in_head = False
        self.in_title = False

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = attributes.get("lang")
        # Text marked with its own language (the switch's "English" and
        # "Cymraeg") is meant to be in it.
        skip = (
            self.skipping
            or tag in SKIPPED_ELEMENTS
            or (tag != "html" and lang is not None)
        )
        if tag == "head":
            self.in_head = True
        if tag == "title":
            self.in_title = True
        if not skip:
            for name in TEXT_ATTRIBUTES:
                if attributes.get(name):
                    self.pieces.append(attributes[name])
            if tag == "input" and attributes.get("type") in (
                "submit",
                "button",
                "reset",
            ):
                if attributes.get("value"):
                    self.pieces.append(attributes["value"])
        if tag not in VOID_ELEMENTS:
            self.stack.append(skip)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        if tag == "head":
            self.in_head = False
        if tag == "title":
            self.in_title = False
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.skipping or (self.in_head and not self.in_title):
            return
        text = " ".join(data.split())
        if text:
            self.pieces.append(text)


def visible_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.pieces


def _strings_in(value) -> set[str]:
    if isinstance(value, str):
        return {" ".join(line.split()) for line in value.splitlines()}
    if isinstance(value, dict):
        value = value.values()
    if isinstance(value, list | tuple | set | type({}.values())):
        return set().union(*(_strings_in(item) for item in value))
    return set()


def stored_values(catalogue) -> list[str]:
    """Every text value in the database and in the pages' sessions (a wizard's
    earlier answers), longest first: what pages show as data."""
    values: set[str] = set()
    for page in catalogue:
        values |= _strings_in(page.session)
    for model in apps.get_models():
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(
                field, models.CharField | models.TextField | models.EmailField
            )
            and (model._meta.app_label, model._meta.model_name, field.name)
            not in TRANSLATED_WHEN_SHOWN
        ]
        for row in model.objects.values_list(*fields) if fields else []:
            for value in row:
                values |= _strings_in(value)
    return sorted((v for v in values if v), key=len, reverse=True)


def untranslated(piece: str, values: list[str]) -> str:
    """What of ``piece`` is words, once data and names are taken out."""
    rest = piece
    for name in SAME_IN_BOTH:
        rest = rest.replace(name, " ")
    if not LETTERS.search(rest):
        return ""
    for value in values:
        if len(value) >= 3 and value in rest:
            rest = rest.replace(value, " ")
            if not LETTERS.search(rest):
                return ""
    stripped = rest.strip(" .,:;·•()[]'\"’‘“”!?-–—/")
    if any(stripped in value for value in values if len(stripped) > 2):
        return ""
    return rest.strip() if LETTERS.search(rest) else ""


def page_in(page, language: str) -> str:
    client: Client = page_types.client_for(page)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(page.url)
    assert response.status_code == page.status, (page.name, language)
    return response.content.decode()


def translated_as_itself(piece: str) -> bool:
    """The Welsh catalogue has ``piece`` and chose to keep it as it is."""
    catalog = trans_real.translation("cy")._catalog
    return piece in catalog and catalog[piece] == piece


def _same_on_purpose(piece: str, values: list[str]) -> bool:
    left = untranslated(piece, values)
    return not left or translated_as_itself(left.strip(" –-·:|"))


def english_left_in(welsh_html: str, english_html: str, values: list[str]):
    english = set(visible_text(english_html))
    return sorted(
        {
            piece
            for piece in visible_text(welsh_html)
            if piece in english and not _same_on_purpose(piece, values)
        }
    )


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
    values = stored_values(catalogue)
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
