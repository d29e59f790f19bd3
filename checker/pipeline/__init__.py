"""The run: documents -> embeddings -> alignments -> checks -> a ``Report``.

``run`` is what ``transcheck compare`` runs and what the gate calls once per pair; ``workers``
runs checks in a forked child meanwhile. Nothing here prints.
"""
