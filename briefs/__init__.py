"""The briefs CMS: one Django app per area of the desk (kb, intake, desk, public) and the plain text package."""
