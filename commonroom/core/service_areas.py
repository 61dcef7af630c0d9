"""The service areas' names in the reader's language.

The list of service areas is reference data made by a migration
(``core/migrations/0002_service_areas.py``), so its names are stored in
English; pages show them through ``service_area_name``, translated when the
page is, never the stored text. A name added to the migration is added here.
"""

from django.utils.translation import gettext_lazy as _

NAMES = {
    "Adult social care": _("Adult social care"),
    "Children's services": _("Children's services"),
    "Education and skills": _("Education and skills"),
    "Public health": _("Public health"),
    "Housing and homelessness": _("Housing and homelessness"),
    "Planning and building control": _("Planning and building control"),
    "Highways and transport": _("Highways and transport"),
    "Waste and street scene": _("Waste and street scene"),
    "Climate and sustainability": _("Climate and sustainability"),
    "Economic development and regeneration": _("Economic development and regeneration"),
    "Libraries, culture and leisure": _("Libraries, culture and leisure"),
    "Community safety": _("Community safety"),
    "Trading standards and environmental health": _(
        "Trading standards and environmental health"
    ),
    "Emergency planning and resilience": _("Emergency planning and resilience"),
    "Revenues and benefits": _("Revenues and benefits"),
    "Finance": _("Finance"),
    "Procurement and commissioning": _("Procurement and commissioning"),
    "HR and workforce": _("HR and workforce"),
    "Legal and governance": _("Legal and governance"),
    "Democratic services and councillors": _("Democratic services and councillors"),
    "Performance and improvement": _("Performance and improvement"),
    "Digital and technology": _("Digital and technology"),
    "Data and insight": _("Data and insight"),
    "Communications and engagement": _("Communications and engagement"),
    "Customer services": _("Customer services"),
    "Equality, diversity and inclusion": _("Equality, diversity and inclusion"),
}


def service_area_name(stored: str) -> str:
    """A service area's stored (English) name, in the active language."""
    return str(NAMES.get(stored, stored))


def translated_choices(choices) -> list[tuple[str, str]]:
    """``(slug, stored name)`` pairs as ``(slug, name)``, in the order of the
    names as the reader reads them."""
    named = [(slug, service_area_name(name)) for slug, name in choices]
    return sorted(named, key=lambda choice: choice[1].casefold())
