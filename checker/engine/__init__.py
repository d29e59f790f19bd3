"""Running a check on a cluster: shards of units (or file pairs) on Dask workers, one report.

    client: read -> shards --> workers: embed, score links, per-unit checks, learn --+
            +----------------------------------------------------------------------+
            +-> combine --> shards --> workers: cross-unit findings --> merge -> Report

- ``base``: the ``Engine`` interface (``map`` tasks, ``call`` one), ``Serial`` (in this process)
  and ``open_engine`` (``local``, ``dask``);
- ``dask``: ``DaskEngine``, a ``distributed`` client on an existing scheduler or on a local
  cluster of worker processes; a worker that dies has its task re-run, and a task that keeps
  killing workers stops the run with ``EngineError`` (exit 2), never a partial report;
- ``tasks``: what runs on a worker: each worker process loads its encoder once (``encoder_for``);
- ``shards``: a bilingual file's units cut into shards, and the shards' results put back in
  the file's numbering;
- ``run``: ``compare`` and ``pair_reports``, whose findings, fingerprints and reports are those
  of the single-process pipeline, bit for bit, in content and order.

Checks that say ``per_unit`` run on the shards in the first pass (map). A check that compares
across units (document medians, word counts, term renderings) splits its work into
``Check.learn`` (map, in the first pass), ``combine`` (reduce, in the client), ``findings`` (map,
in a second pass over the shards, knowing the whole file) and ``merge`` (reduce): its findings are
those of the whole file. The client keeps the documents, the scored links and the findings (a
report holds them all), never a check's working data over the whole file. A check not split
that way would run once in the client over the gathered units, calling the workers' encoders for
the texts it embeds (a batch a task).
Nothing here prints, and ``distributed`` is imported only when the Dask engine is opened.
"""

from checker.engine.base import ENGINES, Engine, EngineError, ModelSpec, Serial, open_engine
from checker.engine.run import compare, pair_reports

__all__ = ["ENGINES", "Engine", "EngineError", "ModelSpec", "Serial", "compare", "open_engine", "pair_reports"]
