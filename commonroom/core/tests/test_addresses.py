"""Addresses and static files' addresses kept between requests."""

from django.templatetags.static import static
from django.test import override_settings
from django.urls import reverse

from commonroom.core.addresses import address, asset


def test_a_kept_address_is_the_reversed_one():
    assert address("community-directory") == reverse("community-directory")
    assert address("community-detail", "flooding") == reverse(
        "community-detail", args=["flooding"]
    )


def test_a_kept_static_address_follows_the_static_settings():
    before = asset("dist/commonroom.css")
    assert before == static("dist/commonroom.css")
    with override_settings(STATIC_URL="/elsewhere/"):
        moved = asset("dist/commonroom.css")
        assert moved == static("dist/commonroom.css")
        assert moved.startswith("/elsewhere/")
    assert asset("dist/commonroom.css") == before
