import pytest

from commonroom.accounts.models import User
from commonroom.accounts.tests.factories import UserFactory
from commonroom.core.markdown import render_markdown
from commonroom.core.testing.html_safety import assert_safe_html
from commonroom.core.testing.queries import query_budget

EXTERNAL = 'class="govuk-link" rel="nofollow ugc noopener"'


def html(text: str) -> str:
    rendered = render_markdown(text).html
    assert_safe_html(rendered)
    return rendered


# Markdown itself -----------------------------------------------------------


def test_emphasis_strong_and_strikethrough():
    assert html("**bold**, _italic_ and ~~gone~~") == (
        "<p><strong>bold</strong>, <em>italic</em> and <del>gone</del></p>\n"
    )


def test_paragraphs_and_line_breaks():
    assert html("one\ntwo  \nthree\n\nfour") == (
        "<p>one\ntwo<br>\nthree</p>\n<p>four</p>\n"
    )


def test_lists():
    assert html("- tea\n- coffee") == "<ul>\n<li>tea</li>\n<li>coffee</li>\n</ul>\n"
    assert html("3. third\n4. fourth") == (
        '<ol start="3">\n<li>third</li>\n<li>fourth</li>\n</ol>\n'
    )


def test_tables_keep_their_alignment_as_classes_not_styles():
    rendered = html("| Council | Homes |\n|---|--:|\n| Ceredigion | 120 |")

    assert "<table>\n<thead>\n<tr>\n<th>Council</th>" in rendered
    assert '<th class="commonroom-prose__align-right">Homes</th>' in rendered
    assert "<tbody>\n<tr>\n<td>Ceredigion</td>" in rendered
    assert '<td class="commonroom-prose__align-right">120</td>' in rendered
    assert "style" not in rendered


def test_code_spans_and_blocks_are_escaped():
    assert html("Use `<br>` here") == "<p>Use <code>&lt;br&gt;</code> here</p>\n"
    assert html("```python\nif a < b:\n    pass\n```") == (
        "<pre><code>if a &lt; b:\n    pass\n</code></pre>\n"
    )


def test_top_level_headings_become_h2_because_the_page_owns_h1():
    assert html("# Agenda\n\n### Item 1") == "<h2>Agenda</h2>\n<h3>Item 1</h3>\n"


def test_nested_quotes_render():
    assert html("> > Asha wrote\n>\n> I agree") == (
        "<blockquote>\n<blockquote>\n<p>Asha wrote</p>\n</blockquote>\n"
        "<p>I agree</p>\n</blockquote>\n"
    )


def test_horizontal_rule():
    assert html("above\n\n---\n\nbelow") == "<p>above</p>\n<hr>\n<p>below</p>\n"


def test_raw_html_is_shown_as_text():
    rendered = html('<script>alert(1)</script>\n\n<b onclick="x()">hi</b>')

    assert rendered == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
        '<p>&lt;b onclick="x()"&gt;hi&lt;/b&gt;</p>\n'
    )


# Links ---------------------------------------------------------------------


def test_external_links_get_rel_nofollow_ugc_noopener():
    assert html("[Planning Portal](https://www.planningportal.co.uk/)") == (
        f'<p><a href="https://www.planningportal.co.uk/" {EXTERNAL}>'
        "Planning Portal</a></p>\n"
    )


def test_link_titles_are_kept():
    assert 'title="The portal"' in html('[p](https://example.org "The portal")')


def test_internal_links_get_the_govuk_class_and_no_rel():
    assert html("[the library](/communities/planning/library/)") == (
        '<p><a href="/communities/planning/library/" class="govuk-link">'
        "the library</a></p>\n"
    )
    assert html("[below](#minutes)") == (
        '<p><a href="#minutes" class="govuk-link">below</a></p>\n'
    )


def test_absolute_links_to_this_site_are_internal(settings):
    settings.SITE_URL = "https://commonroom.example"

    assert html("<https://commonroom.example/people/>") == (
        '<p><a href="https://commonroom.example/people/" class="govuk-link">'
        "https://commonroom.example/people/</a></p>\n"
    )


def test_protocol_relative_links_are_external():
    assert EXTERNAL in html("[x](//evil.example/)")


def test_autolinks_and_bare_urls_become_links():
    assert html("<https://example.org>") == (
        f'<p><a href="https://example.org" {EXTERNAL}>https://example.org</a></p>\n'
    )
    assert html("See www.gov.uk today") == (
        f'<p>See <a href="http://www.gov.uk" {EXTERNAL}>www.gov.uk</a> today</p>\n'
    )
    assert html("Email planning@ceredigion.gov.uk") == (
        f'<p>Email <a href="mailto:planning@ceredigion.gov.uk" {EXTERNAL}>'
        "planning@ceredigion.gov.uk</a></p>\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>",
        "[x][evil]\n\n[evil]: javascript:alert(1)",
    ],
)
def test_script_links_are_not_links(text):
    assert "<a" not in html(text)


