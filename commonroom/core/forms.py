"""GOV.UK Frontend markup for every Django form.

``GovukFormRenderer`` is the project's ``FORM_RENDERER``. It renders a form as an
error summary (which GOV.UK Frontend's JavaScript focuses) followed by one
``govuk-form-group`` per field, with label, hint and inline error message, and
gives each widget the GOV.UK class for its kind. Views render ``{{ form }}`` and
get all of that; nothing per form is needed.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from commonroom.core.converters import parse_id

# The GOV.UK class for each kind of widget, and its error modifier.
WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.Textarea, "govuk-textarea"),
    (forms.Select, "govuk-select"),
    (forms.ClearableFileInput, "govuk-file-upload"),
    (forms.FileInput, "govuk-file-upload"),
    (forms.CheckboxInput, "govuk-checkboxes__input"),
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input"),
    (forms.RadioSelect, "govuk-radios__input"),
    (Input, "govuk-input"),
]
# Widgets whose GOV.UK markup has no error modifier.
NO_ERROR_MODIFIER = {"govuk-checkboxes__input", "govuk-radios__input"}


def govuk_class_for(widget: forms.Widget) -> str:
    for widget_class, css_class in WIDGET_CLASSES:
        if isinstance(widget, widget_class):
            return css_class
    return ""


class GovukBoundField(BoundField):
    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}-hint"

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}-error"

    @property
    def kind(self) -> str:
        """How the field template lays the field out."""
        widget = self.field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            return "checkboxes"
        if isinstance(widget, forms.RadioSelect):
            return "radios"
        if isinstance(widget, forms.CheckboxInput):
            return "checkbox"
        return "input"

    @property
    def uses_fieldset(self) -> bool:
        return self.kind in {"checkboxes", "radios"}

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        # GOV.UK: placeholders are no substitute for labels and hints.
        attrs.pop("placeholder", None)
        widget.attrs.pop("placeholder", None)
        css_class = govuk_class_for(widget)
        if css_class:
            # The widget's own classes (a width modifier, say) are kept.
            classes = [css_class, widget.attrs.get("class", ""), attrs.get("class", "")]
            if self.errors and css_class not in NO_ERROR_MODIFIER:
                classes.append(f"{css_class.split('__')[0]}--error")
            attrs["class"] = " ".join(c for c in classes if c)
        described_by = []
        if self.help_text:
            described_by.append(self.hint_id)
        if self.errors:
            described_by.append(self.error_id)
        # Fieldsets carry aria-describedby for the whole group instead.
        if described_by and not self.uses_fieldset:
            attrs["aria-describedby"] = " ".join(described_by)
        elif self.uses_fieldset:
            attrs.pop("aria-describedby", None)
        return attrs


def _attrs_html(attrs: dict) -> str:
    """What Django's ``django/forms/widgets/attrs.html`` writes, written here."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            escaped = conditional_escape(str(value))
            parts.append(f' {conditional_escape(name)}="{escaped}"')
    return "".join(parts)


def _input_html(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}'
        f"{_attrs_html(widget['attrs'])}>"
    )


def _textarea_html(widget: dict) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"'
        f"{_attrs_html(widget['attrs'])}>\n"
        f"{conditional_escape(value) if value else ''}</textarea>"
    )


def _select_html(widget: dict) -> str:
    parts = [
        f'<select name="{conditional_escape(widget["name"])}"'
        f"{_attrs_html(widget['attrs'])}>"
    ]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'<optgroup label="{conditional_escape(group_name)}">')
        parts.extend(
            f'<option value="{conditional_escape(str(option["value"]))}"'
            f"{_attrs_html(option['attrs'])}>"
            f"{conditional_escape(option['label'])}</option>"
            for option in options
        )
        if group_name:
            parts.append("</optgroup>")
    parts.append("</select>")
    return "".join(parts)


def _multiple_input_html(widget: dict) -> str:
    """Radios and checkboxes: ``django/forms/widgets/multiple_input.html`` as
    this project overrides it (a GOV.UK item for each option)."""
    parts = []
    for _group, options, _index in widget["optgroups"]:
        for option in options:
            radio = option["type"] == "radio"
            item = "govuk-radios__item" if radio else "govuk-checkboxes__item"
            label = "govuk-radios__label" if radio else "govuk-checkboxes__label"
            for_id = conditional_escape(str(option["attrs"].get("id", "")))
            parts.append(
                f'\n<div class="{item}">\n  {_input_html(option)}\n'
                f'  <label class="govuk-label {label}" for="{for_id}">'
                f"{conditional_escape(option['label'])}</label>\n</div>"
            )
    return "".join(parts)


def _new_file_html(widget: dict) -> str | None:
    """A file upload with no file yet (as on every form that takes
    attachments); one showing a current file goes through Django's template."""
    if widget.get("is_initial"):
        return None
    return _input_html(widget)


