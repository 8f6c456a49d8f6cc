"""The text pipeline: plain functions over strings. Nothing here imports Django."""
