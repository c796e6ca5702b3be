from django.urls import path

from .import_admin import practice_import_view

app_name = "transfer"
urlpatterns = [
    # Bulk import of practices from a CSV, Excel or JSON file (editors; the columns of the downloads).
    path("exports/import/", practice_import_view, name="practice_import"),
]
