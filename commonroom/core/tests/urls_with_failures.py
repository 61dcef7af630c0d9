"""The site's URLs plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from commonroom.urls import handler403, handler404, handler500, urlpatterns


def broken_view(request):
    raise RuntimeError("secret-internal-detail-that-must-not-leak")


def forbidden_view(request):
    raise PermissionDenied("Only facilitators can pin a thread.")


urlpatterns = [
    *urlpatterns,
    path("boom/", broken_view),
    path("forbidden/", forbidden_view),
]
__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
