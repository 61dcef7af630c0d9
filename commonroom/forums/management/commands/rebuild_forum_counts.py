from django.core.management.base import BaseCommand

from commonroom.forums.services.counters import rebuild_all


class Command(BaseCommand):
    help = (
        "Recompute every forum counter (replies, views, helpful marks, latest "
        "activity, community post counts) from the rows they count."
    )

    def handle(self, *args, **options):
        def progress(message: str) -> None:
            if options["verbosity"]:
                self.stdout.write(message)

        rebuild_all(progress=progress)
        progress(self.style.SUCCESS("Forum counters rebuilt."))
