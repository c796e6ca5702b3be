"""Review pages: calls (public), reviewers, editors and submitters."""
