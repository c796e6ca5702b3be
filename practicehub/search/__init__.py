"""Full-text search and the facets of published practices.

Reads: ``selectors`` (``search_practices``, ``snippets``, ``index_state_token``) and ``listing``
(``practice_search``: the practices of a selection, with counts). Writes: ``services``
(``index_practices``, ``index_remove``, ``rebuild_index``).
"""
