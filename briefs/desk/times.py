"""Times as the desk reads them: stored in UTC, shown in the desk's zone (settings.TIME_ZONE) with the zone named."""

import zoneinfo

from django.conf import settings
from django.utils import timezone


def desk_time(moment) -> str:
    """A time as the desk reads it, with the zone named: "24 Aug 2026, 18:00 CST (Asia/Shanghai)".

    Times are stored in UTC; the desk's zone is settings.TIME_ZONE. Empty string for None.
    """
    if moment is None:
        return ""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    local = timezone.localtime(moment, zone)
    return f"{local.day} {local:%b %Y, %H:%M} {local.tzname()} ({settings.TIME_ZONE})"


def desk_zone_label() -> str:
    """The desk's zone as shown beside a time input: "Asia/Shanghai, CST"."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return f"{settings.TIME_ZONE}, {timezone.localtime(timezone.now(), zone).tzname()}"
