"""``manage.py rebuild_search_index``: index everything again, from scratch."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from commonroom.search.indexing import rebuild_in_batches, total_to_index
from commonroom.search.models import SearchEntry


class Command(BaseCommand):
    help = "Empty the search index and index every post, person and community again."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the index already holds anything.",
        )

    def handle(self, *args, quiet: bool = False, if_empty: bool = False, **options):
        if if_empty and SearchEntry.objects.exists():
            self.stdout.write("The search index is not empty: left as it is.")
            return
        # tqdm redraws its bar with carriage returns: give it the real stream.
        with tqdm(
            total=total_to_index(),
            desc="Search index",
            file=sys.stderr,
            disable=quiet,
            unit="",
            dynamic_ncols=True,
        ) as bar:
            indexed = 0
            for count in rebuild_in_batches():
                bar.update(count)
                indexed += count
        self.stdout.write(
            self.style.SUCCESS(f"Search index rebuilt: {indexed} things indexed.")
        )
