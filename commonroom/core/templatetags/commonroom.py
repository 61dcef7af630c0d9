from django import template
from django.template.loader import render_to_string

from commonroom.core.addresses import address, asset
from commonroom.core.fragments import render_form, render_fragment

register = template.Library()


@register.simple_tag(name="address")
def address_tag(name: str, *args) -> str:
    """``{% url %}`` for the layout's fixed links, reversed once
    (``core.addresses``)."""
    return address(name, *args)


@register.simple_tag(name="asset")
def asset_tag(path: str) -> str:
    """``{% static %}`` for the layout's own files, looked up once
    (``core.addresses``)."""
    return asset(path)


@register.simple_tag(takes_context=True)
def fragment(context, template_name: str, values: dict) -> str:
    """``template_name`` rendered from ``values`` alone (``core.fragments``)."""
    return render_fragment(
        template_name, values, csrf_token=context.get("csrf_token", "")
    )


@register.inclusion_tag("components/nav_item.html", takes_context=True)
def nav_item(context, url_name: str, label: str, section: str) -> dict:
    """A service navigation link, marked current when the view's nav_section matches."""
    return {
        "url": address(url_name),
        "label": label,
        "current": context.get("nav_section") == section,
    }


@register.simple_tag
def error_summary(form) -> str:
    """The form's error summary, for the top of the page (above the heading).

    Marks the form so that rendering it later does not repeat the summary.
    """
    if not getattr(form, "errors", None):
        return ""
    form.summary_shown = True
    return render_to_string("components/forms/error_summary.html", {"form": form})


@register.simple_tag
def kept_form(form) -> str:
    """``{{ form }}``, kept while nobody has typed in it (``core.fragments``)."""
    return render_form(form)
