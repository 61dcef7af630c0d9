from django.db import models


def with_members_q() -> models.Q:
    """Organisations at least one Commonroom member works for."""
    return models.Q(member_count__gt=0)


class OrganisationQuerySet(models.QuerySet):
    def with_members(self) -> "OrganisationQuerySet":
        return self.filter(with_members_q())
