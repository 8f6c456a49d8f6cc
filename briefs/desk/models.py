"""Briefs: the English pieces editors write, their sources, key facts and workflow history.

Every workflow move goes through `Brief.move(name, by=…)`, the only code that sets a brief's
status; the statuses and the one table of moves live in `states.py`, who may make a move in
`workflow.py`, the publish checks in `checks.py`, what is selected (`Brief.objects`) in
`querysets.py`. Every brief save and move is kept as a django-reversion revision.
"""

import reversion
from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from briefs.desk import checks, diff, workflow
from briefs.desk.markdown import render_markdown
from briefs.desk.querysets import BriefQuerySet
from briefs.desk.states import MOVES, PUBLIC_STATUSES, Status, TransitionNotAllowed
from briefs.desk.times import desk_time
from briefs.intake.models import SourceArticle
from briefs.kb.models import Entity


class BriefChangedMeanwhile(Exception):
    """Someone saved the brief after the version an editor loaded; their save must not be overwritten."""


class Brief(models.Model):
    """A short English brief on one or more Chinese source articles."""

    Status = Status
    PUBLIC_STATUSES = PUBLIC_STATUSES

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, blank=True,
        help_text="Made from the title; it never changes once the brief has been published.",
    )
    dek = models.CharField(max_length=300, blank=True, help_text="One sentence that sums the brief up.")
    body = models.TextField(blank=True, help_text="Markdown. Tables and links are allowed; scripts are removed.")
    body_html = models.TextField(blank=True, editable=False)
    sources = models.ManyToManyField(
        SourceArticle, through="desk.BriefSource", related_name="briefs", blank=True
    )
    entities = TaggableManager(
        through="desk.TaggedBriefEntity", blank=True, related_name="briefs", verbose_name="entities",
        help_text="Companies, people and places the brief is about.",
    )
    topics = TaggableManager(
        through="desk.TaggedBriefTopic", blank=True, related_name="briefs", verbose_name="topics",
        help_text="Themes such as e-commerce or livestreaming.",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="briefs_written")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="briefs_reviewed"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        null=True, blank=True, help_text="When readers may see it. In the future, the brief is scheduled."
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    correction = models.TextField(blank=True, help_text="A public note shown on a published brief that was corrected.")
    version = models.PositiveIntegerField(default=1, editable=False)
    search_document = models.TextField(
        blank=True, editable=False,
        help_text="Title, dek, body and entity names, with Chinese segmented into words, for search.",
    )

    objects = BriefQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values),
                name="brief_status_is_a_choice",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=PUBLIC_STATUSES) | models.Q(publish_at__isnull=False),
                name="published_brief_has_publish_at",
            ),
        ]
        indexes = [models.Index(fields=["status", "publish_at"])]
        permissions = [("publish_brief", "Can approve, publish, schedule, withdraw and correct briefs")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Rendering here, once per save, keeps body_html from ever going stale; pages only read it.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.body_html = render_markdown(self.body)
        if update_fields is None or "title" in update_fields:
            self.slug = self.slug if self.has_been_published and self.slug else self.unique_slug()
        if update_fields is not None:
            extra = {"body": "body_html", "title": "slug"}
            kwargs["update_fields"] = {*update_fields, *(extra[name] for name in update_fields if name in extra)}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("public:brief-detail", args=[self.slug])

    @property
    def has_been_published(self):
        """True once the brief has been published or scheduled: from then on its slug never changes."""
        return self.published_at is not None

    def unique_slug(self):
        """A slug made from the title, with -2, -3… added when another brief has it already."""
        base = (slugify(self.title) or "brief")[:190].strip("-") or "brief"
        taken = set(Brief.objects.exclude(pk=self.pk).filter(slug__startswith=base).values_list("slug", flat=True))
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    @property
    def attributions(self):
        """The sources readers are shown: original publishers by name or address, never the scraped copy."""
        return [link for link in self.source_links.all() if link.publisher_name or link.publisher_url]

    def is_published(self, now=None):
        now = now or timezone.now()
        return self.status in self.PUBLIC_STATUSES and self.publish_at is not None and self.publish_at <= now

    def can_be_edited_by(self, user):
        """Editors edit any brief; writers only their own drafts (not once submitted or published)."""
        if workflow.is_editor(user):
            return user.has_perm("desk.change_brief")
        return (
            user.has_perm("desk.change_brief") and self.author_id == user.pk and self.status == self.Status.DRAFT
        )

    # ---- saving an edit: optimistic locking ----------------------------------------------------

    def save_edit(self, *, loaded_version):
        """Save an edit made to `loaded_version` of the brief, and move it to the next version.

        Raises BriefChangedMeanwhile (saving nothing) when anyone saved the brief or moved it in the
        workflow since that version was loaded. The version check and bump are one UPDATE, so of two
        concurrent saves of the same version exactly one wins.
        """
        with transaction.atomic():
            won = Brief.objects.filter(pk=self.pk, version=loaded_version).update(version=models.F("version") + 1)
            if not won:
                raise BriefChangedMeanwhile(self.changed_since_message())
            self.version = loaded_version + 1
            self.save()

    def last_change(self):
        """(user, time) of the latest revision of the brief, or (None, updated_at) if none was kept."""
        from reversion.models import Version  # reversion's models load after this module's

        latest = Version.objects.get_for_object(self).select_related("revision__user").first()
        if latest is None:
            return None, self.updated_at
        return latest.revision.user, latest.revision.date_created

    def changed_since_message(self):
        user, moment = self.last_change()
        who = user.get_username() if user else "someone"
        return (
            f"“{self}” was changed by {who} on {desk_time(moment)} after you opened it, so your save was refused. "
            "Your text is kept in the form below; compare it with the saved version, then save again to "
            "replace theirs."
        )

    # ---- the workflow: one move method over the table in states.py ------------------------------

    def move(self, name, *, by, comment="", at=None):
        """Make the workflow move `name` (a key of `states.MOVES`) as `by`, and record it.

        Raises TransitionNotAllowed, changing nothing, when `by` may not make it now (see
        `workflow.check_move`), when "publish" finds a blocking publish check, when "correct" is
        pressed on a brief readers cannot see yet, or when someone moved the brief meanwhile.
        Otherwise the brief goes to the move's state in one transaction, with a Transition (who,
        from, to, `comment`) and a revision, and its version is bumped so open edit forms notice.

        Per move: "publish" makes the brief public at `at` (now when None; a future time schedules
        it), sets its reviewer and keeps the words published as a snapshot for the next reviewer's
        diff; "request_changes" sets the reviewer; "correct" shows `comment` to readers as the
        correction; "recover" (a deleted brief just brought back) also unschedules it. `at` is
        used by "publish" only.
        """
        move = MOVES[name]
        workflow.check_move(self, name, by, comment)
        to, fields = move.to or self.status, []
        if name == "publish":
            problems = self.publish_checks().problems
            if problems:
                raise TransitionNotAllowed(f"“{self}” cannot be published yet: " + " ".join(problems))
            now = timezone.now()
            self.publish_at = at = at or now
            if self.published_at is None or self.published_at > now:  # first time readers will see it
                self.published_at = at
            to = Status.SCHEDULED if at > now else Status.PUBLISHED
            fields = ["publish_at", "published_at"]
        elif name == "correct":
            if not self.is_published():
                raise TransitionNotAllowed(f"“{self}” is not visible to readers yet; edit it instead of correcting it.")
            self.correction = comment
            fields = ["correction"]
        elif name == "recover":
            self.publish_at = None
            fields = ["publish_at"]
        if name in ("publish", "request_changes"):
            self.reviewer = by
            fields.append("reviewer")
        with transaction.atomic(), reversion.create_revision():
            # Lock the row and re-read the state: two editors pressing buttons at once must not both move it.
            current = Brief.objects.select_for_update().values("status", "version").get(pk=self.pk)
            if current["status"] != self.status:
                raise TransitionNotAllowed(f"“{self}” was moved in the workflow meanwhile; reload it and try again.")
            from_status = self.status
            self.status = to
            # A move counts as a change for locking: an open edit form must not overwrite it unseen.
            self.version = current["version"] + 1
            self.save(update_fields=["status", "version", "updated_at", *fields])
            Transition.objects.create(
                brief=self, from_status=from_status, to_status=to, by=by, comment=comment,
                snapshot=diff.snapshot_of(self) if move.snapshot else None,
            )
            reversion.set_user(by)
            reversion.set_comment(move.label + (f": {comment}" if comment else ""))

    # ---- ready values for the desk -----------------------------------------------------------

    def publish_checks(self):
        return checks.check_for_publishing(self)

    def last_published_snapshot(self):
        """The latest Transition that published this brief (with its snapshot), or None."""
        return (
            self.transitions.filter(
                snapshot__isnull=False, to_status__in=[self.Status.PUBLISHED, self.Status.SCHEDULED]
            )
            .order_by("-at", "-id")
            .first()
        )

    def diff_against_last_published(self):
        """Rows of changes since the last published version, or None if it was never published."""
        published = self.last_published_snapshot()
        if published is None:
            return None
        return diff.diff_snapshots(published.snapshot, diff.snapshot_of(self))


class BriefSource(models.Model):
    """A source article a brief draws on, with the original publisher when known."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="source_links")
    article = models.ForeignKey(SourceArticle, on_delete=models.PROTECT, related_name="brief_links")
    publisher_name = models.CharField(
        max_length=200, blank=True, help_text="Who first published the article (not the site it was scraped from)."
    )
    publisher_url = models.URLField("publisher URL", max_length=500, blank=True)

    class Meta:
        ordering = ["brief", "id"]
        constraints = [models.UniqueConstraint(fields=["brief", "article"], name="one_link_per_brief_source")]

    def __str__(self):
        return self.publisher_name or str(self.article)


class KeyFact(models.Model):
    """One short fact of a brief, with the source sentence it comes from."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="key_facts")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(max_length=300)
    source_sentence = models.TextField(blank=True, help_text="The sentence of the source this fact comes from.")

    class Meta:
        ordering = ["brief", "position", "id"]

    def __str__(self):
        return self.text


class Transition(models.Model):
    """One recorded workflow move: who moved the brief from which state to which, and why."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)
    snapshot = models.JSONField(
        null=True, blank=True, help_text="Title, dek, body and key facts as published, for the reviewer's diff."
    )

    class Meta:
        ordering = ["brief", "at", "id"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


reversion.register(KeyFact)
reversion.register(BriefSource)
reversion.register(Brief, follow=["key_facts", "source_links"])


class TaggedBriefEntity(TaggedItemBase):
    """An entity a brief is about."""

    tag = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="brief_items")
    content_object = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="entity_items")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="one_tag_per_brief_entity"),
        ]


class TaggedBriefTopic(TaggedItemBase):
    """A plain taggit topic on a brief (e-commerce, livestreaming…)."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="brief_topic_items")
    content_object = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="topic_items")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="one_tag_per_brief_topic"),
        ]
