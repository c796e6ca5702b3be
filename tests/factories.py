"""factory_boy factories shared by every test package."""

import factory
from django.utils import timezone

from practicehub.catalogue.models import (
    ADDRESSED_STATUSES,
    Country,
    Objective,
    Organization,
    OrganizationRole,
    Practice,
    PracticeOrganization,
    PracticeStatus,
    PracticeType,
    ScopeLevel,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.User"
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("pw-123456-test")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")


class PracticeFactory(factory.django.DjangoModelFactory):
    """A published practice with one primary objective and a main implementer, unless told otherwise."""

    class Meta:
        model = Practice
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Practice number {n}")
    status = PracticeStatus.PUBLISHED
    # As the services do: an address only once published (archived practices keep theirs).
    slug = factory.LazyAttributeSequence(
        lambda o, n: f"practice-number-{n}" if o.status in ADDRESSED_STATUSES else None
    )
    published_at = factory.LazyFunction(timezone.now)
    summary = "A practice that helps migrants."
    start_year = 2020
    is_ongoing = True
    practice_type = factory.LazyFunction(lambda: PracticeType.objects.order_by("position").first())
    scope_level = factory.LazyFunction(lambda: ScopeLevel.objects.get(key="national"))

    @factory.post_generation
    def objectives(self, create: bool, extracted: list[int] | None, **kwargs: object) -> None:
        if create:
            self.primary_objectives.set(Objective.objects.filter(number__in=extracted or [1]))

    @factory.post_generation
    def country_codes(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create and extracted:
            self.countries.set(Country.objects.filter(iso3__in=extracted))

    @factory.post_generation
    def main_implementer(self, create: bool, extracted: Organization | None, **kwargs: object) -> None:
        if create:
            PracticeOrganization.objects.create(
                practice=self, organization=extracted or OrganizationFactory(), role=OrganizationRole.MAIN
            )
