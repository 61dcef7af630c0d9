"""Pagination that renders as the GOV.UK pagination component.

``paginate`` returns a ``Page`` (two queries: a count and the slice) with the
links the component needs already worked out, so templates do no arithmetic.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet, Subquery
from django.http import HttpRequest, QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

DEFAULT_PER_PAGE = 20


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None for an ellipsis
    url: str = ""
    current: bool = False


_PREVIOUS_ICON = (
    '<svg class="govuk-pagination__icon govuk-pagination__icon--prev" '
    'xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" '
    'focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 '
    "6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293"
    '-1.414-1.414z"></path></svg>'
)
_NEXT_ICON = (
    '<svg class="govuk-pagination__icon govuk-pagination__icon--next" '
    'xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" '
    'focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 1.414 '
    "4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246"
    '-6.7266z"></path></svg>'
)


@dataclass(frozen=True)
class Pagination:
    number: int
    page_count: int
    object_list: list
    previous_url: str
    next_url: str
    links: list[PageLink]
    page: Page | None = None  # for offset pages: counts and start/end indexes

    @cached_property
    def html(self) -> SafeString:
        """The GOV.UK pagination component (``components/pagination.html``),
        written once per page in Python: pages show it above and below their
        list, and through the template engine it cost half a millisecond each
        time."""
        if self.page_count <= 1:
            return mark_safe("")  # noqa: S308 - nothing
        page_word = escape(_("page"))
        label = escape(_("Pagination"))
        parts = [f'<nav class="govuk-pagination" aria-label="{label}">']
        if self.previous_url:
            parts.append(
                '<div class="govuk-pagination__prev">'
                '<a class="govuk-link govuk-pagination__link" '
                f'href="{escape(self.previous_url)}" rel="prev">{_PREVIOUS_ICON}'
                f'<span class="govuk-pagination__link-title">{escape(_("Previous"))}'
                f'<span class="govuk-visually-hidden"> {page_word}</span></span>'
                "</a></div>"
            )
        parts.append('<ul class="govuk-pagination__list">')
        for link in self.links:
            if link.number:
                current = " govuk-pagination__item--current" if link.current else ""
                label = escape(_("Page %(number)s") % {"number": link.number})
                aria_current = ' aria-current="page"' if link.current else ""
                parts.append(
                    f'<li class="govuk-pagination__item{current}">'
                    f'<a class="govuk-link govuk-pagination__link" '
                    f'href="{escape(link.url)}" aria-label="{label}"{aria_current}>'
                    f"{link.number}</a></li>"
                )
            else:
                parts.append(
                    '<li class="govuk-pagination__item '
                    'govuk-pagination__item--ellipses">&ctdot;</li>'
                )
        parts.append("</ul>")
        if self.next_url:
            parts.append(
                '<div class="govuk-pagination__next">'
                '<a class="govuk-link govuk-pagination__link" '
                f'href="{escape(self.next_url)}" rel="next">'
                f'<span class="govuk-pagination__link-title">{escape(_("Next"))}'
                f'<span class="govuk-visually-hidden"> {page_word}</span></span>'
                f"{_NEXT_ICON}</a></div>"
            )
        parts.append("</nav>")
        return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


def _url_for(query: QueryDict, number: int) -> str:
    query = query.copy()
    if number == 1:
        query.pop("page", None)
    else:
        query["page"] = str(number)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def page_numbers(current: int, last: int) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20: first, last and two either side of the current."""
    shown = {1, last, *range(current - 2, current + 3)}
    numbers: list[int | None] = []
    previous = 0
    for number in sorted(n for n in shown if 1 <= n <= last):
        if number - previous > 1:
            numbers.append(None)
        numbers.append(number)
        previous = number
    return numbers


class DeferredJoinPaginator(Paginator):
    """Finds a page's keys first, then loads only those rows.

    ``WHERE pk IN (SELECT pk ... ORDER BY ... LIMIT 25 OFFSET 4975)``: the inner
    query can walk an index alone (the thread list's index holds just the keys
    it sorts by), so a deep page costs about what the first does instead of
    sorting every row of the list. Pages in the second half are found from the
    end, in the reverse order, so the last page skips no rows at all and is as
    quick as the first.
    """

    def __init__(self, object_list, per_page, *args, rows=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        # rows(reverse=..., offset=..., limit=...) -> the page's rows, for a
        # list that loads them faster than by filtering ``object_list`` (a
        # prepared query, ``core.prepared``); it must give the same rows.
        self.rows = rows or self._rows

    def _rows(self, *, reverse: bool, offset: int, limit: int):
        ordered = self.object_list.reverse() if reverse else self.object_list
        keys = ordered.values("pk")[offset : offset + limit]
        return self.object_list.filter(pk__in=Subquery(keys))

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if bottom > self.count - top:
            rows = self.rows(reverse=True, offset=self.count - top, limit=top - bottom)
        else:
            rows = self.rows(reverse=False, offset=bottom, limit=top - bottom)
        return self._get_page(rows, number, self)


def paginate(
    request: HttpRequest,
    queryset: QuerySet,
    *,
    per_page: int = DEFAULT_PER_PAGE,
    paginator_class: type[Paginator] = Paginator,
    count: int | None = None,
) -> Pagination:
    """A page of ``queryset``; ``count``, if known (kept elsewhere), saves
    counting it, and must be exactly what counting would give."""
    paginator = paginator_class(queryset, per_page)
    if count is not None:
        paginator.count = count
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return numbered_pages(
        request,
        number=page.number,
        page_count=paginator.num_pages,
        object_list=page.object_list,
        page=page,
    )


def requested_page(request: HttpRequest, *, page_count: int) -> int:
    """The page number asked for, kept within 1..page_count."""
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        number = 1
    return min(max(number, 1), max(page_count, 1))


def numbered_pages(
    request: HttpRequest,
    *,
    number: int,
    page_count: int,
    object_list,
    page: Page | None = None,
) -> Pagination:
    """Links for page ``number`` of ``page_count``, however the page was found.

    Offset pages come from ``paginate``; keyed pages (a thread's replies, found
    by their numbers) build their object list themselves and call this.
    """
    query = request.GET
    return Pagination(
        number=number,
        page_count=page_count,
        object_list=object_list,
        page=page,
        previous_url=_url_for(query, number - 1) if number > 1 else "",
        next_url=_url_for(query, number + 1) if number < page_count else "",
        links=[
            PageLink(number=n, url=_url_for(query, n), current=n == number)
            if n
            else PageLink(number=None)
            for n in page_numbers(number, page_count)
        ],
    )
