"""The community page layer: every page about one community starts here.

A view under ``/communities/<community_slug>/`` is decorated with
``community_page``, which loads the community once (one query, with what the
page's breadcrumbs need), asks the access kernel whether the viewer may see
the page, and hands the view a ``CommunityPage``. The kernel decides the
answer, never the view:

- where even the community's existence is private (a private community to an
  outsider, one waiting for approval to anyone but its creator and the
  administrators) the answer is "not found", whatever the check;
- otherwise a refused check raises ``PermissionDenied`` with the kernel's
  translated reason ("Only members of this community can see…").

Pages whose community arrives with another object (a thread, a post) build a
``CommunityPage`` from that object's community instead, so the community is
not loaded twice; the selector that loads the object joins the same fields
(``PAGE_RELATED``).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, wraps

from django.http import Http404, HttpRequest, HttpResponse

from commonroom.communities import access
from commonroom.communities.models import Community
from commonroom.communities.selectors.communities import breadcrumb_trail
from commonroom.core.prepared import PreparedQuery

# What every community page shows beside the community's own fields: its
# service area, and up to two ancestors for the breadcrumbs.
PAGE_RELATED = ("service_area", "parent__parent")


def community_related(field: str) -> tuple[str, ...]:
    """``PAGE_RELATED`` through ``field``, for a selector loading an object
    whose page is about its community (``select_related(*community_related(
    "community"))``)."""
    return (field, *(f"{field}__{name}" for name in PAGE_RELATED))


# What the access kernel reads from a community row to decide (see
# ``access.can_see_community`` and ``access.can_read_community``).
KERNEL_FIELDS = ("pk", "slug", "status", "visibility", "public_reading", "created_by")

NAV_SECTION = "communities"

Check = Callable[[object, Community], None]


@dataclass(frozen=True)
class Crumb:
    """A breadcrumb below the community: a section or an object in it."""

    url: str
    name: str


class CommunityPage:
    """One community, as one viewer sees it, and what its page's template needs.

    ``context(**extra)`` gives the template the community, the breadcrumbs
    (``trail``: the ancestors the viewer may see; ``crumbs``: what lies
    between the community and this page) and the site's section navigation.
    """

    def __init__(self, request: HttpRequest, community: Community):
        self.request = request
        self.community = community

    @cached_property
    def trail(self) -> list[Community]:
        """The ancestors the viewer may see, top first: no query, as the
        loader joined them."""
        return breadcrumb_trail(viewer=self.request.user, community=self.community)

    def context(self, *, crumbs: Iterable[Crumb] = (), **extra) -> dict:
        return {
            "community": self.community,
            "trail": self.trail,
            "crumbs": list(crumbs),
            "nav_section": NAV_SECTION,
            **extra,
        }


def load_community(
    *, viewer, slug: str, check: Check, only: tuple[str, ...] | None = None
) -> Community:
    """The community at ``slug``, loaded in one query, if ``check`` lets the
    viewer see it (else "not found" or "forbidden", as the kernel says).

    With ``only``, just those fields (and the kernel's) are loaded, and nothing
    for breadcrumbs: for tiny responses such as a logo or a stylesheet.
    """
    found = _COMMUNITY(only, slug=slug)
    if not found:
        raise Http404("No community here")
    community = found[0]
    check(viewer, community)
    return community


def _community_query(only: tuple[str, ...] | None, *, slug: str):
    if only is None:
        communities = Community.objects.select_related(*PAGE_RELATED)
    else:
        communities = Community.objects.only(*KERNEL_FIELDS, *only)
    return communities.filter(slug=slug).order_by()


_COMMUNITY = PreparedQuery(_community_query)


def community_page(
    check: Check = access.check_see_community, *, only: tuple[str, ...] | None = None
):
    """Decorate a view taking ``community_slug``: it gets ``page`` instead.

    ``check`` is one of the kernel's: ``access.check_see_community`` (the
    default: anyone who may know the community exists),
    ``access.check_read_community``, ``access.check_facilitate`` or
    ``access.check_post_in``.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(
            request: HttpRequest, community_slug: str, *args, **kwargs
        ) -> HttpResponse:
            community = load_community(
                viewer=request.user, slug=community_slug, check=check, only=only
            )
            return view(request, CommunityPage(request, community), *args, **kwargs)

        return wrapper

    return decorator
