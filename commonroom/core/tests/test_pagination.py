import pytest
from django.core.paginator import Paginator

from commonroom.communities.models import Community
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.core.pagination import DeferredJoinPaginator, page_numbers


def test_short_runs_show_every_page():
    assert page_numbers(1, 1) == [1]
    assert page_numbers(2, 5) == [1, 2, 3, 4, 5]


def test_long_runs_show_the_ends_and_the_neighbourhood():
    assert page_numbers(1, 20) == [1, 2, 3, None, 20]
    assert page_numbers(10, 20) == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert page_numbers(20, 20) == [1, None, 18, 19, 20]
    assert page_numbers(4, 20) == [1, 2, 3, 4, 5, 6, None, 20]


@pytest.mark.django_db
@pytest.mark.parametrize("orphans", [0, 3])
def test_deep_pages_found_from_the_end_hold_the_same_rows_in_the_same_order(orphans):
    """Pages in the second half are looked up in the reverse order: every page
    still holds exactly the rows an ordinary paginator gives, ties included."""
    for number in range(23):
        # Ten share each post count: the order falls back on the key.
        CommunityFactory(post_count=number % 3, member_count=number)
    listed = Community.objects.order_by("-post_count", "name", "pk")

    plain = Paginator(listed, 5, orphans=orphans)
    deferred = DeferredJoinPaginator(listed, 5, orphans=orphans)

    assert deferred.num_pages == plain.num_pages
    for number in plain.page_range:
        assert [c.pk for c in deferred.page(number)] == [
            c.pk for c in plain.page(number)
        ], f"page {number}"
