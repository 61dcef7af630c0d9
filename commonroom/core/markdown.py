"""Markdown for posts: rendered once when saved, safe to show as it is.

(Placeholder: escapes and keeps line breaks. Replaced by the markdown-it-py and
nh3 pipeline.)
"""

from dataclasses import dataclass, field

from django.utils.html import escape, linebreaks


@dataclass(frozen=True)
class Rendered:
    html: str
    mentioned_user_ids: list[int] = field(default_factory=list)


def render_markdown(text: str) -> Rendered:
    return Rendered(html=linebreaks(escape(text)))
