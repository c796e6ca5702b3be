from django.urls import path

from .views import editing, files, pages

app_name = "submissions"
urlpatterns = [
    path("", editing.new, name="new"),
    path("mine/", pages.mine, name="mine"),
    path("template.docx", files.word_template, name="word_template"),
    path("word/", files.word_upload, name="word_upload"),
    path("<int:pk>/edit/", editing.edit, name="edit"),
    path("<int:pk>/preview/", pages.preview, name="preview"),
    path("<int:pk>/revise/", pages.revise, name="revise"),
    path("<int:pk>/history/", pages.history, name="history"),
    path("revisions/", pages.revision_queue, name="revision_queue"),
    path("revisions/<int:pk>/", pages.revision_detail, name="revision"),
    path("revisions/<int:pk>/edit/", editing.revision_edit, name="revision_edit"),
    path("revisions/<int:pk>/preview/", pages.revision_preview, name="revision_preview"),
    path("revisions/<int:pk>/decide/", pages.revision_decide, name="revision_decide"),
    path("documents/<int:pk>/", files.document, name="document"),
    path("revision-documents/<int:pk>/", files.revision_document, name="revision_document"),
]
