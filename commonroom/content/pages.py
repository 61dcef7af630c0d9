"""Pages about one post of any kind: its history, reporting, hiding.

The community page layer (``commonroom.communities.pages``) extended with the
post: the template gets the community's breadcrumbs and section as on every
community page, plus the post, its kind, its title and its address, from the
content registry, so no page names a kind.
"""

from django.http import HttpRequest

from commonroom.communities.pages import CommunityPage
from commonroom.content.registry import kind_for


class ContentPage(CommunityPage):
    """A post's page, in the community it belongs to.

    The post's community must already be loaded with what its page shows
    (``content.selectors.get_content`` does that): nothing here queries.
    """

    def __init__(self, request: HttpRequest, obj):
        super().__init__(request, obj.community)
        self.obj = obj
        self.kind = kind_for(obj)

    def context(self, **extra) -> dict:
        return super().context(
            obj=self.obj,
            kind=self.kind,
            kind_name=self.kind.name,
            title=self.kind.title(self.obj),
            post_url=self.kind.url(self.obj),
            **extra,
        )
