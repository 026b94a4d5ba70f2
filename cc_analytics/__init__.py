"""Analytics library of the Kabupaten Pasuruan Command Center ("One Single Data").

The library is free of Streamlit; ``cc_analytics.ui`` is the only bridge to it.
"""

__version__ = "0.1.0"
