"""Speed benchmark of the practice list (facets and search) and the practice page: `python -m bench.run`."""
