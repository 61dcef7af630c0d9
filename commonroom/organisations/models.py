from django.db import models
from django.utils.translation import gettext_lazy as _

from commonroom.core.models import BaseModel
from commonroom.organisations.querysets import OrganisationQuerySet


class Organisation(BaseModel):
    """A council or other public body whose staff use Commonroom."""

    class Kind(models.TextChoices):
        COUNTY = "county", _("County council")
        DISTRICT = "district", _("District council")
        UNITARY = "unitary", _("Unitary authority")
        METROPOLITAN = "metropolitan", _("Metropolitan borough")
        LONDON_BOROUGH = "london_borough", _("London borough")
        WELSH_PRINCIPAL = "welsh_principal", _("Welsh principal area")
        SCOTTISH_COUNCIL = "scottish_council", _("Scottish council")
        OTHER_PUBLIC_BODY = "other_public_body", _("Other public body")

    class Nation(models.TextChoices):
        ENGLAND = "England", _("England")
        WALES = "Wales", _("Wales")
        SCOTLAND = "Scotland", _("Scotland")
        UK = "UK", _("UK-wide")

    class Region(models.TextChoices):
        NORTH_EAST = "North East", _("North East")
        NORTH_WEST = "North West", _("North West")
        YORKSHIRE = "Yorkshire and the Humber", _("Yorkshire and the Humber")
        EAST_MIDLANDS = "East Midlands", _("East Midlands")
        WEST_MIDLANDS = "West Midlands", _("West Midlands")
        EAST = "East of England", _("East of England")
        LONDON = "London", _("London")
        SOUTH_EAST = "South East", _("South East")
        SOUTH_WEST = "South West", _("South West")
        WALES = "Wales", _("Wales")
        SCOTLAND = "Scotland", _("Scotland")
        UK_WIDE = "UK-wide", _("UK-wide")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices)
    region = models.CharField(_("region"), max_length=40, choices=Region.choices)
    website = models.URLField(_("website"), blank=True)
    member_count = models.PositiveIntegerField(_("members"), default=0)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class OrganisationDomain(BaseModel):
    """An email domain whose addresses belong to an organisation's staff."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="domains"
    )
    domain = models.CharField(_("email domain"), max_length=253, unique=True)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("email domain")
        verbose_name_plural = _("email domains")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(domain__regex=r"^[a-z0-9.-]+\.[a-z]{2,}$"),
                name="organisations_domain_lower_case_host",
            )
        ]

    def __str__(self) -> str:
        return self.domain
