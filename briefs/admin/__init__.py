"""The editors' workbench: one module per area of the desk."""

from . import articles, entities  # noqa: F401
