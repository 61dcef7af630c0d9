"""Finding English left in a Welsh page or email (see
``core/tests/test_welsh_everywhere.py``, which says how and why).

The same page (or email) is made twice, with the same data, in English and in
Welsh; ``english_left_in`` gives the pieces of text of the Welsh one that are
the same in the English one and are neither data nor names.
"""

import re
from html.parser import HTMLParser

from django.apps import apps
from django.db import models
from django.utils.translation import trans_real

# Names, not words: the same in Welsh. Keep this short, with a reason each.
SAME_IN_BOTH = {
    "Commonroom",  # the service's name
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
LINK = re.compile(r"https?://\S+")
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


def stored_values(*extra) -> list[str]:
    """Every text value in the database, and in ``extra`` (a wizard's earlier
    answers kept in a session, a job's arguments), longest first: what pages
    and emails show as data."""
    values: set[str] = _strings_in(list(extra))
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
    """What of ``piece`` is words, once data, links and names are taken out."""
    rest = LINK.sub(" ", piece)
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
