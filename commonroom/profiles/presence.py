"""How a member's online presence reads: "Online now" or when they were last seen."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.translation import gettext as _

LONDON = ZoneInfo("Europe/London")
ONLINE_FOR = timedelta(minutes=5)


def presence_label(
    last_seen_at: datetime | None, *, now: datetime | None = None
) -> str:
    """ "Online now", "Last seen today at 14:05", "… yesterday", "… on 3 March 2026".

    Dates are in UK time whatever the server's time zone. Empty if never seen.
    """
    if last_seen_at is None:
        return ""
    now = now or timezone.now()
    if now - last_seen_at <= ONLINE_FOR:
        return _("Online now")
    seen = last_seen_at.astimezone(LONDON)
    today = now.astimezone(LONDON).date()
    if seen.date() == today:
        return _("Last seen today at %(time)s") % {
            "time": formats.time_format(seen, "H:i")
        }
    if seen.date() == today - timedelta(days=1):
        return _("Last seen yesterday at %(time)s") % {
            "time": formats.time_format(seen, "H:i")
        }
    return _("Last seen on %(date)s") % {"date": formats.date_format(seen, "j F Y")}
