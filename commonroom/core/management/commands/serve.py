import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Run the web server and the job worker together in one terminal. "
        "Ctrl-C stops both."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        manage = [sys.executable, "-m", "django"]
        processes = {
            "web": subprocess.Popen([*manage, "runserver", addrport]),  # noqa: S603
            "worker": subprocess.Popen([*manage, "run_huey", "--quiet"]),  # noqa: S603
        }
        self.stdout.write(
            f"Commonroom is running on http://{addrport}/ with a job worker. "
            "Press Ctrl-C to stop both."
        )
        stopping = False

        def stop(*_):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(p.poll() is None for p in processes.values()):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for name, process in processes.items():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
            self.stdout.write(f"{name} stopped.")
        failed = [n for n, p in processes.items() if p.returncode not in (0, -2, None)]
        if failed and not stopping:
            sys.exit(1)
