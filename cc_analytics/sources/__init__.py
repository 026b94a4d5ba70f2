"""One adapter per raw source: how its text columns are parsed and checked.

The declared columns themselves are in :mod:`cc_analytics.schema`; each adapter here holds the
validation :class:`~cc_analytics.sources.common.Rule` of its source.
"""

from cc_analytics.sources import dtsen, dukcapil, penduduk, pkh
from cc_analytics.sources.common import Check, Rule

RULES: dict[str, Rule] = {
    "dukcapil": dukcapil.RULE,
    "dtsen": dtsen.RULE,
    "pkh": pkh.RULE,
    "penduduk": penduduk.RULE,
}

__all__ = ["RULES", "Check", "Rule"]
