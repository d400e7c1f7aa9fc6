"""Where a study's chunks run: this process, or Dask workers, behind one interface.

An executor takes the chunks of designs and a function that writes each
finished chunk's rows; a new back end is a new class with :meth:`run`.
"""

from __future__ import annotations

import gc
import socket
from urllib.parse import urlsplit

from ..errors import CellDefinitionError
from ..simulation import available_cores
from .evaluation import evaluate_chunk

SCHEDULER_TIMEOUT = 5.0  # seconds; Dask's own connect timeout is 30 s


def check_scheduler(address, timeout=SCHEDULER_TIMEOUT, field="scheduler"):
    """Refuse a Dask scheduler address that does not answer a TCP connection within
    ``timeout`` seconds, before anything is run (Dask itself waits 30 s and then raises
    a bare OSError). ``field`` names the setting in the message (``"--scheduler"`` for
    the command line). Transports other than TCP and TLS (inproc, ucx) are left to Dask.

    Raises
    ------
    CellDefinitionError
        One line naming ``field`` and the address.
    """
    if not isinstance(address, str):
        raise CellDefinitionError(
            f"{field}: {address!r} is not an address; valid: text such as tcp://HOST:PORT"
        )
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls"):
        return
    try:
        host, port = parts.hostname, parts.port
    except ValueError:  # a port that is not a number in [0, 65535]
        host, port = None, None
    if not host or port is None:
        raise CellDefinitionError(f"{field}: {address!r} is not an address; valid: tcp://HOST:PORT")
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CellDefinitionError(
            f"{field}: no Dask scheduler answers at {address!r} ({reason}); start one "
            "(dask scheduler) or give its address as tcp://HOST:PORT"
        ) from None


class LocalExecutor:
    """Every chunk in this process; the designs of a chunk solved in parallel threads.

    PyBaMM's solutions hold reference cycles: they are collected after every chunk
    (cheap once the build's objects are frozen out of the collector's scans), else
    they pile up between the rare full collections and memory grows with the study.
    """

    def __init__(self, threads=None):
        self.threads = threads or available_cores()

    def run(self, base, study, chunks, input_names, write):
        try:
            for i, chunk in enumerate(chunks):
                write(evaluate_chunk(base, study, chunk, input_names, self.threads), len(chunk))
                if i == 0:
                    gc.freeze()
                gc.collect()
        finally:
            gc.unfreeze()


class DaskExecutor:
    """Chunks on Dask workers: a local cluster of ``workers`` processes, a running
    scheduler at ``scheduler``, or an existing ``client``. A bounded window of tasks
    in flight keeps the scheduler's memory flat."""

    def __init__(self, workers=1, scheduler=None, client=None):
        self.workers, self.scheduler, self.client = workers, scheduler, client

    def run(self, base, study, chunks, input_names, write):
        from dask.distributed import Client, LocalCluster, as_completed

        client, cluster = self.client, None
        if client is None:
            if self.scheduler is not None:
                client = Client(self.scheduler)
            else:
                cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
                client = Client(cluster)
        try:
            base_future = client.scatter(base, broadcast=True)
            window = max(2 * len(client.scheduler_info()["workers"]), 2)
            pending = iter(chunks)
            futures = as_completed()

            def submit():
                chunk = next(pending, None)
                if chunk is not None:
                    futures.add(
                        client.submit(
                            evaluate_chunk, base_future, study, chunk, input_names, pure=False
                        )
                    )

            for _ in range(window):
                submit()
            for future in futures:
                rows = future.result()
                write(rows, len({r["Design"] for r in rows}))
                future.release()
                submit()
        finally:
            if self.client is None:
                client.close()
                if cluster is not None:
                    cluster.close()
