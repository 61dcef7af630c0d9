"""Moderation pages in a real browser: axe-core on each, and the report form's errors."""

import pytest
from playwright.sync_api import expect

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Membership
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.moderation import services
from commonroom.moderation.tests.conftest import join, post_reply, post_thread

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def network():
    community = CommunityFactory(name="Heads of Housing", slug="heads-of-housing")
    facilitator = join(
        community,
        UserFactory(full_name="Fiona Grant"),
        role=Membership.Role.FACILITATOR,
    )
    author = join(community, UserFactory(full_name="Sam Okafor"))
    member = join(community, UserFactory(full_name="Priya Nair"))
    thread = post_thread(community, author, title="Temporary accommodation costs")
    reply = post_reply(thread, author, body="Our costs doubled last year.")
    report = services.report_content(
        actor=member, obj=reply, reason="confidential", detail="Names a family."
    )
    services.hide_content(actor=facilitator, obj=thread, reason="Checking")
    services.restore_content(actor=facilitator, obj=thread)
    return {
        "facilitator": facilitator,
        "member": member,
        "thread": thread,
        "reply": reply,
        "report": report,
    }


def test_moderation_pages_have_no_axe_violations(page, axe, sign_in, network):
    base = "/communities/heads-of-housing"
    thread, reply = network["thread"], network["reply"]
    sign_in(network["facilitator"])
    for path in (
        f"{base}/reports/",
        f"{base}/reports/{network['report'].pk}/",
        f"{base}/moderation-log/",
        f"{base}/content/thread/{thread.pk}/hide/",
        f"{base}/content/reply/{reply.pk}/hide/",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        axe(page)

    page.goto(f"{base}/content/thread/{thread.pk}/hide/")
    page.get_by_role("button", name="Hide the post").click()
    expect(page.get_by_text("The post has been hidden").first).to_be_visible()
    response = page.goto(f"{base}/content/thread/{thread.pk}/restore/")
    assert response.status == 200
    axe(page)


def test_the_report_form_and_its_errors_have_no_axe_violations(
    page, axe, sign_in, network
):
    sign_in(network["member"])
    page.goto(
        f"/communities/heads-of-housing/content/thread/{network['thread'].pk}/report/"
    )
    axe(page)

    page.get_by_label("Details (optional)").fill("Rude about a colleague.")
    page.get_by_role("button", name="Send the report").click()

    expect(page.get_by_text("Select why you are reporting this").first).to_be_visible()
    expect(page.get_by_label("Details (optional)")).to_have_value(
        "Rude about a colleague."
    )
    axe(page)
    page.get_by_label("Abusive, offensive or harassing").check()
    page.get_by_role("button", name="Send the report").click()
    expect(
        page.get_by_text("Thank you. The facilitators of Heads of Housing")
    ).to_be_visible()
