from django.core.management.base import BaseCommand

from commonroom.organisations import services


class Command(BaseCommand):
    help = (
        "Create or update the UK councils and public bodies that Commonroom ships "
        "with, and their email domains. Safe to run again after an upgrade."
    )

    def handle(self, *args, **options):
        organisations, domains = services.sync_reference_organisations(
            services.read_reference_organisations()
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{organisations} organisations and {domains} email domains added."
            )
        )
