"""Rendered pieces of a page kept in memory, keyed by everything they show.

A thread page renders twenty post cards and a thread list twenty-five rows,
and Django's template engine spends most of a page's time on them (about a
millisecond a post: every tag, filter and translated string costs). Most of
them are the same for every reader of the page and the same as a moment ago,
so a fragment is rendered once and kept.

A fragment is a template rendered from plain values only (``PLAIN``: strings,
numbers, booleans, dates and None, and tuples of them), never from model
instances, the request or context processors. The values, their types, the
active language and time zone are therefore the fragment's whole input and its
key: the same key always renders the same HTML, so a kept fragment can never
be out of date and nothing has to be invalidated. Whatever a reader may or may
not see is decided before the values are built (``can_edit``, a withheld job
title, an empty body for hidden text) and is part of the key like the rest.

Each form in a fragment carries the reader's CSRF token: fragments are
rendered with ``CSRF_PLACEHOLDER`` in its place, and ``render_fragment``
writes the reader's token in on the way out.

Fragments are kept per process, least recently used first out, up to
``MAX_BYTES`` (counting their HTML and their values). Numbers are not
localised, as in ``base.html``.
"""

import threading
from collections import OrderedDict
from datetime import date, datetime

from django.template import Context
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

PLAIN = (str, int, float, bool, type(None), date, datetime)
CSRF_PLACEHOLDER = "csrf0fragment0placeholder"
MAX_BYTES = 32 * 1024 * 1024


def _key_part(name: str, value):
    """``value`` with its type: 1, True and "1" render differently, as do a
    ``str`` and a ``SafeString`` with the same text."""
    if isinstance(value, tuple):
        return (name, "tuple", tuple(_key_part(name, each) for each in value))
    if not isinstance(value, PLAIN):
        raise TypeError(
            f"A fragment's values must be plain ({name} is a "
            f"{type(value).__name__}): the values are its key."
        )
    return (name, type(value).__name__, value)


# The plain types themselves: a flat set of values of these types is keyed by
# their types alone, without walking them one by one.
_FLAT = frozenset({str, SafeString, int, float, bool, type(None), date, datetime})


def _key(values: dict) -> tuple:
    """The values' part of a fragment's key: names, values and their types
    (tuples, and anything not plain, value by value)."""
    names = tuple(values)
    plain = tuple(values.values())
    types = tuple(map(type, plain))
    if not _FLAT.issuperset(types):
        plain = tuple(
            value if kind in _FLAT else _key_part(name, value)
            for name, value, kind in zip(names, plain, types, strict=True)
        )
    return (names, plain, types)


def _size(value) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, tuple):
        return sum(_size(each) for each in value)
    return 8


class _Kept:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple, tuple[SafeString, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> SafeString | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: tuple, html: SafeString, size: int) -> None:
        if size > self.max_bytes:
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = (html, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                _key, (_html, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)


kept = _Kept(MAX_BYTES)


def render_fragment(template_name: str, values: dict, *, csrf_token="") -> SafeString:
    """``template_name`` rendered from ``values`` alone, kept for next time."""
    key = (
        template_name,
        get_language(),
        timezone.get_current_timezone_name(),
        _key(values),
    )
    html = kept.get(key)
    if html is None:
        context = Context(
            {**values, "csrf_token": CSRF_PLACEHOLDER}, autoescape=True, use_l10n=False
        )
        html = mark_safe(get_template(template_name).template.render(context))  # noqa: S308 - the engine escaped it
        kept.put(key, html, len(html) + sum(_size(value) for value in values.values()))
    if CSRF_PLACEHOLDER in html:
        html = mark_safe(html.replace(CSRF_PLACEHOLDER, str(csrf_token)))  # noqa: S308 - a token of letters and digits
    return html


# Forms with nothing typed in ------------------------------------------------------


def _choices_key(choices) -> tuple:
    key = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            key.append((str(value), _choices_key(label)))
        else:
            key.append((str(value), str(label)))
    return tuple(key)


def render_form(form) -> SafeString:
    """``{{ form }}``, kept when nobody has typed in it yet.

    A form class that sets ``keep_unbound_html = True`` says that, unbound and
    without initial values, its HTML follows from its class, its fields'
    choices (made per request, from the database) and the language alone:
    those are then the key. Any other form, or one with data or initial
    values, is rendered as usual.
    """
    if form.is_bound or form.initial or not getattr(form, "keep_unbound_html", False):
        return form.render()
    form_class = type(form)
    key = (
        "form",
        f"{form_class.__module__}.{form_class.__qualname__}",
        form.prefix,
        str(form.auto_id),
        get_language(),
        timezone.get_current_timezone_name(),
        *(
            (name, _choices_key(field.choices))
            for name, field in form.fields.items()
            if hasattr(field, "choices")
        ),
    )
    html = kept.get(key)
    if html is None:
        html = form.render()
        if CSRF_PLACEHOLDER not in html and "csrfmiddlewaretoken" not in html:
            kept.put(key, html, len(html) + len(repr(key)))
    return html
