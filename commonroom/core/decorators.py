"""View decorators shared by the apps."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def sign_in_when_refused(view):
    """Visitors refused by the access kernel are asked to sign in, then sent back.

    For pages open to visitors where a community allows it
    (``login_not_required``): a visitor following a link into a members-only
    community gets the sign-in page rather than a dead end; a signed-in person
    who may not read it still gets "forbidden" with the reason. Where even the
    community's existence is private the kernel says "not found", which passes
    through unchanged.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            if request.user.is_authenticated:
                raise
            return redirect_to_login(request.get_full_path())

    return wrapper
