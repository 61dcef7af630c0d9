from datetime import UTC, datetime, timedelta

import pytest

from commonroom.profiles.presence import presence_label

# 14:00 UTC in July is 15:00 in London (British Summer Time).
NOW = datetime(2026, 7, 15, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("seen", "label"),
    [
        (None, ""),
        (NOW, "Online now"),
        (NOW - timedelta(minutes=5), "Online now"),
        (NOW - timedelta(minutes=6), "Last seen today at 14:54"),
        (NOW - timedelta(hours=14, minutes=30), "Last seen today at 00:30"),
        (NOW - timedelta(hours=15, minutes=30), "Last seen yesterday at 23:30"),
        (NOW - timedelta(days=40), "Last seen on 5 June 2026"),
    ],
)
def test_presence_reads_in_uk_time(seen, label):
    assert presence_label(seen, now=NOW) == label


def test_winter_dates_use_greenwich_mean_time():
    now = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)

    assert (
        presence_label(now - timedelta(hours=1), now=now) == "Last seen today at 11:00"
    )
