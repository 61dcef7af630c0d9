"""The site's routes plus the floor page, for the load benchmark only."""

from django.urls import include, path

from commonroom.benchmarks import views

FLOOR_PATH = "benchmark-floor/"

urlpatterns = [
    path(FLOOR_PATH, views.floor, name="benchmark-floor"),
    path("", include("commonroom.urls")),
]

handler403 = "commonroom.core.views.permission_denied"
handler404 = "commonroom.core.views.page_not_found"
handler500 = "commonroom.core.views.server_error"