def test_images_become_links_to_the_image():
    assert html('![Site plan](https://example.org/plan.png "Plan")') == (
        '<p><a href="https://example.org/plan.png" title="Plan" '
        f"{EXTERNAL}>Site plan</a></p>\n"
    )


def test_data_images_are_left_as_their_description():
    assert html("![a dot](data:image/png;base64,iVBORw0KGgo=)") == "<p>a dot</p>\n"


# Mentions ------------------------------------------------------------------


@pytest.fixture
def priya(db):
    return UserFactory(full_name="Priya Shah")


@pytest.fixture
def morgan(db):
    return UserFactory(full_name="Morgan Lloyd")


def mention(user: User) -> str:
    return (
        f'<a class="govuk-link commonroom-mention" href="/people/{user.pk}/">'
        f"@{user.profile.handle}</a>"
    )


def test_a_mention_links_to_the_profile_and_is_collected(priya):
    rendered = render_markdown("Thanks @priya-shah!")

    assert rendered.html == f"<p>Thanks {mention(priya)}!</p>\n"
    assert rendered.mentioned_user_ids == [priya.pk]


def test_mentions_are_collected_once_each_in_order(priya, morgan):
    rendered = render_markdown(
        "@morgan-lloyd, over to you.\n\n> @priya-shah said\n\n- @morgan-lloyd again"
    )

    assert rendered.mentioned_user_ids == [morgan.pk, priya.pk]
    assert rendered.html.count(mention(morgan)) == 2
    assert f"<blockquote>\n<p>{mention(priya)} said</p>" in rendered.html


def test_mentions_resolve_in_one_query(priya, morgan):
    text = " ".join(["@priya-shah @morgan-lloyd @nobody"] * 20)

    with query_budget(1):
        rendered = render_markdown(text)

    assert rendered.mentioned_user_ids == [priya.pk, morgan.pk]


def test_text_without_an_at_sign_runs_no_queries(db):
    with query_budget(0):
        render_markdown("No mentions here, not even an email address.")


def test_mentions_are_case_insensitive_and_written_as_the_handle(priya):
    rendered = render_markdown("Ask @Priya-Shah.")

    assert rendered.html == f"<p>Ask {mention(priya)}.</p>\n"


def test_unknown_handles_stay_text(priya):
    rendered = render_markdown("Ask @priya-shahh or @nobody")

    assert rendered.html == "<p>Ask @priya-shahh or @nobody</p>\n"
    assert rendered.mentioned_user_ids == []


def test_mentions_in_code_are_not_links(priya):
    rendered = render_markdown(
        "`@priya-shah`\n\n```\n@priya-shah\n```\n\n    @priya-shah"
    )

    assert "commonroom-mention" not in rendered.html
    assert rendered.html.count("<code>@priya-shah") == 3
    assert rendered.mentioned_user_ids == []


def test_mentions_inside_links_are_not_links(priya):
    rendered = render_markdown("[@priya-shah](https://example.org)")

    assert rendered.html == (
        f'<p><a href="https://example.org" {EXTERNAL}>@priya-shah</a></p>\n'
    )
    assert rendered.mentioned_user_ids == []


def test_email_addresses_are_not_mentions(priya):
    rendered = render_markdown("Write to team@priya-shah.org or team@priya-shah")

    assert "commonroom-mention" not in rendered.html
    assert 'href="mailto:team@priya-shah.org"' in rendered.html
    assert rendered.mentioned_user_ids == []


@pytest.mark.parametrize(
    "user",
    [
        {"is_active": False},
        {"approval_status": User.ApprovalStatus.PENDING},
        {"approval_status": User.ApprovalStatus.REJECTED},
    ],
)
def test_members_who_cannot_take_part_cannot_be_mentioned(db, user):
    UserFactory(full_name="Sam Whitfield", **user)

    rendered = render_markdown("Hello @sam-whitfield")

    assert rendered.html == "<p>Hello @sam-whitfield</p>\n"
    assert rendered.mentioned_user_ids == []


def test_mentions_in_headings_lists_and_tables(priya):
    rendered = render_markdown(
        "# For @priya-shah\n\n- @priya-shah\n\n| who |\n|---|\n| @priya-shah |"
    )

    assert f"<h2>For {mention(priya)}</h2>" in rendered.html
    assert f"<li>{mention(priya)}</li>" in rendered.html
    assert f"<td>{mention(priya)}</td>" in rendered.html
