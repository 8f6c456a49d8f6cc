"""Helpers for tests that run the site in real server processes (tests/production/)."""
