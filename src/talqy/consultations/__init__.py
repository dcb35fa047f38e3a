"""Consultations over time: titles and descriptions in kk/ru/en, the responsible body, and the
dated phases published → open for proposals → closed → decisions → report.

Services: :func:`create_consultation` and :func:`update_consultation` (in
:mod:`talqy.consultations.lifecycle`), :func:`consultation_info` and :func:`ensure_open`.
"""

from __future__ import annotations
