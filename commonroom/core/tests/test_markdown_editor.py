from django import forms
from django.template.loader import render_to_string


class ReplyForm(forms.Form):
    body = forms.CharField(label="Your reply", widget=forms.Textarea)


def render_editor(**context) -> str:
    form = ReplyForm(data={"body": "Thanks **all**"})
    return render_to_string(
        "components/markdown_editor.html", {"field": form["body"], **context}
    )


def test_renders_the_field_and_a_preview_button_for_htmx():
    html = render_editor()

    assert '<textarea name="body"' in html
    assert 'class="govuk-textarea"' in html
    assert "Thanks **all**</textarea>" in html
    assert (
        '<button type="submit" class="govuk-button govuk-button--secondary" '
        'data-module="govuk-button" name="preview" value="1" data-hx-post="/preview/" '
        'data-hx-target="#id_body-preview" data-hx-swap="innerHTML" data-hx-params="body,csrfmiddlewaretoken">Preview</button>'
    ) in html
    assert '<div id="id_body-preview" class="commonroom-markdown-preview" ' in html
    assert 'aria-live="polite"' in html
    assert "Nothing to preview yet." not in html


def test_shows_the_preview_sent_without_javascript():
    html = render_editor(preview_html="<p><strong>all</strong></p>")

    assert '<h2 class="govuk-heading-s">Preview</h2>' in html
    assert (
        '<div class="commonroom-prose commonroom-prose--preview">'
        "<p><strong>all</strong></p></div>"
    ) in html


def test_sends_the_fields_own_length_limit_with_the_preview():
    class ShortForm(forms.Form):
        body = forms.CharField(label="Summary", max_length=50, widget=forms.Textarea)

    html = render_to_string(
        "components/markdown_editor.html", {"field": ShortForm()["body"]}
    )

    assert (
        'data-hx-params="body,csrfmiddlewaretoken,limit" data-hx-vals=\'{"limit": 50}\''
    ) in html
