"""Rendered Markdown never carries script: a corpus of known payloads, then fuzzing.

Whatever a member writes, the HTML ``render_markdown`` makes of it has no
script, event-handler or style attributes, no javascript:, vbscript: or data:
URLs and no htmx (or other data-) attributes; see ``assert_safe_html``.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commonroom.accounts.models import User
from commonroom.accounts.tests.factories import UserFactory
from commonroom.core.markdown import render_markdown
from commonroom.core.testing.html_safety import (
    UnsafeHTML,
    assert_safe_html,
    unsafe_html_problems,
)

PAYLOADS_FILE = Path(__file__).parent / "data" / "xss_payloads.txt"


def load_payloads() -> list[str]:
    lines = PAYLOADS_FILE.read_text(encoding="utf-8").splitlines()
    return [
        line.replace("␤", "\n") for line in lines if line and not line.startswith(";")
    ]


PAYLOADS = load_payloads()

# Pieces of Markdown and HTML syntax, and the usual tricks, for the fuzzer to
# splice together and into the payloads.
FRAGMENTS = [
    *"<>[]()!:\"'=`*_~#|-\\&;/%@\n\t ",
    "\n\n",
    "> ",
    "> > ",
    "- ",
    "1. ",
    "# ",
    "    ",
    "```",
    "---",
    "|---|",
    "](",
    "![",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "java\nscript:",
    " javascript:",
    "vbscript:",
    "data:",
    "data:text/html,",
    "data:image/svg+xml;base64,",
    "alert(1)",
    "&#106;",
    "&#x6A;",
    "&#0000106",
    "&colon;",
    "&#58;",
    "&Tab;",
    "&NewLine;",
    "%0a",
    "%3A",
    "\x00",
    "\u200b",
    "<script>",
    "</script>",
    "<img src=x ",
    "<svg ",
    "<a href=",
    "<iframe ",
    "<style>",
    "onerror=",
    "onload=",
    "onmouseover=",
    " style=",
    "hx-get=",
    "hx-post=",
    "hx-on:click=",
    "hx-on::load=",
    "data-hx-get=",
    "data-",
    "https://",
    "http://",
    "//",
    "www.",
    "example.org",
    "mailto:",
    "[ref]: ",
    '"title"',
    "@",
    "@priya-shah",
    "@asha-patel",
]

fuzz_text = st.lists(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from(FRAGMENTS),
        st.sampled_from(PAYLOADS),
    ),
    max_size=25,
).map("".join)


@pytest.fixture
def everyone_mentionable():
    """Every well-formed handle belongs to someone, without a database."""
    with mock.patch(
        "commonroom.profiles.handles.user_ids_for_handles",
        side_effect=lambda handles: dict.fromkeys(handles, 42),
    ):
        yield


# The checker itself ----------------------------------------------------------


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        "<p><svg></svg></p>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVa&#x09;ScRiPt&colon;alert(1)">x</a>',
        '<a href=" &#14; javascript:alert(1)">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<div hx-get="/account/delete/">x</div>',
        '<div data-hx-post="/">x</div>',
        '<p style="color:red">x</p>',
        '<iframe src="https://example.org"></iframe>',
        '<meta http-equiv="refresh" content="0">',
        '<base href="https://evil.example/">',
    ],
)
def test_the_checker_catches_unsafe_html(markup):
    with pytest.raises(UnsafeHTML):
        assert_safe_html(markup)


def test_the_checker_passes_safe_html():
    assert_safe_html(
        '<p><a href="https://example.org/javascript:" class="govuk-link" '
        'rel="nofollow ugc noopener">javascript: is text here</a></p>'
    )


def test_the_corpus_is_big_enough_and_would_be_caught_unrendered():
    assert len(PAYLOADS) >= 80
    # Most payloads are raw HTML: shown as it is, the checker rejects them.
    assert sum(bool(unsafe_html_problems(payload)) for payload in PAYLOADS) >= 60


# The corpus ------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_known_payloads_render_safely(payload, everyone_mentionable):
    assert_safe_html(render_markdown(payload).html)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_known_payloads_render_safely_inside_markdown(payload, everyone_mentionable):
    text = f"> **Quote:** {payload}\n\n- [{payload}](https://example.org) `x`"
    assert_safe_html(render_markdown(text).html)


# Fuzzing ---------------------------------------------------------------------


@settings(max_examples=600, deadline=None, database=None)
@given(text=fuzz_text)
def test_fuzzed_text_renders_safely(text):
    with mock.patch(
        "commonroom.profiles.handles.user_ids_for_handles",
        side_effect=lambda handles: dict.fromkeys(handles, 42),
    ):
        assert_safe_html(render_markdown(text).html)


@settings(max_examples=300, deadline=None, database=None)
@given(text=st.text(max_size=200))
def test_any_text_renders_safely(text):
    with mock.patch(
        "commonroom.profiles.handles.user_ids_for_handles", return_value={}
    ):
        assert_safe_html(render_markdown(text).html)


class _MentionLinks(HTMLParser):
    """The mention links in some HTML, and whether any sits in code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.in_code = 0
        self.mention_in_code = False
        self._href: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"code", "pre"}:
            self.in_code += 1
        if tag == "a" and "commonroom-mention" in (attrs.get("class") or ""):
            self._href, self._text = attrs.get("href") or "", ""
            self.mention_in_code |= bool(self.in_code)

    def handle_endtag(self, tag):
        if tag in {"code", "pre"}:
            self.in_code -= 1
        if tag == "a" and self._href is not None:
            self.links.append((self._href, self._text))
            self._href = None

    def handle_data(self, data):
        if self._href is not None:
            self._text += data


MENTION_FRAGMENTS = [
    "@asha-patel",
    "@Asha-Patel",
    "@asha-patel-2",
    "@sam-whitfield",
    "@nobody",
    "@",
    "asha-patel",
    "x@asha-patel",
    "`",
    "```\n",
    "    ",
    "[",
    "](https://example.org)",
    "<",
    ">",
    "> ",
    "\n",
    "\n\n",
    " ",
    ".",
    ",",
    "-",
    "_",
    "*",
    "**",
    "# ",
    "- ",
    "|",
    "\\",
    "https://example.org/",
]


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    text=st.lists(
        st.one_of(st.sampled_from(MENTION_FRAGMENTS), st.text(max_size=5)),
        max_size=30,
    ).map("".join)
)
def test_fuzzed_mentions_link_only_members_who_take_part(text, mentionable):
    rendered = render_markdown(text)

    assert_safe_html(rendered.html)
    links = _MentionLinks()
    links.feed(rendered.html)
    assert not links.mention_in_code
    allowed = {f"/people/{pk}/": f"@{handle}" for handle, pk in mentionable.items()}
    for href, label in links.links:
        assert allowed.get(href) == label
    linked_ids = {int(re.findall(r"\d+", href)[0]) for href, _ in links.links}
    assert set(rendered.mentioned_user_ids) == linked_ids
    assert len(rendered.mentioned_user_ids) == len(linked_ids)


@pytest.fixture
def mentionable(db):
    """Asha and a namesake can be mentioned; Sam is waiting for approval."""
    people = [UserFactory(full_name="Asha Patel"), UserFactory(full_name="Asha Patel")]
    UserFactory(full_name="Sam Whitfield", approval_status=User.ApprovalStatus.PENDING)
    return {person.profile.handle: person.pk for person in people}


def test_the_mentionable_fixture_has_the_handles_the_fuzzer_uses(mentionable):
    assert set(mentionable) == {"asha-patel", "asha-patel-2"}
