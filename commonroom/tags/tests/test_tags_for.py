import pytest

from commonroom.communities.models import Community
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.forums.tests.factories import member_of, start_thread
from commonroom.tags.models import Tag
from commonroom.tags.services import tags_for

pytestmark = pytest.mark.django_db


def test_typing_a_tag_someone_can_see_keeps_its_stored_spelling():
    community = CommunityFactory()
    start_thread(community, tags=["HMO licensing"])
    reader = member_of(CommunityFactory(), email="elsewhere@leeds.gov.uk")

    [tag] = tags_for(["hmo Licensing"], reader=reader)

    assert tag.name == "HMO licensing"
    assert Tag.objects.count() == 1


def test_typing_a_tag_used_only_in_a_private_community_reveals_nothing():
    private = CommunityFactory(visibility=Community.Visibility.PRIVATE)
    thread = start_thread(private, tags=["Operation Nightjar"])
    outsider = member_of(CommunityFactory(), email="outsider@leeds.gov.uk")

    [tag] = tags_for(["operation nightjar"], reader=outsider)

    # One tag still (slugs are unique), shown with the spelling the outsider typed.
    assert tag.name == "operation nightjar"
    assert [t.pk for t in thread.tags.all()] == [tag.pk]
    insider = thread.author
    [again] = tags_for(["OPERATION NIGHTJAR"], reader=insider)
    assert again.name == "operation nightjar"  # the insider may see it: kept


def test_a_topic_of_a_listed_community_counts_as_seen():
    community = CommunityFactory()
    community.tags.set([Tag.objects.create(name="Fly-tipping", slug="fly-tipping")])
    reader = member_of(CommunityFactory(), email="reader@leeds.gov.uk")

    [tag] = tags_for(["fly tipping"], reader=reader)

    assert tag.name == "Fly-tipping"
