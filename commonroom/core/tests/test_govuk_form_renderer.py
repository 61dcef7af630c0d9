"""Every Django form renders as GOV.UK markup through the project's renderer."""

from django import forms
from django.test import SimpleTestCase


class ExampleForm(forms.Form):
    title = forms.CharField(label="Title", help_text="Say what the thread is about.")
    body = forms.CharField(label="Message", widget=forms.Textarea)
    kind = forms.ChoiceField(
        label="Kind",
        choices=[("discussion", "Discussion"), ("question", "Question")],
        widget=forms.RadioSelect,
    )
    notify = forms.BooleanField(label="Email me replies", required=False)
    area = forms.ChoiceField(label="Service area", choices=[("p", "Planning")])

    def clean(self):
        raise forms.ValidationError("Something is wrong with the whole form")


def render(data=None) -> str:
    return str(ExampleForm(data))


class GovukFormRendererTests(SimpleTestCase):
    def test_fields_get_govuk_classes_labels_and_hints(self):
        html = render()

        self.assertInHTML(
            '<label class="govuk-label govuk-label--s" for="id_title">Title</label>',
            html,
        )
        self.assertInHTML(
            '<div id="id_title-hint" class="govuk-hint">Say what the thread is about.</div>',
            html,
        )
        self.assertIn('class="govuk-input"', html)
        self.assertIn('aria-describedby="id_title-hint"', html)
        self.assertIn('class="govuk-textarea"', html)
        self.assertIn('class="govuk-select"', html)
        self.assertIn('class="govuk-radios" data-module="govuk-radios"', html)
        self.assertIn('class="govuk-radios__input"', html)
        self.assertIn('<div class="govuk-radios__item">', html)
        self.assertIn('class="govuk-label govuk-radios__label" for="id_kind_0"', html)
        self.assertIn(
            '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Kind</legend>',
            html,
        )
        self.assertIn('class="govuk-checkboxes__input"', html)
        self.assertNotIn("govuk-error-summary", html)

    def test_errors_get_a_summary_inline_messages_and_keep_what_was_typed(self):
        html = render({"title": "", "body": "What I typed <b>here</b>", "area": "p"})

        self.assertIn(
            'class="govuk-error-summary" data-module="govuk-error-summary"', html
        )
        self.assertIn("There is a problem", html)
        # The summary links to each field in error, in form order.
        self.assertIn('<a href="#id_title">This field is required.</a>', html)
        self.assertIn('<a href="#id_kind_0">This field is required.</a>', html)
        self.assertIn("<li>Something is wrong with the whole form</li>", html)
        # Inline messages, tied to their field.
        self.assertIn(
            '<p id="id_title-error" class="govuk-error-message">'
            '<span class="govuk-visually-hidden">Error:</span> This field is required.</p>',
            html,
        )
        self.assertIn('class="govuk-input govuk-input--error"', html)
        self.assertIn('aria-describedby="id_title-hint id_title-error"', html)
        self.assertIn('aria-invalid="true"', html)
        self.assertIn('<div class="govuk-form-group govuk-form-group--error">', html)
        # What was typed is kept, and escaped.
        self.assertIn("What I typed &lt;b&gt;here&lt;/b&gt;</textarea>", html)

    def test_a_widgets_own_classes_are_kept(self):
        class NarrowForm(forms.Form):
            postcode = forms.CharField(
                label="Postcode",
                widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
            )

        html = str(NarrowForm({"postcode": ""}))
        self.assertIn(
            'class="govuk-input govuk-input--width-10 govuk-input--error"', html
        )

    def test_a_select_writes_the_same_escaped_options(self):
        choices = [("", "Any"), ("x&y", "X & <Y>"), ("z", "Z")]

        class SelectForm(forms.Form):
            area = forms.ChoiceField(
                label="Area", required=False, choices=choices, help_text="Pick one"
            )

        html = str(SelectForm({"area": "z"}))
        self.assertInHTML(
            '<select name="area" class="govuk-select" id="id_area"'
            ' aria-describedby="id_area-hint">'
            '<option value="">Any</option>'
            '<option value="x&amp;y">X &amp; &lt;Y&gt;</option>'
            '<option value="z" selected>Z</option></select>',
            html,
        )

    def test_widgets_written_in_python_match_djangos_templates(self):
        """Each widget the renderer writes itself reads as Django's template would
        write it: values, attributes (true, false, escaped), groups, selections."""
        from django.forms.renderers import TemplatesSetting

        from commonroom.core.forms import FAST_WIDGET_TEMPLATES, GovukFormRenderer

        class EveryWidgetForm(forms.Form):
            name = forms.CharField(max_length=20, help_text="As <shown>")
            email = forms.EmailField(required=False)
            count = forms.IntegerField(min_value=0)
            secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
            query = forms.CharField(widget=forms.TextInput(attrs={"type": "search"}))
            body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
            agree = forms.BooleanField(required=False)
            token = forms.CharField(widget=forms.HiddenInput)
            area = forms.ChoiceField(
                choices=[
                    ("", "Any"),
                    ("Group & co", [("a", "A <1>"), ("b", "B")]),
                    ("c", "C"),
                ]
            )
            when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
            upload = forms.FileField(required=False)
            photo = forms.FileField(required=False, widget=forms.FileInput)

        data = {
            "name": 'Ann "&" <Bee>',
            "email": "ann@example.org",
            "count": "3",
            "secret": "s&cret",
            "query": "flood*",
            "body": "Line one\n<b>two</b> & three",
            "agree": "on",
            "token": 't"k',
            "area": "b",
            "when": "2026-12-04",
        }

        class DjangosTemplates(GovukFormRenderer):
            def render(self, template_name, context, request=None):
                return TemplatesSetting.render(self, template_name, context, request)

        ours = EveryWidgetForm(data)
        djangos = EveryWidgetForm(data, renderer=DjangosTemplates())
        seen = set()
        for name in EveryWidgetForm.base_fields:
            template = ours[name].field.widget.template_name
            self.assertIn(template, FAST_WIDGET_TEMPLATES, name)
            seen.add(template)
            self.assertHTMLEqual(
                str(ours[name].as_widget()), str(djangos[name].as_widget())
            )
        self.assertGreaterEqual(len(seen), 9)

    def test_field_groups_written_in_python_match_the_field_template(self):
        """Each field group (label or legend, hint, errors, the widget, radios
        and checkboxes) reads exactly as ``components/forms/field.html`` and
        the project's radio and checkbox templates would write it, with and
        without errors, escaping labels, hints and messages."""
        from django.forms.renderers import TemplatesSetting

        from commonroom.core.forms import GovukFormRenderer

        class EveryKindForm(forms.Form):
            title = forms.CharField(
                label="Title <b>", help_text="Say what & why", max_length=5
            )
            plain = forms.CharField(label="Plain", required=False)
            body = forms.CharField(widget=forms.Textarea, help_text="Markdown")
            kind = forms.ChoiceField(
                label="Kind",
                choices=[("discussion", "Discussion"), ("question", "Question <?>")],
                widget=forms.RadioSelect,
                help_text="Pick one",
            )
            order = forms.ChoiceField(
                choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
            )
            topics = forms.MultipleChoiceField(
                choices=[("x", "X & co"), ("y", "Y")],
                widget=forms.CheckboxSelectMultiple,
            )
            notify = forms.BooleanField(label="Email me", help_text="Daily")
            area = forms.ChoiceField(choices=[("", "Any"), ("p", "Planning")])

            def clean_title(self):
                raise forms.ValidationError(["First <problem>", "Second problem"])

        class DjangosTemplates(GovukFormRenderer):
            def render(self, template_name, context, request=None):
                return TemplatesSetting.render(self, template_name, context, request)

        for data in (
            None,
            {"title": "Too long & <wrong>", "kind": "question", "topics": ["y"]},
            {"title": "Ok<>", "plain": "x"},
            {"order": "b", "notify": "on", "area": "p", "body": "Hi"},
        ):
            ours = EveryKindForm(data)
            djangos = EveryKindForm(data, renderer=DjangosTemplates())
            for name in EveryKindForm.base_fields:
                with self.subTest(data=data, field=name):
                    self.assertHTMLEqual(
                        str(ours[name].as_field_group()),
                        str(djangos[name].as_field_group()),
                    )
        # Errors did reach the comparison.
        wrong = EveryKindForm({"title": "Short"})
        self.assertIn("First &lt;problem&gt;", str(wrong["title"].as_field_group()))
