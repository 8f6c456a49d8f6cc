"""The entity knowledge base (app label `kb`): Entity, CSV loading, merging, and the shared optimistic lock."""
