"""django-allauth's pages, forms, messages and rate-limit page in Welsh.

allauth ships no Welsh; ``accounts/third_party_locale`` has it. The catalogue test
reads the English catalogue of the allauth installed, so an upgrade bringing a
new string for the parts Commonroom uses fails here until it is translated.
"""

import re
from pathlib import Path

import allauth
import pytest
from django.conf import settings
from django.utils.translation import trans_real

from commonroom.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# The parts of allauth Commonroom uses: accounts by email, two-factor by app
# and recovery codes (no social accounts, sessions list or identity provider).
USED = re.compile(r"^(templates/(account|mfa|allauth)/|account/|mfa/|core/)")
PASSWORD = "a long enough password"


def _allauth_strings() -> set[tuple[str | None, str]]:
    """(context, msgid) of every string allauth's used parts show."""
    po = Path(allauth.__file__).parent / "locale/en/LC_MESSAGES/django.po"
    strings = set()
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        places = " ".join(
            line[3:] for line in block.splitlines() if line.startswith("#: ")
        ).split()
        if not any(USED.match(place) for place in places):
            continue
        fields: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr\S*) "(.*)"$', line)
            if match:
                key = match.group(1)
                fields[key] = match.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            unescape = lambda s: s.replace('\\"', '"').replace("\\n", "\n")  # noqa: E731
            strings.add(
                (
                    unescape(fields["msgctxt"]) if "msgctxt" in fields else None,
                    unescape(fields["msgid"]),
                )
            )
    return strings


def test_every_string_of_allauth_we_use_has_welsh():
    catalog = trans_real.translation("cy")._catalog
    strings = _allauth_strings()
    assert len(strings) > 200  # the English catalogue was read

    def translated(context, msgid):
        key = f"{context}\x04{msgid}" if context else msgid
        return key in catalog or (key, 0) in catalog

    missing = sorted(
        msgid for context, msgid in strings if not translated(context, msgid)
    )
    assert not missing, f"allauth strings with no Welsh: {missing}"


def test_allauth_pages_read_in_welsh(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"

    page = client.get("/account/password/reset/").content.decode()

    assert "Wedi anghofio eich cyfrinair?" in page
    assert "Forgotten your password?" not in page


def test_allauth_form_errors_and_messages_read_in_welsh(client):
    member = UserFactory(email="megan.hughes@powys.gov.uk", language="cy")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"

    wrong = client.post(
        "/account/login/", {"login": member.email, "password": "wrong password"}
    ).content.decode()
    assert "Nid yw’r cyfeiriad e-bost a/neu’r cyfrinair a roesoch yn gywir." in wrong

    client.force_login(member)
    changed = client.post(
        "/account/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "another long enough password",
            "password2": "another long enough password",
        },
        follow=True,
    ).content.decode()
    assert "Cyfrinair wedi’i newid." in changed
    assert "Password successfully changed." not in changed


def test_the_rate_limit_page_is_ours_and_in_welsh(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    address = {"email": "nobody.here@powys.gov.uk"}
    statuses = [
        client.post("/account/password/reset/", address).status_code for _ in range(6)
    ]

    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429
    page = client.post("/account/password/reset/", address).content.decode()
    assert "Gormod o ymdrechion: arhoswch a rhowch gynnig arall arni" in page
    assert "Arhoswch hyd at awr, yna rhowch gynnig arall arni." in page
    # Our page, with the site's header and the way to English.
    assert 'hreflang="en-gb"' in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en-gb"
    page = client.post("/account/password/reset/", address).content.decode()
    assert "Too many attempts: wait and try again" in page


def test_the_password_checks_read_in_welsh(client):
    """Django's own Welsh lacks its password checks' words; ours has them."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"

    page = client.post(
        "/account/signup/",
        {
            "email": "huw.price@powys.gov.uk",
            "full_name": "Huw Price",
            "organisation": "",
            "organisation_other": "Cyngor Sir Powys",
            "password1": "password",
            "password2": "password",
        },
    ).content.decode()

    assert "Mae’r cyfrinair hwn yn rhy fyr. Rhaid iddo gynnwys o leiaf 12 nod." in page
    assert "Mae’r cyfrinair hwn yn rhy gyffredin." in page
    assert "This password is too" not in page
