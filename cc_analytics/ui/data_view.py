"""The sections of the Data page: files and row accounting, match rates, rejection reasons, rejected rows, upload.

Numbers come from :mod:`cc_analytics.quality.queries` through :func:`cc_analytics.ui.loaders.cached_query` (cached
until the marts file changes, so an import refreshes them by itself) and are turned into text by
:mod:`cc_analytics.quality.display`; wording lives in :mod:`cc_analytics.quality.texts`. URL keys:
``sumber`` (source filter) and ``berkas`` (file whose rejected rows are shown).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from cc_analytics.config import Settings
from cc_analytics.errors import CCError
from cc_analytics.formatting import format_number, format_percent, format_periode
from cc_analytics.privacy import SHOWN
from cc_analytics.quality import display, queries, upload
from cc_analytics.quality import texts as tx
from cc_analytics.store.provenance import SourceNote, source_dates, source_line
from cc_analytics.texts import SUPPRESSION_NOTE
from cc_analytics.ui import errors, loaders, url_state

SUMBER_KEY = "sumber"
BERKAS_KEY = "berkas"
ALL = "semua"
REJECTED_ROWS_SHOWN = 500
_LAST_IMPORT = "data_impor_terakhir"
_UPLOADER_VERSION = "data_unggah_versi"


_FILE_NUMBER_COLUMNS = [
    tx.FILE_COLUMNS[c] for c in ("baris_dibaca", "baris_diterima", "baris_ditolak", "rasio_ditolak")
]


def _table_height(rows: int, max_rows: int) -> int:
    """Pixel height of a table showing ``rows`` rows (at most ``max_rows``, then it scrolls) and its header."""
    return (min(rows, max_rows) + 1) * 35 + 3


def _right_aligned(columns: list[str]) -> dict[str, Any]:
    return {c: st.column_config.TextColumn(alignment="right") for c in columns}


def _is_synthetic(meta: dict[str, str]) -> bool:
    return meta.get("dataset_kind") == "demo"


def header(meta: dict[str, str]) -> None:
    """Title and when the marts were built."""
    st.title(tx.TITLE)
    st.caption(tx.SUBTITLE.format(built_at=display.format_built_at(meta.get("built_at", ""))))


def sumber_filter(settings: Settings) -> str | None:
    """The source filter, bound to ``?sumber=`` (``semua`` = no filter, the default); returns the key or None."""
    sources = loaders.cached_query(settings, queries.list_sources)
    options = [ALL, *sources]
    labels = {ALL: tx.SUMBER_ALL, **tx.SUMBER_LABELS}
    chosen = url_state.select(
        tx.SUMBER_LABEL, SUMBER_KEY, options, default=ALL, format_func=lambda s: labels.get(s, s), widget="segmented"
    )
    return None if chosen == ALL else str(chosen)


def toolbar(settings: Settings) -> str | None:
    """The source filter with the "Salin tautan" control beside it; returns the chosen source or None."""
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    with left:
        sumber = sumber_filter(settings)
    with right:
        url_state.share_link()
    return sumber


def load_files(settings: Settings, sumber: str | None) -> pd.DataFrame:
    """:func:`cc_analytics.quality.queries.file_table`, cached."""
    return loaders.cached_query(settings, queries.file_table, sumber)


def _accounting_metrics(totals: queries.Accounting) -> None:
    rejected_share = (
        tx.METRIC_REJECTED_SHARE.format(share=format_percent(totals.rasio_ditolak, 2))
        if totals.rasio_ditolak is not None
        else None
    )
    cards = (
        (tx.METRIC_FILES, format_number(totals.jumlah_berkas), None, None),
        (tx.METRIC_READ, format_number(totals.baris_dibaca), None, None),
        (tx.METRIC_ACCEPTED, format_number(totals.baris_diterima), None, None),
        (tx.METRIC_REJECTED, format_number(totals.baris_ditolak), rejected_share, tx.METRIC_REJECTED_HELP),
    )
    for column, (label, value, delta, help_text) in zip(st.columns(4), cards, strict=True):
        with column, st.container(border=True):
            st.metric(label, value, delta=delta, delta_color="off", delta_arrow="off", help=help_text)
    if totals.seimbang:
        st.success(
            tx.BALANCED.format(
                files=format_number(totals.jumlah_berkas),
                read=format_number(totals.baris_dibaca),
                accepted=format_number(totals.baris_diterima),
                rejected=format_number(totals.baris_ditolak),
            ),
            icon=":material/check_circle:",
        )
    else:
        st.error(tx.UNBALANCED.format(files=", ".join(totals.berkas_tidak_seimbang)), icon=":material/error:")


def _technical_details(text: str, table: pd.DataFrame | None = None) -> None:
    """Detail for analysts (settings, commands, fingerprints) in a closed "Detail teknis" expander."""
    with st.expander(tx.TECHNICAL_HEADING, icon=":material/build:"):
        st.markdown(text)
        if table is not None:
            st.dataframe(table, hide_index=True, width="stretch")


def files_section(files: pd.DataFrame, meta: dict[str, str]) -> None:
    """Accounting totals, then each source with its files, periods, as-of dates and row accounting; the reader's
    notes and file fingerprints under "Detail teknis"."""
    st.header(tx.FILES_HEADING)
    st.caption(tx.FILES_CAPTION)
    if files.empty:
        st.info(tx.NO_FILES)
        return
    _accounting_metrics(queries.accounting(files))
    for sumber, part in display.split_by_source(files).items():
        st.subheader(tx.SUMBER_TITLES.get(sumber, sumber))
        st.caption(display.source_summary(part))
        st.dataframe(
            display.files_for_display(part),
            hide_index=True,
            width="stretch",
            height=_table_height(len(part), max_rows=24),
            column_config=_right_aligned(_FILE_NUMBER_COLUMNS),
        )
    st.caption(display.log_source_line(meta.get("built_at", ""), is_synthetic=_is_synthetic(meta)))
    _technical_details(tx.FILE_DETAIL_CAPTION, display.file_details_for_display(files))


def _match_note(settings: Settings, periode: str, meta: dict[str, str]) -> SourceNote:
    dates = loaders.cached_query(settings, source_dates, periode)
    parts = tuple((key, dates.get(key)) for key in ("dukcapil", "dtsen", "pkh") if key in dates)
    return SourceNote(parts=parts, is_synthetic=_is_synthetic(meta))


def match_section(settings: Settings, periode: str, sumber: str | None, meta: dict[str, str]) -> None:
    """Regency match rate per pair, then the table per kecamatan (small counts suppressed)."""
    st.header(tx.MATCH_HEADING)
    st.caption(tx.MATCH_CAPTION.format(periode=format_periode(periode)))
    pairs = list(queries.PAIRS) if sumber is None else list(queries.PAIRS_OF_SOURCE.get(sumber, ()))
    if not pairs:
        st.info(tx.MATCH_NOT_LINKED)
        return
    rates = loaders.cached_query(settings, queries.match_rates, periode, min_cell=settings.min_cell)
    metrics = display.pair_metrics(rates, pairs)
    if not metrics:
        st.info(tx.MATCH_NONE.format(periode=format_periode(periode)))
        return
    for column, metric in zip(st.columns(len(metrics)), metrics, strict=True):
        with column, st.container(border=True):
            st.metric(metric.label, metric.rate, help=metric.help)
            st.caption(metric.detail)
    table = display.match_table_for_display(rates, pairs)
    numbers = [c for c in table.columns if c != tx.MATCH_COLUMNS["nama_kecamatan"]]
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=_table_height(len(table), 30),
        column_config=_right_aligned(numbers),
    )
    if (rates.per_kecamatan[["status_jumlah", "status_cocok", "status_tidak_cocok"]] != SHOWN).any(axis=None):
        st.caption(SUPPRESSION_NOTE.format(min_cell=settings.min_cell) + " " + tx.MATCH_RATE_NOTE)
    st.caption(source_line(_match_note(settings, periode, meta)))


def _reasons_table(table: pd.DataFrame) -> None:
    config: dict[str, Any] = {tx.REASON_COLUMNS["alasan"]: st.column_config.TextColumn(width="large")}
    config.update(_right_aligned([tx.REASON_COLUMNS["jumlah_baris"], tx.REASON_COLUMNS["jumlah_berkas"]]))
    st.dataframe(table, hide_index=True, width="stretch", column_config=config)


def reasons_section(settings: Settings, sumber: str | None, meta: dict[str, str]) -> None:
    """Rejected lines grouped by source, column and reason."""
    st.header(tx.REASONS_HEADING)
    reasons = loaders.cached_query(settings, queries.rejection_reasons, sumber)
    if reasons.empty:
        st.info(tx.REASONS_NONE)
        return
    st.caption(tx.REASONS_CAPTION)
    _reasons_table(display.reasons_for_display(reasons))
    st.caption(display.log_source_line(meta.get("built_at", ""), is_synthetic=_is_synthetic(meta)))


def rejected_section(settings: Settings, files: pd.DataFrame, meta: dict[str, str]) -> None:
    """One file's rejection reasons; its masked rejected rows and their download when row-level use is allowed."""
    st.header(tx.REJECTED_HEADING)
    names = queries.rejected_files(files)
    if not names:
        st.info(tx.REJECTED_NONE)
        return
    default = queries.newest_rejected_file(files) or names[0]
    chosen = str(url_state.select(tx.BERKAS_LABEL, BERKAS_KEY, names, default=default))
    account = files[files["file_name"] == chosen].iloc[0]
    st.markdown(
        tx.REJECTED_SUMMARY.format(
            file=f"**{chosen}**",
            rejected=format_number(int(account["baris_ditolak"])),
            read=format_number(int(account["baris_dibaca"])),
        )
    )
    reasons = loaders.cached_query(settings, queries.rejection_reasons, None, chosen)
    _reasons_table(display.reasons_for_display(reasons))
    st.caption(display.log_source_line(meta.get("built_at", ""), is_synthetic=_is_synthetic(meta)))
    if not settings.allow_row_level:
        st.info(tx.REJECTED_LOCKED, icon=":material/lock:")
        _technical_details(tx.REJECTED_LOCKED_TECHNICAL)
        return
    rows = loaders.cached_query(settings, queries.rejected_rows, chosen)
    st.warning(tx.REJECTED_CONFIDENTIAL, icon=":material/lock:")
    st.caption(tx.REJECTED_CAPTION)
    st.dataframe(display.rejected_rows_for_display(rows, REJECTED_ROWS_SHOWN), hide_index=True, width="stretch")
    if len(rows) > REJECTED_ROWS_SHOWN:
        st.caption(tx.REJECTED_SHOWN.format(shown=REJECTED_ROWS_SHOWN, total=format_number(len(rows))))
    st.download_button(
        tx.REJECTED_DOWNLOAD,
        display.rejected_rows_csv(rows),
        file_name=f"ditolak_{chosen.rsplit('.', 1)[0]}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )


def _show_last_import() -> None:
    lines = st.session_state.pop(_LAST_IMPORT, None)
    if lines:
        st.success("\n".join([tx.IMPORT_SUCCESS, *(f"- {line}" for line in lines)]), icon=":material/check_circle:")


def _show_checks(uploads: list[upload.Upload], settings: Settings) -> None:
    try:
        checks = upload.check_uploads(uploads, settings)
    except CCError as exc:
        errors.show_error(exc)
        return
    for check in checks:
        with st.container(border=True):
            st.markdown(display.check_line(check))
            if check.baris_ditolak:
                st.dataframe(display.check_reasons(check), hide_index=True, width="stretch")
            else:
                st.caption(tx.CHECK_CLEAN)


def _run_import(uploads: list[upload.Upload], settings: Settings) -> None:
    with st.status(tx.IMPORT_RUNNING, expanded=True) as status:
        bar = st.progress(0.0, text=tx.IMPORT_START)

        def report(fraction: float, message: str) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=message)

        try:
            accounts = upload.import_uploads(uploads, settings, progress=report)
        except CCError as exc:
            status.update(label=tx.IMPORT_FAILED, state="error")
            errors.show_error(exc)
            return
        status.update(label=tx.IMPORT_DONE, state="complete", expanded=False)
    st.session_state[_LAST_IMPORT] = display.import_lines(accounts)
    st.session_state[_UPLOADER_VERSION] = st.session_state.get(_UPLOADER_VERSION, 0) + 1
    st.rerun()


