import factory

from commonroom.organisations.models import Organisation, OrganisationDomain


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Borsetshire District Council {n}")
    slug = factory.Sequence(lambda n: f"borsetshire-district-council-{n}")
    kind = Organisation.Kind.DISTRICT
    nation = Organisation.Nation.ENGLAND
    region = Organisation.Region.WEST_MIDLANDS
    website = "https://www.borsetshire.gov.uk"


class OrganisationDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationDomain

    organisation = factory.SubFactory(OrganisationFactory)
    domain = factory.Sequence(lambda n: f"borsetshire{n}.gov.uk")
