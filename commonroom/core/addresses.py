"""Addresses that cannot change while the site runs, reversed once, and the
layout's static files' addresses, looked up once.

Every page's header and footer link the same dozen pages, and ``reverse`` walks
the URL configuration each time (about a tenth of the layout's cost). An
address depends only on its name and arguments, the URL configuration and the
script prefix the site is served under, so it is kept by those.
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse

_kept: dict[tuple, str] = {}


def address(name: str, *args: str | int) -> str:
    """``reverse(name, args=args)``, kept."""
    key = (name, args, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    found = _kept.get(key)
    if found is None:
        found = _kept[key] = reverse(name, args=args)
    return found


_assets: dict[str, str] = {}


def asset(path: str) -> str:
    """``{% static path %}``, kept: finding a file's hashed name in the
    manifest cost about 0.1 ms, four times on every page."""
    found = _assets.get(path)
    if found is None:
        found = _assets[path] = static(path)
    return found


@receiver(setting_changed)
def _forget(*, setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _kept.clear()
    if setting in {"STATIC_URL", "STORAGES", "STATIC_ROOT"}:
        _assets.clear()
