"""Form fields shared by every kind of post."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonroom.content import attachments


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def _help_text() -> str:
    return _("%(types)s; up to %(size)s each, %(count)s files at most.") % {
        "types": attachments.allowed_types_text(),
        "size": attachments.format_size(attachments.max_bytes()),
        "count": attachments.MAX_FILES_PER_POST,
    }


class AttachmentsField(forms.FileField):
    """Up to five files, each checked by content; every refusal shown at once.

    ``cleaned_data`` holds a list of uploaded files (empty when none were
    chosen), ready for ``attachments.attach_files``.
    """

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Attach files"))
        kwargs.setdefault("required", False)
        # Settings can change the limit, so the text is worked out when shown.
        kwargs.setdefault("help_text", lazy(_help_text, str)())
        # check_upload refuses empty files, naming them.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault(
            "accept", ",".join(attachments.allowed_extensions())
        )

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
                attachments.check_uploads(files)
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return files
