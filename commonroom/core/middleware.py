"""Middleware that belongs to no one app."""

from django.http import Http404, HttpRequest, HttpResponse


class SameNotFoundPageMiddleware:
    """Every "not found" a view raises gets the site's own 404 page, DEBUG or not.

    With DEBUG on, Django would otherwise show its technical page, which
    prints the reason each view gave ("No community here", "No photo"): a
    private community and a missing one would read differently. "Not found"
    must say nothing about why.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if isinstance(exception, Http404):
            from commonroom.core.views import page_not_found

            return page_not_found(request, exception)
        return None
