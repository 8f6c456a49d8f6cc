"""The durable record that readers' pages changed, for the page cache (briefs/public/page_cache.py)."""

from django.db import models
from django.utils import timezone


class PublicChange(models.Model):
    """The count of changes readers could see: one row, counted up inside the same transaction as each change.

    The page cache is told of a change after commit; when that fails (Redis down or not answering),
    every app process still notices within a second by comparing this count with the one its cached
    pages were made under (issue 11, finding 4). The row is created by the migration; a missing row
    counts as 0 and is made again by the next change.
    """

    change_count = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = "public change marker"

    def __str__(self):
        return f"change {self.change_count} at {self.changed_at:%Y-%m-%d %H:%M:%S}"
