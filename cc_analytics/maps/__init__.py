"""Maps of the regency: boundary import, choropleth model, pydeck and PNG rendering, schematic fallback.

A page needs only these names::

    boundaries = load_map_boundaries()            # imported polygons, or schematic tiles per level
    model = build_map_model(values, boundaries, level="desa", kode_kecamatan=kode, title="Penduduk (jiwa)")
    deck = build_deck(model)                      # st.pydeck_chart(deck, on_select="rerun", ...)
    kode = selected_kode(event)                   # the clicked wilayah, or None
    legend_html(model.legend); model.caption      # legend block and caption under the map
    render_png(model)                             # PNG bytes for a briefing
    build_locator_deck(boundaries, kode_kecamatan)

The package never imports streamlit and never queries the marts: values come in as a DataFrame.
"""

from cc_analytics.maps.boundaries import (
    MapBoundaries,
    boundaries_signature,
    boundaries_source,
    load_map_boundaries,
    schematic_boundaries,
)
from cc_analytics.maps.deck import (
    AREA_LAYER_ID,
    LABEL_LAYER_ID,
    OUTLINE_LAYER_ID,
    build_deck,
    build_locator_deck,
    deck_payload_bytes,
    selected_kode,
)
from cc_analytics.maps.errors import BoundaryError
from cc_analytics.maps.model import MapModel, build_map_model
from cc_analytics.maps.palette import Legend, LegendEntry, legend_html
from cc_analytics.maps.static import build_static_chart, render_png
from cc_analytics.maps.store import import_boundaries
from cc_analytics.maps.validation import ImportOptions, ImportReport, Level, prepare_boundaries

__all__ = [
    "AREA_LAYER_ID",
    "LABEL_LAYER_ID",
    "OUTLINE_LAYER_ID",
    "BoundaryError",
    "ImportOptions",
    "ImportReport",
    "Legend",
    "LegendEntry",
    "Level",
    "MapBoundaries",
    "MapModel",
    "boundaries_signature",
    "boundaries_source",
    "build_deck",
    "build_locator_deck",
    "build_map_model",
    "build_static_chart",
    "deck_payload_bytes",
    "import_boundaries",
    "legend_html",
    "load_map_boundaries",
    "prepare_boundaries",
    "render_png",
    "schematic_boundaries",
    "selected_kode",
]
