"""``manage.py rebuild_search_index``: index everything again, from scratch."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from commonroom.search.indexing import rebuild_in_batches, total_to_index


class Command(BaseCommand):
    help = "Empty the search index and index every post, person and community again."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, quiet: bool = False, **options):
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
