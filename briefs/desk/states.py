"""The brief's workflow states and the one table of moves between them.

A leaf module: it imports nothing of the desk, so `models` (whose `Brief.Status` is `Status`) and
`workflow` (which checks a move against `MOVES`) both import it and never each other.
"""

from dataclasses import dataclass

from django.db import models


class TransitionNotAllowed(Exception):
    """A workflow move that the brief's state or the user's role does not allow."""


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


# A brief in one of these states is public once its publish_at has come (see BriefQuerySet.published()).
PUBLIC_STATUSES = (Status.PUBLISHED, Status.SCHEDULED)

# How a refusal names a state: "“X” is a draft; you can … only when it is in review."
STATUS_LABELS = {
    Status.DRAFT: "a draft",
    Status.IN_REVIEW: "in review",
    Status.SCHEDULED: "scheduled",
    Status.PUBLISHED: "published",
    Status.WITHDRAWN: "withdrawn",
}


@dataclass(frozen=True)
class Move:
    """One kind of workflow move: the states it starts from, where it goes, and who may make it."""

    verb: str  # as in "only editors can {verb}"
    label: str  # the button an editor presses
    sources: frozenset[str]
    to: str | None  # the state it ends in; None: the status stays (a correction)
    editors_only: bool = True
    not_by_author: bool = False  # nobody approves their own brief
    needs_comment: str = ""  # what the comment must say, when one is required
    snapshot: bool = False  # keep the words as readers get them, for the next reviewer's diff
    on_page: bool = True  # a button on the brief's page; False: only its own view makes it (recover)


MOVES = {
    "submit_for_review": Move(
        "submit briefs for review", "Submit for review", frozenset({Status.DRAFT}), Status.IN_REVIEW,
        editors_only=False,
    ),
    "request_changes": Move(
        "request changes", "Request changes", frozenset({Status.IN_REVIEW}), Status.DRAFT,
        needs_comment="what should change",
    ),
    # To SCHEDULED instead when the publish time is in the future; publishing a scheduled brief again
    # reschedules it, or publishes it now.
    "publish": Move(
        "approve and publish briefs", "Approve and publish", frozenset({Status.IN_REVIEW, Status.SCHEDULED}),
        Status.PUBLISHED, not_by_author=True, snapshot=True,
    ),
    "withdraw": Move(
        "withdraw briefs", "Withdraw", frozenset({Status.PUBLISHED, Status.SCHEDULED}), Status.WITHDRAWN,
        needs_comment="why it is withdrawn",
    ),
    "correct": Move(
        "correct published briefs", "Publish a correction", frozenset({Status.PUBLISHED, Status.SCHEDULED}), None,
        needs_comment="the correction readers will see", snapshot=True,
    ),
    # A withdrawn brief can be reworked and go through review again; the reviewer then sees the diff.
    "reopen": Move("reopen withdrawn briefs", "Reopen as draft", frozenset({Status.WITHDRAWN}), Status.DRAFT),
    # A deleted brief brought back from its last revision starts over from any state it was stored in:
    # a draft, unscheduled, to be reviewed again. Made by the recovery view only, never from a button.
    "recover": Move(
        "recover deleted briefs", "Recover", frozenset(Status), Status.DRAFT,
        needs_comment="why it is recovered", on_page=False,
    ),
}
