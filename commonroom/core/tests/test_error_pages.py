import pytest
from django.contrib.auth.decorators import login_not_required
from django.test import Client

from commonroom.core.tests import urls_with_failures

pytestmark = [pytest.mark.django_db, pytest.mark.urls(urls_with_failures.__name__)]

# The failing views are public, like most error situations a visitor meets.
login_not_required(urls_with_failures.broken_view)
login_not_required(urls_with_failures.forbidden_view)


def test_not_found_page_is_styled_and_helpful(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "govuk-generic-header" in html
    assert "govuk-footer" in html
    assert "Some communities are private" in html


def test_forbidden_page_is_styled_and_gives_the_reason(client):
    response = client.get("/forbidden/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "You do not have permission to do that" in html
    assert "Only facilitators can pin a thread." in html
    assert "govuk-generic-header" in html


def test_server_error_page_shows_no_traceback_when_debug_is_off(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    response = client.get("/boom/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "govuk-generic-header" in html
    assert "Traceback" not in html
    assert "RuntimeError" not in html
    assert "secret-internal-detail-that-must-not-leak" not in html
