"""The editors' workbench: one module per area of the desk."""

from . import articles, desk, entities  # noqa: F401
