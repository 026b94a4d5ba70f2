"""Entry point for ``python -m cc_analytics``."""

import sys

from cc_analytics.cli import main

sys.exit(main())
