"""The post card's values: what ``content/_post.html`` shows of one post.

The card is a fragment (``core/fragments.py``): it is rendered from these plain
values alone and kept, so twenty posts that were rendered a moment ago cost
twenty look-ups. Everything a reader may or may not see is settled before the
values are built: the kind's selector has blanked text the reader may not
read and withheld byline details (``profiles.permissions.withhold_details``),
and ``post_flags`` (``forums.permissions``) has said what the reader may do
with each post. The reader's own id is not among the values, only whether the
post is theirs, so every reader with the same rights shares the fragment.
"""

from django.template.defaultfilters import filesizeformat

CARD_TEMPLATE = "content/_post.html"


def post_card_values(
    post,
    *,
    kind_name: str,
    numbered: bool,
    container_url: str,
    viewer_id: int | None,
    people_url: str,
    content_prefix: str,
) -> dict:
    """The card's context for ``post`` (set up as the docstring above says):

    - ``kind_name``: its kind in the content registry ("thread", "reply");
    - ``numbered``: whether posts of this kind are numbered in their container
      (replies: "reply 3", #3, the anchor ``reply-<id>``);
    - ``container_url``: the page the post sits on ("In reply to" links and
      the accept-answer form are under it);
    - ``people_url`` ("/people/") and ``content_prefix``
      (``content.selectors.content_prefix``) to build links without reversing.
    """
    author = post.author
    profile = getattr(author, "profile", None) if author is not None else None
    organisation = profile.organisation if profile is not None else None
    quote = post.quote_of if getattr(post, "quote_of_id", None) else None
    return {
        "kind_name": kind_name,
        "numbered": numbered,
        "container_url": container_url,
        "people_url": people_url,
        "content_prefix": content_prefix,
        "pk": post.pk,
        "position": getattr(post, "position", None),
        "own": viewer_id is not None and post.author_id == viewer_id,
        "author_id": post.author_id,
        "author_name": author.full_name if author is not None else None,
        "job_title": profile.job_title if profile is not None else "",
        "organisation_name": organisation.name if organisation is not None else "",
        "created_at": post.created_at,
        "edit_count": post.edit_count,
        "deleted": post.deleted_at is not None,
        "hidden": post.hidden_at is not None,
        "body_html": post.body_html,
        "quote_of_id": quote.pk if quote is not None else None,
        "quote_position": quote.position if quote is not None else None,
        "quote_name": (
            quote.author.full_name if quote is not None and quote.author else ""
        ),
        "attachments": attachment_values(post.attachment_list),
        "helpful_count": post.helpful_count,
        "marked": post.is_marked_helpful,
        "page_url": post.page_url,
        "quote_url": getattr(post, "quote_url", ""),
        "is_accepted": post.is_accepted,
        "is_shown": post.is_shown,
        "can_mark": post.can_mark_helpful,
        "can_edit": post.can_edit,
        "can_delete": post.can_delete,
        "can_see_history": post.can_see_history,
        "can_quote": post.can_quote,
        "can_report": post.can_report,
        "can_moderate": post.can_moderate,
        "can_accept": post.can_accept,
    }


def attachment_values(attachments) -> tuple:
    """(download address, file name, kind of file, size) for each file, from
    ``content.attachments.attachments_for`` (``content/_attachments.html``)."""
    return tuple(
        (
            attachment.download_url,
            attachment.original_name,
            attachment.type_label,
            filesizeformat(attachment.size),
        )
        for attachment in attachments
    )
