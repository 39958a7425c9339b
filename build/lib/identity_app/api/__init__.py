"""REST API of identity reconciliation: the review queue, identity links, validation runs, mirror search."""
