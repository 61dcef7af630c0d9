from django.db import models


def listed_q() -> models.Q:
    """Communities anyone may see in directories: live, open or restricted.

    Private communities are never listed; whether a person may read a
    community's content is the access kernel's question, not this one's.
    """
    return models.Q(status="live", visibility__in=["open", "restricted"])


class CommunityQuerySet(models.QuerySet):
    def listed(self) -> "CommunityQuerySet":
        return self.filter(listed_q())

    def visible_to(self, user) -> "CommunityQuerySet":
        from commonroom.communities.access import visible_q

        return self.filter(visible_q(user))

    def readable_by(self, user) -> "CommunityQuerySet":
        from commonroom.communities.access import readable_q

        return self.filter(readable_q(user))

    def most_active(self) -> "CommunityQuerySet":
        return self.order_by("-post_count", "-member_count", "name")
