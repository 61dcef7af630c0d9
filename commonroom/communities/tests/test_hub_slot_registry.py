import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities import hub
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def discussions_slot():
    calls = []

    @hub.register_hub_slot(name="test-discussions", order=10)
    def load(*, community, viewer):
        calls.append(viewer)
        return hub.HubSlot(
            name="test-discussions",
            heading="Latest discussions",
            template_name="content/_hub_slot.html",
            items=[{"title": f"Thread in {community.name}", "url": "/t/1/"}],
            more_url="/discussions/",
        )

    yield calls
    hub.unregister_hub_slot("test-discussions")


def test_registered_slots_fill_the_hub_for_readers_only(client, discussions_slot):
    community = CommunityFactory(name="Restricted Network", visibility="restricted")
    member = MembershipFactory(community=community).user

    client.force_login(UserFactory())
    outsider_page = client.get(f"/communities/{community.slug}/").content.decode()
    client.force_login(member)
    member_page = client.get(f"/communities/{community.slug}/").content.decode()

    assert "Thread in Restricted Network" not in outsider_page
    assert "Thread in Restricted Network" in member_page
    assert "Latest discussions" in member_page
    assert discussions_slot == [member]  # never asked on an outsider's behalf
