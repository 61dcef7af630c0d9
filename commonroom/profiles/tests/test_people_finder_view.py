import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.core.testing.queries import session_queries

pytestmark = pytest.mark.django_db


def test_visitors_are_asked_to_sign_in(client):
    response = client.get("/people/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=/people/")


def test_members_find_people_by_name_job_or_organisation(client):
    client.force_login(UserFactory(full_name="Asha Patel"))
    UserFactory(full_name="Gareth Jones", profile__job_title="Waste Strategy Officer")

    html = client.get("/people/?q=waste").content.decode()

    assert "Gareth Jones" in html
    assert "Asha Patel" not in html


def test_people_finder_has_a_fixed_query_budget(client, queries):
    client.force_login(UserFactory())
    budget = session_queries() + 3  # user, count, page
    with queries(budget):
        client.get("/people/")

    UserFactory.create_batch(10)
    with queries(budget):
        response = client.get("/people/")
    assert len(response.context["pagination"].page.object_list) == 11