# Django's templates for the widgets every form uses, each written in Python
# with the same markup: through the template engine, a select of 45 options
# costs 135 template renders (the select, each option and each option's
# attributes), more than the rest of the people finder's page.
FAST_WIDGET_TEMPLATES = {
    **{
        f"django/forms/widgets/{name}.html": _input_html
        for name in (
            "input",
            "text",
            "email",
            "number",
            "password",
            "search",
            "url",
            "tel",
            "date",
            "time",
            "datetime",
            "hidden",
            "checkbox",
            "color",
        )
    },
    "django/forms/widgets/textarea.html": _textarea_html,
    "django/forms/widgets/select.html": _select_html,
    "django/forms/widgets/file.html": _input_html,
    "django/forms/widgets/clearable_file_input.html": _new_file_html,
    "django/forms/widgets/radio.html": _multiple_input_html,
    "django/forms/widgets/checkbox_select.html": _multiple_input_html,
}


def _hint_and_errors_html(field) -> str:
    """``components/forms/_hint_and_errors.html``, written in Python."""
    parts = []
    if field.help_text:
        parts.append(
            f'<div id="{conditional_escape(field.hint_id)}" class="govuk-hint">'
            f"{conditional_escape(str(field.help_text))}</div>"
        )
    error_label = conditional_escape(gettext("Error"))
    for index, error in enumerate(field.errors):
        ident = f' id="{conditional_escape(field.error_id)}"' if index == 0 else ""
        parts.append(
            f'<p{ident} class="govuk-error-message">'
            f'<span class="govuk-visually-hidden">{error_label}:</span> '
            f"{conditional_escape(str(error))}</p>"
        )
    return "\n".join(parts)


def _field_group_html(field) -> str:
    """``components/forms/field.html`` (one field as a GOV.UK form group),
    written in Python: through the template engine each field cost two template
    renders and about forty variable lookups."""
    errors = field.errors
    group = "govuk-form-group govuk-form-group--error" if errors else "govuk-form-group"
    label = conditional_escape(str(field.label))
    kind = field.kind
    if field.uses_fieldset:
        described = " ".join(
            ident
            for ident, present in (
                (field.hint_id, field.help_text),
                (field.error_id, errors),
            )
            if present
        )
        aria = (
            f' aria-describedby="{conditional_escape(described)}"' if described else ""
        )
        radios = kind == "radios"
        box = "govuk-radios" if radios else "govuk-checkboxes govuk-checkboxes--small"
        module = "govuk-radios" if radios else "govuk-checkboxes"
        inner = (
            f'<fieldset class="govuk-fieldset"{aria}>\n'
            f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">'
            f"{label}</legend>\n{_hint_and_errors_html(field)}\n"
            f'<div class="{box}" data-module="{module}">\n{field}\n</div>\n'
            "</fieldset>"
        )
    elif kind == "checkbox":
        for_id = conditional_escape(field.auto_id)
        inner = (
            f"{_hint_and_errors_html(field)}\n"
            '<div class="govuk-checkboxes govuk-checkboxes--small" '
            'data-module="govuk-checkboxes">\n<div class="govuk-checkboxes__item">\n'
            f"{field}\n"
            f'<label class="govuk-label govuk-checkboxes__label" for="{for_id}">'
            f"{label}</label>\n</div>\n</div>"
        )
    else:
        for_id = conditional_escape(field.auto_id)
        inner = (
            f'<label class="govuk-label govuk-label--s" for="{for_id}">{label}'
            f"</label>\n{_hint_and_errors_html(field)}\n{field}"
        )
    return f'<div class="{group}">\n{inner}\n</div>'


FIELD_TEMPLATE = "components/forms/field.html"


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "components/forms/form.html"
    field_template_name = FIELD_TEMPLATE
    bound_field_class = GovukBoundField

    def render(self, template_name, context, request=None):
        fast = FAST_WIDGET_TEMPLATES.get(template_name)
        html = fast(context["widget"]) if fast is not None else None
        if html is not None:
            return mark_safe(html)  # noqa: S308 - escaped above
        if template_name == FIELD_TEMPLATE and isinstance(
            context.get("field"), GovukBoundField
        ):
            return mark_safe(_field_group_html(context["field"]))  # noqa: S308 - escaped above
        return super().render(template_name, context, request=request)


class RadiosWithHints(forms.RadioSelect):
    """GOV.UK radios with a hint under each option (``hints``: value → text)."""

    template_name = "components/forms/widgets/radios_with_hints.html"

    def __init__(self, *args, hints: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.hints = hints or {}

    def create_option(self, name, value, label, selected, index, *args, **kwargs):
        option = super().create_option(
            name, value, label, selected, index, *args, **kwargs
        )
        hint = self.hints.get(value, "")
        option["hint"] = hint
        if hint and option["attrs"].get("id"):
            option["hint_id"] = f"{option['attrs']['id']}-item-hint"
            option["attrs"]["aria-describedby"] = option["hint_id"]
        return option


def add_refusal(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the fields it names that the
    form has, anything else above the form. (``form.add_error(None, error)``
    fails on an error naming a field the form lacks, such as a model's
    ``email`` on a form whose field is ``addresses``.)"""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class ModelChoicesField(forms.ModelMultipleChoiceField):
    """Several things chosen by id, where a value that is no id at all (a
    number beyond any the database holds, which SQLite refuses to look for)
    is an invalid choice like any other, before anything is looked up."""

    def _check_values(self, value):
        if self.to_field_name is None:
            for pk in value:
                if parse_id(str(pk)) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)
