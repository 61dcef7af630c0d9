from django.db import migrations

# A copy, not an import: a migration must not change when the module does.
SERVICE_AREAS = [
    ("adult-social-care", "Adult social care"),
    ("childrens-services", "Children's services"),
    ("education", "Education and skills"),
    ("public-health", "Public health"),
    ("housing", "Housing and homelessness"),
    ("planning", "Planning and building control"),
    ("highways-transport", "Highways and transport"),
    ("waste-environment", "Waste and street scene"),
    ("climate", "Climate and sustainability"),
    ("economic-development", "Economic development and regeneration"),
    ("culture-libraries", "Libraries, culture and leisure"),
    ("community-safety", "Community safety"),
    ("regulatory-services", "Trading standards and environmental health"),
    ("emergency-planning", "Emergency planning and resilience"),
    ("revenues-benefits", "Revenues and benefits"),
    ("finance", "Finance"),
    ("procurement", "Procurement and commissioning"),
    ("hr-workforce", "HR and workforce"),
    ("legal-governance", "Legal and governance"),
    ("democratic-services", "Democratic services and councillors"),
    ("performance", "Performance and improvement"),
    ("digital", "Digital and technology"),
    ("data-insight", "Data and insight"),
    ("communications", "Communications and engagement"),
    ("customer-services", "Customer services"),
    ("equalities", "Equality, diversity and inclusion"),
]


def create_service_areas(apps, schema_editor):
    ServiceArea = apps.get_model("core", "ServiceArea")
    for slug, name in SERVICE_AREAS:
        ServiceArea.objects.update_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(create_service_areas, migrations.RunPython.noop),
    ]
