from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language


def layout(request: HttpRequest) -> dict:
    """What the base layout needs on every page; no database queries."""
    path = request.get_full_path()
    current = get_language()
    return {
        "site_name": "Commonroom",
        "language_links": [
            {
                "code": code,
                "name": name_local,
                "current": code == current,
                "url": f"{reverse('language-switch', args=[code])}?next={path}",
            }
            for code, name_local in (("en-gb", "English"), ("cy", "Cymraeg"))
        ],
        "PRODUCTION": settings.PRODUCTION,
    }
