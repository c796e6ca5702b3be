from django.urls import path, register_converter

from . import views


class Iso3Converter:
    regex = "[A-Za-z]{3}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value.upper()


register_converter(Iso3Converter, "iso3")

app_name = "catalogue"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("practices/", views.practice_list, name="practice_list"),
    path("practices/values/<slug:param>/", views.practice_facet_values, name="practice_facet_values"),
    path("practices/<slug:slug>/", views.practice_detail, name="practice_detail"),
    path("objectives/", views.objective_index, name="objective_index"),
    path("objectives/<int:number>/", views.objective_browse, name="objective_browse"),
    path("principles/", views.principle_index, name="principle_index"),
    path("principles/<slug:key>/", views.principle_browse, name="principle_browse"),
    path("sdgs/", views.sdg_index, name="sdg_index"),
    path("sdgs/<int:number>/", views.sdg_browse, name="sdg_browse"),
    path("regions/", views.region_index, name="region_index"),
    path("regions/<slug:key>/", views.region_browse, name="region_browse"),
    path("countries/", views.country_index, name="country_index"),
    path("countries/<iso3:iso3>/", views.country_browse, name="country_browse"),
]
