"""Markdown for posts: rendered once when saved, safe to show as it is.

``render_markdown(text)`` turns what a member wrote into HTML in three steps:

1. markdown-it-py parses it (CommonMark plus tables, strikethrough and bare
   links) with raw HTML turned off, so ``<script>`` is shown as text;
2. the token stream is adjusted: ``# headings`` become ``h2`` (the page owns
   ``h1``), images become plain links to the image, every link gets
   ``govuk-link`` and, if it leaves the site, ``rel="nofollow ugc noopener"``,
   and ``@handle`` in ordinary text becomes a link to that member's profile;
3. nh3 cleans the HTML against an explicit allowlist of tags, attributes,
   classes and URL schemes: a second line of defence, should markdown-it (or
   step 2) ever let something through.

Mentions are resolved in one query, and only for active, approved members.
Core knows nothing of profiles: whoever owns handles registers a mention
resolver (``register_mention_resolver``; profiles does at start-up), or a
caller hands one to ``render_markdown``. Without one, "@name" stays text.
"""

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from markdown_it import MarkdownIt
from markdown_it.token import Token

EXTERNAL_LINK_REL = "nofollow ugc noopener"
MENTION_CLASS = "govuk-link commonroom-mention"
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
# More distinct @names than this in one post are left as text: a post is a
# message to people, not a mailing list.
MAX_MENTIONS = 50

# "@" plus a handle (see commonroom.profiles.handles), not in the middle of a
# word or an email address: "@priya-shah," mentions; "priya@example.org" does not.
MENTION_RE = re.compile(r"(?<![\w@/.+-])@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)")
MAX_HANDLE_LENGTH = 40
# The longest Markdown anything renders (a kind may allow less: its
# ``body_max_length`` in the content registry).
MAX_BODY_LENGTH = 20_000


@dataclass(frozen=True)
class Mention:
    """A member "@handle" names: whom to notify, and where the link goes."""

    user_id: int
    url: str


# handles (lower case) -> {handle: Mention} for those that name a member who may
# be mentioned; handles nobody has are left out.
MentionResolver = Callable[[Iterable[str]], dict[str, Mention]]

_mention_resolver: MentionResolver | None = None


def register_mention_resolver(resolver: MentionResolver | None) -> None:
    """Use ``resolver`` for mentions wherever ``render_markdown`` is not handed one."""
    global _mention_resolver
    _mention_resolver = resolver


_ALIGN_CLASSES = {
    f"text-align:{side}": f"commonroom-prose__align-{side}"
    for side in ("left", "center", "right")
}

_parser = MarkdownIt("commonmark", {"html": False, "linkify": True}).enable(
    ["table", "strikethrough", "linkify"]
)

_cleaner = nh3.Cleaner(
    tags={
        "p",
        "br",
        "strong",
        "em",
        "del",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "hr",
    },
    clean_content_tags={"script", "style"},
    attributes={"a": {"href", "title"}, "ol": {"start"}},
    allowed_classes={
        "a": {"govuk-link", "commonroom-mention"},
        "th": set(_ALIGN_CLASSES.values()),
        "td": set(_ALIGN_CLASSES.values()),
    },
    tag_attribute_values={"a": {"rel": {EXTERNAL_LINK_REL}}},
    # rel is set per link above (external links only), not on every link.
    link_rel=None,
    url_schemes=set(ALLOWED_URL_SCHEMES),
    strip_comments=True,
)


@dataclass(frozen=True)
class Rendered:
    html: str
    mentioned_user_ids: list[int] = field(default_factory=list)


def render_markdown(text: str, *, mentions: MentionResolver | None = None) -> Rendered:
    """Safe HTML for ``text``, and the ids of the members it mentions (in order).

    ``mentions`` resolves "@handles"; the registered resolver by default.
    """
    tokens = _parser.parse(text)
    _adjust_blocks(tokens)
    user_ids = _link_mentions(tokens, mentions or _mention_resolver)
    html = _parser.renderer.render(tokens, _parser.options, {})
    return Rendered(html=_cleaner.clean(html), mentioned_user_ids=user_ids)


