import pytest
from django.test import Client

from commonroom.accounts.tests.factories import UserFactory
from commonroom.content.models import MAX_BODY_LENGTH

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = UserFactory(full_name="Asha Patel")
    client.force_login(user)
    return user


def test_shows_the_rendered_message(client, member):
    response = client.post("/preview/", {"body": "A **careful** reply, @asha-patel"})

    assert response.status_code == 200
    assert [t.name for t in response.templates] == ["components/markdown_preview.html"]
    html = response.content.decode()
    assert '<div class="commonroom-prose commonroom-prose--preview">' in html
    assert "<strong>careful</strong>" in html
    assert f'href="/people/{member.pk}/">@asha-patel</a>' in html


def test_shows_raw_html_as_text(client, member):
    html = client.post("/preview/", {"body": "<script>alert(1)</script>"}).content

    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert b"<script>" not in html


@pytest.mark.parametrize("body", [None, "", "  \n "])
def test_says_when_there_is_nothing_to_preview(client, member, body):
    data = {} if body is None else {"body": body}

    html = client.post("/preview/", data).content.decode()

    assert "Nothing to preview yet." in html
    assert "commonroom-prose" not in html


def test_refuses_messages_that_are_too_long(client, member):
    response = client.post("/preview/", {"body": "a" * (MAX_BODY_LENGTH + 1)})

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Your message is 20001 characters long. Shorten it to 20000 characters "
        "or fewer to preview it."
    ) in html
    assert "govuk-error-message" in html
    assert "commonroom-prose" not in html


def test_previews_a_message_of_the_longest_allowed_length(client, member):
    html = client.post("/preview/", {"body": "a" * MAX_BODY_LENGTH}).content.decode()

    assert "commonroom-prose" in html


def test_only_answers_post(client, member):
    assert client.get("/preview/?body=hi").status_code == 405


def test_asks_visitors_to_sign_in(client):
    response = client.post("/preview/", {"body": "hi"})

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_checks_the_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    assert client.post("/preview/", {"body": "hi"}).status_code == 403


def test_a_message_box_with_a_shorter_limit_is_previewed_against_it(client, member):
    html = client.post("/preview/", {"body": "b" * 60, "limit": "50"}).content.decode()

    assert (
        "Your message is 60 characters long. Shorten it to 50 characters "
        "or fewer to preview it."
    ) in html
    assert "commonroom-prose" not in html
    within = client.post("/preview/", {"body": "b" * 50, "limit": "50"})
    assert "commonroom-prose" in within.content.decode()


@pytest.mark.parametrize("limit", ["999999", "0", "-5", "lots"])
def test_the_limit_sent_cannot_raise_the_longest_message(client, member, limit):
    data = {"body": "a" * (MAX_BODY_LENGTH + 1), "limit": limit}

    html = client.post("/preview/", data).content.decode()

    assert f"Shorten it to {MAX_BODY_LENGTH} characters or fewer" in html
    assert "commonroom-prose" not in html
