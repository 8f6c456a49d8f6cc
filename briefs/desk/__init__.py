"""Briefs and their review workflow (app label `desk`): the brief, its moves, publish checks, the desk admin."""
