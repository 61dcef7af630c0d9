"""Forms for starting, replying to, editing and moving threads.

Rendered by the GOV.UK renderer; the message field goes through the Markdown
editor include (``components/markdown_editor.html``), which adds the preview.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from commonroom.content.forms import AttachmentsField
from commonroom.content.models import MAX_BODY_LENGTH
from commonroom.core.forms import RadiosWithHints
from commonroom.forums.models import Thread
from commonroom.tags.services import TagListRules, parse_tag_list

MAX_TAGS = 6
TAG_RULES = TagListRules(
    max_count=MAX_TAGS,
    max_length=60,
    too_long=_("“%(name)s” is too long: a tag can be up to %(limit)d characters."),
    too_many=ngettext_lazy(
        "You can add up to %(limit)d tag.", "You can add up to %(limit)d tags.", "limit"
    ),
    code_prefix="tag",
)


MARKDOWN_HINT = _(
    "You can use Markdown: **bold**, _italic_, lists, > quotes, "
    "[links](https://…) and @name to mention someone."
)


class MessageTextarea(forms.Textarea):
    """A message box without ``maxlength``: a browser would silently cut a
    pasted message short; the server says how long it is instead."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("maxlength", None)
        return attrs


def body_field(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=MARKDOWN_HINT,
        max_length=MAX_BODY_LENGTH,
        widget=MessageTextarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Enter your message"),
            "max_length": _(
                "Your message is %(show_value)d characters long. Shorten it to "
                "%(limit_value)d characters or fewer."
            ),
        },
    )


class ThreadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you starting?"),
        choices=Thread.Kind.choices,
        initial=Thread.Kind.DISCUSSION,
        widget=RadiosWithHints(
            hints={
                Thread.Kind.DISCUSSION: _("Share news, an opinion or a problem."),
                Thread.Kind.QUESTION: _(
                    "Ask for help. You can mark the reply that answers it."
                ),
            }
        ),
        error_messages={"required": _("Choose a discussion or a question")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("Say what it is about in a few words, like a good email subject."),
        error_messages={
            "required": _("Enter a title"),
            "max_length": _("Shorten the title to %(limit_value)d characters or fewer"),
        },
    )
    body = body_field(_("Message"))
    tags = forms.CharField(
        label=_("Tags (optional)"),
        required=False,
        help_text=_("Separate tags with commas, for example: planning, s106"),
    )
    attachments = AttachmentsField(label=_("Attach files (optional)"), required=False)

    def clean_tags(self) -> list[str]:
        return parse_tag_list(self.cleaned_data["tags"], TAG_RULES)


class ThreadEditForm(forms.Form):
    title = ThreadForm.base_fields["title"]
    body = body_field(_("Message"))


class ReplyForm(forms.Form):
    body = body_field(_("Your message"))
    quote_of = forms.IntegerField(required=False, widget=forms.HiddenInput)
    attachments = AttachmentsField(label=_("Attach files (optional)"), required=False)


class ReplyEditForm(forms.Form):
    body = body_field(_("Reply"))


WHO_READS = {
    "open": _("Open: every signed-in member can read it."),
    "restricted": _("Restricted: only its members can read it."),
    "private": _("Private: only its members can read it, or know it exists."),
}


class MoveForm(forms.Form):
    to = forms.TypedChoiceField(
        label=_("Move to"),
        coerce=int,
        widget=RadiosWithHints,
        error_messages={"required": _("Choose the community to move it to")},
    )
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=500,
        help_text=_("Shown in the moderation log of both communities."),
    )

    def __init__(self, *args, communities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(c.pk, c.name) for c in communities]
        # Who will be able to read it there: moving can widen or narrow that.
        self.fields["to"].widget.hints = {
            c.pk: WHO_READS[c.visibility] for c in communities
        }
