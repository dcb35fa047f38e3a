"""Tabular files in and out, for every room that imports or exports them.

Reading (:mod:`~talqy.tabular.readers`): CSV/TSV, XLSX, JSON Lines and JSON arrays as a stream
of numbered records, with the encoding detected and every size capped
(:class:`~talqy.tabular.limits.ReadLimits`). Writing (:mod:`~talqy.tabular.csv_writer`): one
formula-safe CSV writer. This room imports nothing of the product but ``errors`` and
``settings``: ``intake`` and ``sessions`` both use it.
"""
