from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from commonroom.help import services
from commonroom.help.forms import FeedbackForm


@login_not_required
def help_page(request: HttpRequest, *, template_name: str) -> HttpResponse:
    return render(request, template_name)


@login_not_required
def feedback(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.submit_feedback(actor=request.user, **form.cleaned_data)
        return redirect("help-feedback-sent")
    return render(request, "help/feedback/index.html", {"form": form})


@login_not_required
def feedback_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "help/feedback_sent/index.html")
