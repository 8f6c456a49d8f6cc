"""Source articles and what the text steps found in them (app label `intake`): import, clean, tag, the workbench."""
