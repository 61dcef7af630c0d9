"""Forms for starting, replying to, editing and moving threads.

Built from the pieces every kind of post shares (``content.forms``): the
Markdown message, attached files and tags.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from commonroom.content.forms import (
    AttachmentsField,
    body_field,
    clean_tags,
    tags_field,
)
from commonroom.core.forms import RadiosWithHints
from commonroom.forums.kinds import REPLY, THREAD
from commonroom.forums.models import Thread


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
    body = body_field(_("Message"), kind=THREAD)
    tags = tags_field()
    attachments = AttachmentsField(
        label=_("Attach files (optional)"),
        required=False,
        policy=THREAD.upload_policy,
    )

    def clean_tags(self) -> list[str]:
        return clean_tags(self.cleaned_data["tags"])


class ThreadEditForm(forms.Form):
    title = ThreadForm.base_fields["title"]
    body = body_field(_("Message"), kind=THREAD)


class ReplyForm(forms.Form):
    body = body_field(_("Your message"), kind=REPLY)
    quote_of = forms.IntegerField(required=False, widget=forms.HiddenInput)
    attachments = AttachmentsField(
        label=_("Attach files (optional)"),
        required=False,
        policy=REPLY.upload_policy,
    )


class ReplyEditForm(forms.Form):
    body = body_field(_("Reply"), kind=REPLY)


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