def _adjust_blocks(tokens: list[Token]) -> None:
    for token in tokens:
        if token.type in {"heading_open", "heading_close"} and token.tag == "h1":
            token.tag = "h2"
        elif token.type in {"th_open", "td_open"}:
            style = str(token.attrs.pop("style", ""))
            if style in _ALIGN_CLASSES:
                token.attrSet("class", _ALIGN_CLASSES[style])
        elif token.type == "inline" and token.children is not None:
            token.children = _adjust_inline(token.children)


def _adjust_inline(children: list[Token]) -> list[Token]:
    adjusted: list[Token] = []
    # Open links whose text is kept but whose href was refused.
    refused_depth = 0
    for token in children:
        if token.type == "image":
            adjusted.extend(_adjust_inline(_image_as_link(token)))
        elif token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if refused_depth or not _allowed_url(href):
                refused_depth += 1
                continue
            token.attrSet("class", "govuk-link")
            if not _is_internal(href):
                token.attrSet("rel", EXTERNAL_LINK_REL)
            adjusted.append(token)
        elif token.type == "link_close" and refused_depth:
            refused_depth -= 1
        elif token.type in {"s_open", "s_close"}:
            token.tag = "del"
            adjusted.append(token)
        else:
            adjusted.append(token)
    return adjusted


def _image_as_link(image: Token) -> list[Token]:
    """``![a plan](https://…/plan.png)`` becomes a link to the image, not an image.

    Posts show no images from elsewhere: they could track readers.
    """
    link_open = Token("link_open", "a", 1)
    link_open.attrSet("href", str(image.attrGet("src") or ""))
    if image.attrGet("title"):
        link_open.attrSet("title", str(image.attrGet("title")))
    label = image.children or []
    if not label:
        label = [_text(str(image.attrGet("src") or ""))]
    return [link_open, *label, Token("link_close", "a", -1)]


def _allowed_url(href: str) -> bool:
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return False
    return scheme == "" or scheme in ALLOWED_URL_SCHEMES


def _is_internal(href: str) -> bool:
    """A link to a page of this site: relative, or absolute to our own host."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    if not parts.scheme and not parts.netloc:
        return True
    site = urlsplit(settings.SITE_URL)
    return (
        parts.scheme in {"http", "https"}
        and parts.netloc.lower() == site.netloc.lower()
    )


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _mentionable_text(tokens: list[Token]) -> Iterator[tuple[list[Token], int]]:
    """(children, index) of every text token that is not inside a link.

    Code spans and code blocks are tokens of their own, so they never appear.
    """
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        depth = 0
        for index, child in enumerate(token.children):
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            elif child.type == "text" and depth == 0 and "@" in child.content:
                yield token.children, index


def _link_mentions(tokens: list[Token], resolver: MentionResolver | None) -> list[int]:
    if resolver is None:
        return []
    places = list(_mentionable_text(tokens))
    wanted: dict[str, None] = {}
    for children, index in places:
        for match in MENTION_RE.finditer(children[index].content):
            handle = match.group(1).lower()
            if len(handle) <= MAX_HANDLE_LENGTH and len(wanted) < MAX_MENTIONS:
                wanted.setdefault(handle)
    if not wanted:
        return []

    found = resolver(wanted)
    if not found:
        return []
    mentioned: dict[int, None] = {}
    # Back to front, so splitting a token does not move the ones still to do.
    for children, index in reversed(places):
        replacement = _split_mentions(children[index].content, found)
        if replacement is not None:
            children[index : index + 1] = replacement
    for handle in wanted:
        if handle in found:
            mentioned.setdefault(found[handle].user_id)
    return list(mentioned)


def _split_mentions(content: str, found: dict[str, Mention]) -> list[Token] | None:
    pieces: list[Token] = []
    position = 0
    for match in MENTION_RE.finditer(content):
        handle = match.group(1).lower()
        if handle not in found:
            continue
        if match.start() > position:
            pieces.append(_text(content[position : match.start()]))
        link_open = Token("link_open", "a", 1)
        link_open.attrSet("class", MENTION_CLASS)
        link_open.attrSet("href", found[handle].url)
        pieces += [link_open, _text(f"@{handle}"), Token("link_close", "a", -1)]
        position = match.end()
    if not pieces:
        return None
    if position < len(content):
        pieces.append(_text(content[position:]))
    return pieces
