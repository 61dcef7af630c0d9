"""``{% tag_links tags %}``: a list of tags, each a link to its tag page.

Every place that shows tags (a thread's, a community's topics, someone's
expertise) renders them through this, so the markup is in one place::

    {% load tag_links %}
    {% tag_links thread.tags.all label=_("Tags") %}

``tags`` holds ``Tag`` objects (anything with ``name`` and ``slug``) or, in a
fragment rendered from plain values (``core/fragments.py``), ``(slug, name)``
pairs. ``label`` names the list for screen readers; ``muted`` uses the quieter
link colour of a result list's details.
"""

from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("tags/_tag_links.html")
def tag_links(tags, *, label: str = "", muted: bool = False) -> dict:
    # One reversal for the whole list, not one a tag.
    prefix = reverse("tag-page", args=["tag"]).removesuffix("tag/")
    links = []
    for tag in tags:
        slug, name = tag if isinstance(tag, tuple) else (tag.slug, tag.name)
        links.append((f"{prefix}{slug}/", name))
    return {"links": links, "label": label, "muted": muted}
