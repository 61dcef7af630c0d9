"""The floor: the least a Django page on this stack can do.

One query for 50 rows of the same database, rendered by the same template
engine through the same middleware. The load benchmark reports every page as
a ratio to this one, measured in the same run, so a busy machine slows both.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from commonroom.forums.models import Thread

FLOOR_ROWS = 50


@login_not_required
def floor(request: HttpRequest) -> HttpResponse:
    rows = Thread.objects.order_by("-pk").values(
        "pk", "title", "reply_count", "last_activity_at"
    )[:FLOOR_ROWS]
    return render(request, "benchmarks/floor.html", {"rows": rows})
