"""Data: each source's files with their row accounting, match rates between sources, rejections, upload."""

from cc_analytics.config import load_settings
from cc_analytics.ui import data_view, loaders, widgets

settings = load_settings()
meta = loaders.load_meta(settings)

data_view.header(meta)
sumber = data_view.toolbar(settings)
files = data_view.load_files(settings, sumber)

data_view.files_section(files, meta)
data_view.match_section(settings, widgets.selected_periode(), sumber, meta)
data_view.reasons_section(settings, sumber, meta)
data_view.rejected_section(settings, files, meta)
data_view.upload_section(settings, meta)
