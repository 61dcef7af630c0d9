from django.urls import path

from commonroom.organisations import views

urlpatterns = [
    path("", views.organisation_directory, name="organisation-directory"),
    path(
        "<slug:organisation_slug>/",
        views.organisation_detail,
        name="organisation-detail",
    ),
]
