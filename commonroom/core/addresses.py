"""Addresses that cannot change while the site runs, reversed once.

Every page's header and footer link the same dozen pages, and ``reverse`` walks
the URL configuration each time (about a tenth of the layout's cost). An
address depends only on its name and arguments, the URL configuration and the
script prefix the site is served under, so it is kept by those.
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

_kept: dict[tuple, str] = {}


def address(name: str, *args: str | int) -> str:
    """``reverse(name, args=args)``, kept."""
    key = (name, args, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    found = _kept.get(key)
    if found is None:
        found = _kept[key] = reverse(name, args=args)
    return found


@receiver(setting_changed)
def _forget(*, setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _kept.clear()
