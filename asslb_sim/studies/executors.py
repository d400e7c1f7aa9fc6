"""Where a study's chunks run: this process, or Dask workers, behind one interface.

An executor takes the chunks of designs and a function that writes each
finished chunk's rows; a new back end is a new class with :meth:`run`.
"""

from __future__ import annotations

import gc

from ..simulation import available_cores
from .evaluation import evaluate_chunk


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
