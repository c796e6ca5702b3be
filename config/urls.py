from django.contrib import admin
from django.urls import include, path

from practicehub.accounts.admin_sign_in import admin_sign_in
from practicehub.core.health import healthz

# One way to sign in, with one lock-out: the admin's sign-in goes through the site's (allauth's).
admin.site.login = admin_sign_in(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("practicehub.accounts.urls")),
    path("submit/", include("practicehub.submissions.urls")),
    path("review/", include("practicehub.review.urls")),
    path("api/v1/", include("practicehub.api.urls")),
    path("", include("practicehub.opendata.urls")),
    path("", include("practicehub.transfer.urls")),
    path("", include("practicehub.discovery.urls")),
]

handler404 = "practicehub.core.views.page_not_found"
handler500 = "practicehub.core.views.server_error"
