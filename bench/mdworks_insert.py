"""Benchmark: insert rows into a sandbox MDWorks list through ``MDWorksClient.insert_rows``.

Runs one chunk at a time (the baseline) and then with concurrency, in the same
run, and prints rows/s and the peak memory of this process. The sandbox runs in
a child process, so the memory figure is the client's alone (the sandbox keeps
its rows) and client and server do not share one interpreter lock.

    .venv/bin/python bench/mdworks_insert.py            # 1,000,000 rows per pass
    .venv/bin/python bench/mdworks_insert.py 100000     # or MDWORKS_BENCH_ROWS=100000
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backoffice.providers.mdworks import ChunkReport, MDWorksClient
from backoffice.providers.mdworks.sandbox import DEMO_API_KEY

CONCURRENCY = 4


def serve(connection) -> None:
    from backoffice.providers.sandbox.server import SandboxServer

    with SandboxServer() as server:
        connection.send(server.url)
        connection.recv()  # until the benchmark is done


def rows(count: int):
    """Generated on the fly: the benchmark itself holds no rows."""
    for number in range(count):
        yield {
            "email": f"contact{number}@example.com",
            "nom": f"Nom {number}",
            "prenom": "Loïc",
            "ville": "Clermont-Ferrand",
        }


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run(client: MDWorksClient, count: int, concurrency: int) -> None:
    list_id = client.create_list(
        name=f"Bench x{concurrency}", fields=["email", "nom", "prenom", "ville"], email_field="email"
    )
    early_peak = 0.0

    def on_chunk(chunk: ChunkReport) -> None:
        nonlocal early_peak
        if chunk.first_row < count // 10:
            early_peak = peak_mib()

    started = time.perf_counter()
    report = client.insert_rows(list_id, rows(count), concurrency=concurrency, on_chunk=on_chunk)
    elapsed = time.perf_counter() - started
    stored = next(item.row_count for item in client.list_lists() if item.id == list_id)
    print(
        f"concurrency {concurrency}: {report.inserted:,} rows in {report.chunks:,} calls, {elapsed:.1f} s, "
        f"{report.inserted / elapsed:,.0f} rows/s; sandbox holds {stored:,}; "
        f"peak memory {early_peak:.0f} MiB after 10% of the rows, {peak_mib():.0f} MiB at the end"
    )
    if not report.complete:
        print(f"  incomplete: {report.failed} failed, {report.uncertain} uncertain, stopped by {report.stopped_by}")


def main() -> None:
    count = int(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("MDWORKS_BENCH_ROWS", "1000000"))
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    sandbox = context.Process(target=serve, args=(theirs,), daemon=True)
    sandbox.start()
    url = ours.recv()
    print(
        f"{count:,} rows per pass, chunks of 255, sandbox at {url} (child process); "
        f"peak memory before: {peak_mib():.0f} MiB"
    )
    try:
        with MDWorksClient(api_key=DEMO_API_KEY, base_url=f"{url}/mdworks") as client:
            run(client, count, 1)
            run(client, count, CONCURRENCY)
    finally:
        ours.send("stop")
        sandbox.join(timeout=10)


if __name__ == "__main__":
    main()
