"""The desk's models, one module per area; import them from here."""

from .articles import PromoRule, SourceArticle, Strip
from .changes import PublicChange
from .desk import Brief, BriefQuerySet, BriefSource, KeyFact, Transition, TransitionNotAllowed
from .entities import Entity, Mention, Suggestion, TaggedArticleEntity, TaggedBriefEntity, TaggedBriefTopic

__all__ = [
    "Brief",
    "BriefQuerySet",
    "BriefSource",
    "Entity",
    "KeyFact",
    "Mention",
    "PromoRule",
    "PublicChange",
    "SourceArticle",
    "Strip",
    "Suggestion",
    "TaggedArticleEntity",
    "TaggedBriefEntity",
    "TaggedBriefTopic",
    "Transition",
    "TransitionNotAllowed",
]
