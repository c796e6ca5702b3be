"""Demo data: the seed practice imported from the shared pages, generated sample practices, and an
editor account for `make run`. The management commands load_demo_data, remove_sample_data and
demo_login call services.py; generator.py makes sample practices without touching the database."""
