"""Demo data: the search index, rebuilt once everything else is in.

The other steps post through the services (which index as they go) and then
set the dates the story needs; rebuilding last gives every row its real date
and an order that follows it.
"""

from commonroom.core.demo import DemoContext, demo_step
from commonroom.search.indexing import BATCH, rebuild_in_batches, total_to_index


@demo_step(order=90, name="search index")
def search_index(ctx: DemoContext) -> None:
    batches = -(-total_to_index() // BATCH)
    for _count in ctx.progress(
        rebuild_in_batches(), desc="Search index", total=batches
    ):
        pass
