"""The regions gazetteer, where the store and its callers have always imported it from.

The gazetteer itself is pure reference data and functions (no database), so it lives in
``plantrack.domain.regions`` where ``ingest`` may use it too (ingest depends on domain only): a
plan's title is read down to the county/district by checking the names it finds against it.
"""

from ..domain.regions import *  # noqa: F401,F403
from ..domain.regions import __all__  # noqa: F401
