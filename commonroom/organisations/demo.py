from commonroom.core.demo import DemoContext, demo_step
from commonroom.organisations import services


@demo_step(order=10, name="organisations")
def load_organisations(ctx: DemoContext) -> None:
    rows = list(services.read_reference_organisations())
    services.sync_reference_organisations(
        ctx.progress(rows, desc="Councils and public bodies", total=len(rows))
    )
