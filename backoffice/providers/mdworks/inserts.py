"""Chunked, concurrent ``list_insert`` (spec: "Le nombre de ligne est limité à 255").

Rows are read lazily from any iterable into chunks of at most 255; a small thread
pool sends them with a bounded number of chunks held at once (read ahead + in
flight), so a million rows go through in constant memory. Reports come back in
the order of the rows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from ..errors import AuthenticationError, NotFoundError, ProviderError, TransientError
from .checks import MAX_ROWS_PER_INSERT, is_email
from .models import ChunkOutcome, ChunkReport, InsertReport, RowRejection

# A run stops after this many chunks in a row failed for a network or server
# reason: the provider is down, and reading on would only pile up failures.
MAX_CONSECUTIVE_TRANSIENT = 5


@dataclass
class Chunk:
    number: int
    first_row: int
    row_count: int = 0
    rows: list[dict[str, str]] = field(default_factory=list)
    rejected: list[RowRejection] = field(default_factory=list)


def _row(row: object, email_field: str | None) -> dict[str, str] | str:
    """The row as MDWorks wants it (text values), or why it is refused."""
    if not isinstance(row, Mapping):
        return "not a mapping of field names to values"
    clean = {str(key): "" if value is None else str(value) for key, value in row.items()}
    if email_field is not None and not is_email(clean.get(email_field, "")):
        return f"invalid email address {clean.get(email_field, '')!r}"
    return clean


def chunks(rows: Iterable[object], email_field: str | None, size: int = MAX_ROWS_PER_INSERT) -> Iterator[Chunk]:
    chunk = Chunk(number=1, first_row=0)
    for position, row in enumerate(rows):
        if len(chunk.rows) == size:
            yield chunk
            chunk = Chunk(number=chunk.number + 1, first_row=position)
        chunk.row_count += 1
        clean = _row(row, email_field)
        if isinstance(clean, str):
            chunk.rejected.append(RowRejection(position, email_field or "row", clean))
        else:
            chunk.rows.append(clean)
    if chunk.row_count:
        yield chunk


def _finished(future: Future | None) -> bool:
    return future is None or future.done()


def _settle(chunk: Chunk, future: Future | None) -> ChunkReport:
    def report(outcome: ChunkOutcome, error: ProviderError | None = None) -> ChunkReport:
        return ChunkReport(
            chunk.number, chunk.first_row, chunk.row_count, len(chunk.rows), outcome, error, tuple(chunk.rejected)
        )

    if future is None:
        return report(ChunkOutcome.NOTHING_TO_SEND)
    try:
        future.result()
    except TransientError as error:
        return report(ChunkOutcome.UNCERTAIN if error.may_have_been_applied else ChunkOutcome.NOT_SENT, error)
    except ProviderError as error:
        return report(ChunkOutcome.REFUSED, error)
    return report(ChunkOutcome.INSERTED)


def insert_concurrently(
    send: Callable[[list[dict[str, str]]], None],
    rows: Iterable[object],
    *,
    email_field: str | None,
    concurrency: int,
    on_chunk: Callable[[ChunkReport], None] | None = None,
) -> InsertReport:
    """Send every chunk through ``send`` (which raises a ProviderError on failure)
    with at most ``concurrency`` calls at once and twice that many chunks held."""
    report = InsertReport()
    transient_in_a_row = 0
    pending: deque[tuple[Chunk, Future | None]] = deque()

    def settle_oldest() -> None:
        nonlocal transient_in_a_row
        chunk_report = _settle(*pending.popleft())
        report.add(chunk_report)
        if on_chunk is not None:
            on_chunk(chunk_report)
        error = chunk_report.error
        transient_in_a_row = transient_in_a_row + 1 if isinstance(error, TransientError) else 0
        if report.stopped_by is None and (
            isinstance(error, AuthenticationError | NotFoundError) or transient_in_a_row >= MAX_CONSECUTIVE_TRANSIENT
        ):
            report.stopped_by = error

    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="mdworks-insert") as pool:
        for chunk in chunks(rows, email_field):
            pending.append((chunk, pool.submit(send, chunk.rows) if chunk.rows else None))
            while len(pending) >= 2 * concurrency or (pending and _finished(pending[0][1])):
                settle_oldest()
            if report.stopped_by is not None:
                break
        while pending:
            settle_oldest()
    return report
