"""Parse a getCDR answer of 500,000 messages and write a 1,000,000-member
import file (``groupMembers``), each phase in a fresh process so its peak memory
is its own.

    .venv/bin/python bench/ecampaign_cdr.py [messages] [members]
    ECAMPAIGN_BENCH_MESSAGES=50000 ECAMPAIGN_BENCH_MEMBERS=100000 .venv/bin/python bench/ecampaign_cdr.py

Phases:
1. stream: ``iter_cdr`` reads the answer from a file, one message at a time
   (the incremental, hardened path); the answer is written beforehand by the
   sandbox's own CDR writer.
2. client: ``ECampaignClient.get_cdr`` end to end over HTTP against the sandbox
   running in the same process (the sandbox's answer, the body and the
   500,000 dataclasses all count in that process's peak).
3. write: ``write_group_members`` writes the members to a file.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DAY = dt.date(2026, 11, 20)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fake_messages(count: int, owner: str = "demo"):
    from backoffice.providers.ecampaign.fake.state import Message
    from backoffice.providers.sandbox.clock import PARIS

    start = dt.datetime.combine(DAY, dt.time(8), tzinfo=PARIS)
    for index in range(count):
        sent = start + dt.timedelta(seconds=index % 36000)
        yield Message(900000 + index, f"{index:016x}", owner, "sms", sent, Decimal(1), "SHOP",
                      code="33", number=f"6{index:08d}", content="Bonjour, -20% ce week-end",
                      status_id=4, status_date=sent + dt.timedelta(seconds=20))  # fmt: skip


def write_answer(path: Path, count: int) -> None:
    from backoffice.providers.ecampaign.fake.tracking import _unit_message

    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0"?>\n<ecampaign><code>0</code><message>OK</message><getCDR>')
        for message in fake_messages(count):
            out.write(_unit_message(message, show_content=True))
        out.write("</getCDR></ecampaign>")


def phase_stream(path: str, queue) -> None:
    from backoffice.providers.ecampaign.tracking import iter_cdr

    baseline = peak_rss_mb()
    start = time.perf_counter()
    with open(path, "rb") as source:
        count = sum(1 for _ in iter_cdr(source, max_bytes=4 * 1024**3))
    queue.put(("stream", count, time.perf_counter() - start, baseline, peak_rss_mb()))


def phase_client(count: int, queue) -> None:
    from backoffice.providers.ecampaign import ECampaignClient
    from backoffice.providers.ecampaign.sandbox import DEMO_PASSWORD, DEMO_USER
    from backoffice.providers.sandbox import SandboxApp, SandboxServer

    with SandboxServer(app=SandboxApp(providers=["ecampaign"])) as server:
        sandbox = server.app.providers["ecampaign"]
        for message in fake_messages(count):
            sandbox.store.messages[message.ref] = message
        baseline = peak_rss_mb()
        with ECampaignClient(user=DEMO_USER, password=DEMO_PASSWORD, base_url=f"{server.url}/ecampaign",
                             timeout=600) as client:  # fmt: skip
            start = time.perf_counter()
            report = client.get_cdr(start_date=DAY, stop_date=DAY, show_content=True)
            elapsed = time.perf_counter() - start
    queue.put(("client", len(report.messages), elapsed, baseline, peak_rss_mb()))


def phase_write(path: str, count: int, queue) -> None:
    from backoffice.providers.ecampaign import Phone, write_group_members

    def rows():
        for index in range(count):
            yield {"mobile": Phone("33", f"6{index:08d}"), "email": f"client{index}@example.fr",
                   "nom": f"Client {index}", "ville": "Paris"}  # fmt: skip

    baseline = peak_rss_mb()
    start = time.perf_counter()
    with open(path, "wb") as out:
        written = write_group_members(rows(), out)
    queue.put(("write", written, time.perf_counter() - start, baseline, peak_rss_mb()))


def run(target, *args):
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    messages = int(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("ECAMPAIGN_BENCH_MESSAGES", 500_000))
    members = int(sys.argv[2] if len(sys.argv) > 2 else os.environ.get("ECAMPAIGN_BENCH_MEMBERS", 1_000_000))
    with tempfile.TemporaryDirectory() as folder:
        answer, members_file = Path(folder) / "cdr.xml", Path(folder) / "members.xml"
        write_answer(answer, messages)
        print(f"getCDR answer: {messages:,} messages, {answer.stat().st_size / 1024**2:,.0f} MB")
        results = [
            run(phase_stream, str(answer)),
            run(phase_client, messages),
            run(phase_write, str(members_file), members),
        ]
        print(f"import file: {members:,} members, {members_file.stat().st_size / 1024**2:,.0f} MB")
    labels = {
        "stream": "iter_cdr (streaming parse)    messages/s",
        "client": "client.get_cdr over HTTP      messages/s",
        "write": "write_group_members           rows/s    ",
    }
    for name, count, elapsed, baseline, peak in results:
        print(f"{labels[name]} {count / elapsed:>12,.0f}  ({count:,} in {elapsed:.1f} s)"
              f"  peak memory {peak:,.0f} MB (process at start {baseline:,.0f} MB)")  # fmt: skip


if __name__ == "__main__":
    main()
