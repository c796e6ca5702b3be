"""Pages of the submission form: editing (new practice, draft, revision), other pages, and files."""
