"""GOV.UK Frontend markup for every Django form.

``GovukFormRenderer`` is the project's ``FORM_RENDERER``. It renders a form as an
error summary (which GOV.UK Frontend's JavaScript focuses) followed by one
``govuk-form-group`` per field, with label, hint and inline error message, and
gives each widget the GOV.UK class for its kind. Views render ``{{ form }}`` and
get all of that; nothing per form is needed.
"""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.forms.utils import flatatt
from django.forms.widgets import Input
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

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


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "components/forms/form.html"
    field_template_name = "components/forms/field.html"
    bound_field_class = GovukBoundField


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


class QuickSelect(forms.Select):
    """A select whose options are written here rather than by a template each.

    Django renders every ``<option>`` through its own template; a list of 400
    organisations then costs more than the rest of the page. The markup is the
    same: one ``<select>`` with the attributes the GOV.UK renderer gave it.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    mark_safe(" selected") if option["selected"] else "",  # noqa: S308
                    option["label"],
                )
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(widget["attrs"]), options
        )
