"""Form pieces shared by every kind of post: the Markdown message box, the
attached files, the tags, and the edit form a kind gets from the registry.

Rendered by the GOV.UK renderer; the message field goes through the Markdown
editor include (``components/markdown_editor.html``), which adds the preview.
"""

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy, ngettext_lazy

from commonroom.content import attachments
from commonroom.core.markdown import MAX_BODY_LENGTH
from commonroom.tags.services import TagListRules, parse_tag_list

# The message ------------------------------------------------------------------

MARKDOWN_HINT = gettext_lazy(
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


def body_field(label, *, kind=None) -> forms.CharField:
    """The Markdown message of a post, named "body" (the preview reads it).

    ``kind`` (a ``ContentKind``) sets how long it may be and whether it may be
    left empty; without one, what posts allow. A message over the limit is
    refused saying how long it is, and shown again in full.
    """
    max_length = kind.body_max_length if kind is not None else MAX_BODY_LENGTH
    required = kind.body_required if kind is not None else True
    return forms.CharField(
        label=label,
        help_text=MARKDOWN_HINT,
        max_length=max_length,
        required=required,
        widget=MessageTextarea(attrs={"rows": 8}),
        error_messages={
            "required": gettext_lazy("Enter your message"),
            "max_length": gettext_lazy(
                "Your message is %(show_value)d characters long. Shorten it to "
                "%(limit_value)d characters or fewer."
            ),
        },
    )


# Tags ---------------------------------------------------------------------------

MAX_TAGS = 6
TAG_RULES = TagListRules(
    max_count=MAX_TAGS,
    max_length=60,
    too_long=gettext_lazy(
        "“%(name)s” is too long: a tag can be up to %(limit)d characters."
    ),
    too_many=ngettext_lazy(
        "You can add up to %(limit)d tag.", "You can add up to %(limit)d tags.", "limit"
    ),
    code_prefix="tag",
)


def tags_field() -> forms.CharField:
    """Tags typed as a comma-separated list; clean with ``clean_tags``."""
    return forms.CharField(
        label=gettext_lazy("Tags (optional)"),
        required=False,
        help_text=gettext_lazy(
            "Separate tags with commas, for example: planning, s106"
        ),
    )


def clean_tags(text: str) -> list[str]:
    return parse_tag_list(text, TAG_RULES)


# Attachments ----------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Files checked by content against an upload policy (posts' unless given):
    as many as it allows; every refusal shown at once.

    The hint under it and the file input's ``accept`` list come from the
    policy. ``cleaned_data`` holds a list of uploaded files (empty when none
    were chosen), ready for ``attachments.attach_files``.
    """

    widget = MultipleFileInput

    def __init__(self, *, policy: attachments.UploadPolicy | None = None, **kwargs):
        self.policy = policy or attachments.POST_UPLOADS
        kwargs.setdefault("label", gettext_lazy("Attach files"))
        kwargs.setdefault("required", False)
        # Settings can change the limit, so the text is worked out when shown.
        kwargs.setdefault("help_text", lazy(self.policy.hint, str)())
        # check_upload refuses empty files, naming them.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ",".join(self.policy.extensions()))

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            files = [uploaded_file for uploaded_file in data if uploaded_file]
        else:
            files = [data] if data else []
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        errors = []
        for uploaded_file in files:
            try:
                super().clean(uploaded_file, initial)
            except ValidationError as error:
                errors.extend(error.error_list)
        if not errors:
            try:
                attachments.check_uploads(files, policy=self.policy)
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return files


# Editing ----------------------------------------------------------------------------

# Form fields for the editable fields every kind may share, each made for the
# kind. A kind whose edit form needs more (a title with its own limit, say)
# registers ``edit_form``.
SHARED_EDIT_FIELDS = {
    "body": lambda kind: body_field(gettext_lazy("Message"), kind=kind),
}


def edit_form_for(kind) -> type[forms.Form]:
    """The form the shared edit page shows for ``kind``: its own, or one built
    from the shared pieces, one field for each of ``kind.editable_fields``."""
    if kind.edit_form is not None:
        return kind.edit_form()
    missing = [name for name in kind.editable_fields if name not in SHARED_EDIT_FIELDS]
    if missing:
        raise ImproperlyConfigured(
            f"The {kind.name} kind edits {', '.join(missing)}: register edit_form."
        )
    fields = {name: SHARED_EDIT_FIELDS[name](kind) for name in kind.editable_fields}
    return type(f"{kind.name.title()}EditForm", (forms.Form,), fields)
