"""``assert_safe_html``: fail a test if HTML could run script or drive htmx.

For output built from what members write (rendered Markdown above all). The
HTML is parsed the way a browser tokenises it (``html.parser``), then checked
for elements that run or embed code, event-handler, ``style``, ``data-`` and
htmx attributes, and URLs with a ``javascript:``, ``vbscript:`` or ``data:``
scheme, after undoing the entity, whitespace and case tricks browsers forgive.
"""

import html
import re
from html.parser import HTMLParser

FORBIDDEN_ELEMENTS = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "form",
        "input",
        "button",
        "textarea",
        "select",
        "svg",
        "math",
        "base",
        "meta",
        "link",
        "template",
    }
)
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "data",
        "poster",
        "background",
        "srcset",
        "cite",
        "dynsrc",
        "lowsrc",
        "ping",
    }
)
FORBIDDEN_SCHEMES = ("javascript:", "vbscript:", "data:")
# Browsers drop these anywhere in a URL's scheme: "java\tscript:" still runs.
_IGNORED_IN_URLS = re.compile(
    r"[\x00-\x20\x7f-\x9f\u00a0\u200b-\u200d\u2028\u2029\ufeff]"
)


class UnsafeHTML(AssertionError):
    pass


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on"):
                self.problems.append(f"event handler {name!r} on <{tag}>")
            elif name == "style":
                self.problems.append(f"style attribute on <{tag}>")
            elif name.startswith(("hx-", "data-")):
                self.problems.append(f"{name!r} attribute on <{tag}>")
            elif name in URL_ATTRIBUTES and value is not None and unsafe_url(value):
                self.problems.append(f"{name}={value!r} on <{tag}>")


def unsafe_url(value: str) -> bool:
    """Whether a URL (as an attribute value, after parsing) has a script scheme."""
    # Undo entities twice: "&amp;#106;" survives one pass as "&#106;".
    cleaned = html.unescape(html.unescape(value))
    # Old browsers also took backticks as quotes: SRC=`javascript:...`.
    cleaned = _IGNORED_IN_URLS.sub("", cleaned).lstrip("`'\"").lower()
    return cleaned.startswith(FORBIDDEN_SCHEMES)


def unsafe_html_problems(markup: str) -> list[str]:
    """Everything in ``markup`` that ``assert_safe_html`` would complain about."""
    collector = _Collector()
    collector.feed(markup)
    collector.close()
    return collector.problems


def assert_safe_html(markup: str) -> None:
    """Fail unless ``markup`` is free of script, event handlers and htmx attributes."""
    problems = unsafe_html_problems(markup)
    if problems:
        listed = "\n".join(f"  - {problem}" for problem in problems)
        raise UnsafeHTML(f"Unsafe HTML:\n{listed}\nin:\n{markup}")
