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


# The component as the template engine wrote it before ``Pagination.html``:
# the markup written in Python must read the same.
TEMPLATE_MARKUP = """{% load i18n %}
{% comment %}GOV.UK pagination. Context: pagination (commonroom.core.pagination.Pagination).{% endcomment %}
{% if pagination.page_count > 1 %}
  <nav class="govuk-pagination" aria-label="{% translate 'Pagination' %}">
    {% if pagination.previous_url %}
      <div class="govuk-pagination__prev">
        <a class="govuk-link govuk-pagination__link" href="{{ pagination.previous_url }}" rel="prev">
          <svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path></svg>
          <span class="govuk-pagination__link-title">{% translate "Previous" %}<span class="govuk-visually-hidden"> {% translate "page" %}</span></span>
        </a>
      </div>
    {% endif %}
    <ul class="govuk-pagination__list">
      {% for link in pagination.links %}
        {% if link.number %}
          <li class="govuk-pagination__item{% if link.current %} govuk-pagination__item--current{% endif %}">
            <a class="govuk-link govuk-pagination__link" href="{{ link.url }}" aria-label="{% blocktranslate with number=link.number %}Page {{ number }}{% endblocktranslate %}"{% if link.current %} aria-current="page"{% endif %}>{{ link.number }}</a>
          </li>
        {% else %}
          <li class="govuk-pagination__item govuk-pagination__item--ellipses">&ctdot;</li>
        {% endif %}
      {% endfor %}
    </ul>
    {% if pagination.next_url %}
      <div class="govuk-pagination__next">
        <a class="govuk-link govuk-pagination__link" href="{{ pagination.next_url }}" rel="next">
          <span class="govuk-pagination__link-title">{% translate "Next" %}<span class="govuk-visually-hidden"> {% translate "page" %}</span></span>
          <svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path></svg>
        </a>
      </div>
    {% endif %}
  </nav>
{% endif %}
"""


@pytest.mark.parametrize(
    ("number", "page_count", "query"),
    [
        (1, 1, ""),
        (1, 2, ""),
        (2, 2, "show=mine"),
        (6, 20, "q=a%26b&page=6"),
        (20, 20, ""),
    ],
)
def test_the_pagination_markup_reads_as_the_component_template_did(
    rf, number, page_count, query
):
    from django.template import Context, Template
    from django.test.html import parse_html
    from django.utils import translation

    from commonroom.core.pagination import numbered_pages

    request = rf.get(f"/things/?{query}")
    pagination = numbered_pages(
        request, number=number, page_count=page_count, object_list=[]
    )
    for language in ("en-gb", "cy"):
        with translation.override(language):
            old = Template(TEMPLATE_MARKUP).render(Context({"pagination": pagination}))
            new = str(type(pagination).html.func(pagination))
        assert parse_html(new) == parse_html(old)
    if page_count > 1:
        assert 'aria-current="page"' in pagination.html
        assert "&amp;" in pagination.html or "&" not in query
