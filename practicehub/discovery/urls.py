from django.urls import path, register_converter

from .views import calls, practices


class Iso3Converter:
    regex = "[A-Za-z]{3}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value.upper()


register_converter(Iso3Converter, "iso3")

app_name = "discovery"
urlpatterns = [
    path("", practices.home, name="home"),
    path("about/", practices.about, name="about"),
    path("practices/", practices.practice_list, name="practice_list"),
    path("practices/values/<slug:param>/", practices.practice_facet_values, name="practice_facet_values"),
    path("practices/<slug:slug>/", practices.practice_detail, name="practice_detail"),
    path("objectives/", practices.objective_index, name="objective_index"),
    path("objectives/<int:number>/", practices.objective_browse, name="objective_browse"),
    path("principles/", practices.principle_index, name="principle_index"),
    path("principles/<slug:key>/", practices.principle_browse, name="principle_browse"),
    path("sdgs/", practices.sdg_index, name="sdg_index"),
    path("sdgs/<int:number>/", practices.sdg_browse, name="sdg_browse"),
    path("regions/", practices.region_index, name="region_index"),
    path("regions/<slug:key>/", practices.region_browse, name="region_browse"),
    path("countries/", practices.country_index, name="country_index"),
    path("countries/<iso3:iso3>/", practices.country_browse, name="country_browse"),
    # Calls for practices (their addresses predate this app).
    path("review/calls/", calls.call_list, name="call_list"),
    path("review/calls/<slug:slug>/", calls.call_detail, name="call_detail"),
]
