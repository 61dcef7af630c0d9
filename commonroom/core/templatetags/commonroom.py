from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("components/nav_item.html", takes_context=True)
def nav_item(context, url_name: str, label: str, section: str) -> dict:
    """A service navigation link, marked current when the view's nav_section matches."""
    return {
        "url": reverse(url_name),
        "label": label,
        "current": context.get("nav_section") == section,
    }
