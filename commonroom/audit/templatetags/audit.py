from django import template

from commonroom.audit import details

register = template.Library()


@register.filter
def audit_detail(detail: str) -> str:
    """An audit note in the reader's language (``audit.details``)."""
    return details.describe(detail)