def upload_section(settings: Settings, meta: dict[str, str]) -> None:
    """The upload control: disabled with an explanation unless ``CC_ALLOW_UPLOAD=1``."""
    st.header(tx.UPLOAD_HEADING)
    if not upload.uploads_allowed():
        st.file_uploader(tx.UPLOAD_LABEL, disabled=True, key="data_unggah_nonaktif", help=tx.UPLOAD_HELP)
        st.info(tx.UPLOAD_DISABLED, icon=":material/block:")
        _technical_details(tx.UPLOAD_DISABLED_TECHNICAL)
        return
    _show_last_import()
    st.caption(tx.UPLOAD_EXPLAIN)
    if _is_synthetic(meta):
        st.caption(tx.UPLOAD_DEMO_NOTE)
    files = st.file_uploader(
        tx.UPLOAD_LABEL,
        type=list(upload.UPLOAD_TYPES),
        accept_multiple_files=True,
        key=f"data_unggah_{st.session_state.get(_UPLOADER_VERSION, 0)}",
        help=tx.UPLOAD_HELP,
    )
    if not files:
        return
    uploads = [upload.Upload(f.name, f) for f in files]
    check_column, import_column = st.columns(2)
    checked = check_column.button(tx.CHECK_BUTTON, icon=":material/fact_check:", width="stretch")
    imported = import_column.button(tx.IMPORT_BUTTON, type="primary", icon=":material/upload:", width="stretch")
    if checked:
        _show_checks(uploads, settings)
    if imported:
        _run_import(uploads, settings)
