from django.urls import path

from commonroom.help import views

PAGES = {
    "": ("help-index", "help/pages/index.html"),
    "accessibility/": ("help-accessibility", "help/pages/accessibility.html"),
    "privacy/": ("help-privacy", "help/pages/privacy.html"),
    "terms/": ("help-terms", "help/pages/terms.html"),
}

urlpatterns = [
    *(
        path(route, views.help_page, {"template_name": template}, name=name)
        for route, (name, template) in PAGES.items()
    ),
    path("feedback/", views.feedback, name="help-feedback"),
    path("feedback/sent/", views.feedback_sent, name="help-feedback-sent"),
]
