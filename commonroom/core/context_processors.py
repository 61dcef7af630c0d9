from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from commonroom.core.addresses import address


def layout(request: HttpRequest) -> dict:
    """What the base layout needs on every page; no database queries."""
    # The whole address, query and all, as one value of ``next``.
    path = quote(request.get_full_path(), safe="/")
    current = get_language()
    return {
        "site_name": "Commonroom",
        "language_links": [
            {
                "code": code,
                "name": name_local,
                "current": code == current,
                "url": f"{address('language-switch', code)}?next={path}",
            }
            for code, name_local in (("en-gb", "English"), ("cy", "Cymraeg"))
        ],
        "PRODUCTION": settings.PRODUCTION,
    }
