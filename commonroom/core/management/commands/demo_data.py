import sys

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from commonroom.core.demo import DEFAULT_SEED, DemoContext, already_loaded, run_demo


class Command(BaseCommand):
    help = (
        "Load believable demo data: UK councils, members, communities and every "
        "later feature's content. Deterministic, and safe to run more than once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--members", type=int, default=400, help="How many demo members to make."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already has communities.",
        )
        parser.add_argument("--quiet", action="store_true", help="No progress bars.")

    def handle(
        self, *args, seed: int, members: int, if_empty: bool, quiet: bool, **options
    ):
        if if_empty and already_loaded():
            self.stdout.write("The database already has data: no demo data loaded.")
            return
        # tqdm redraws its bar with carriage returns, which Django's OutputWrapper
        # would break with a newline each time: give it the real stream.
        ctx = DemoContext(seed=seed, members=members, stderr=sys.stderr, quiet=quiet)
        with transaction.atomic():
            steps = run_demo(ctx)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded ({', '.join(steps)})."))
