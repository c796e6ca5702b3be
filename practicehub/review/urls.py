from django.urls import path

from .views import editors, reviewers, submitters

app_name = "review"
urlpatterns = [
    path("mine/", reviewers.my_reviews, name="my_reviews"),
    path("assignments/<int:pk>/", reviewers.assignment_detail, name="assignment"),
    path("editor/", editors.dashboard, name="dashboard"),
    path("editor/submissions/<int:pk>/", editors.submission, name="editor_submission"),
    path("editor/submissions/<int:pk>/assign/", editors.assign, name="assign"),
    path("editor/submissions/<int:pk>/decide/", editors.decide, name="decide"),
    path("editor/submissions/<int:pk>/publish/", editors.publish, name="publish"),
    path("editor/submissions/<int:pk>/archive/", editors.archive, name="archive"),
    path("submissions/<int:pk>/", submitters.submission_status, name="submission_status"),
    path("submissions/<int:pk>/submit/", submitters.submit, name="submit"),
]
