"""Demo data: one command, a step per app, deterministic and safe to re-run.

Each app that has demo content puts a ``demo.py`` beside its models with one or
more functions decorated with ``@demo_step(order=..., name=...)``. The
``demo_data`` command finds them all and runs them in order. A step must be
idempotent (running it twice creates nothing new) and must draw all randomness
from ``ctx.random`` and ``ctx.faker``, which are seeded per step, so that adding a
step never changes what the others make.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from random import Random
from typing import IO, TypeVar

from django.utils.module_loading import autodiscover_modules
from faker import Faker
from tqdm import tqdm

T = TypeVar("T")

DEFAULT_SEED = 2006  # the year the IDeA's Communities of Practice opened


@dataclass
class DemoContext:
    seed: int
    members: int
    stderr: IO[str] | None = None
    quiet: bool = False
    random: Random = field(default_factory=Random)
    faker: Faker = field(default_factory=lambda: Faker("en_GB"))

    def progress(
        self, items: Iterable[T], *, desc: str, total: int | None = None
    ) -> Iterator[T]:
        """A progress bar on stderr while the step works through ``items``."""
        yield from tqdm(
            items,
            desc=f"{desc:<28}",
            total=total,
            file=self.stderr,
            disable=self.quiet,
            unit="",
            leave=True,
            dynamic_ncols=True,
        )

    def seeded_for(self, step_name: str) -> "DemoContext":
        faker = Faker("en_GB")
        faker.seed_instance(f"{self.seed}:{step_name}")
        return DemoContext(
            seed=self.seed,
            members=self.members,
            stderr=self.stderr,
            quiet=self.quiet,
            random=Random(f"{self.seed}:{step_name}"),  # noqa: S311
            faker=faker,
        )


@dataclass(frozen=True)
class DemoStep:
    order: int
    name: str
    function: Callable[[DemoContext], None]


_steps: dict[str, DemoStep] = {}


def demo_step(*, order: int, name: str) -> Callable:
    def register(function: Callable[[DemoContext], None]):
        _steps[name] = DemoStep(order=order, name=name, function=function)
        return function

    return register


_loaded_checks: list[Callable[[], bool]] = []


def demo_loaded_check(check: Callable[[], bool]) -> Callable[[], bool]:
    """Register ``check()``: True when the database already has that app's data
    (``demo_data --if-empty`` then does nothing). Core asks without knowing
    which apps there are."""
    _loaded_checks.append(check)
    return check


def already_loaded() -> bool:
    autodiscover_modules("demo")
    return any(check() for check in _loaded_checks)


def demo_steps() -> list[DemoStep]:
    autodiscover_modules("demo")
    return sorted(_steps.values(), key=lambda step: (step.order, step.name))


def run_demo(ctx: DemoContext) -> list[str]:
    """Run every registered step in order; return their names."""
    done = []
    for step in demo_steps():
        step.function(ctx.seeded_for(step.name))
        done.append(step.name)
    return done
