"""Choices kept in the page address, so a link reopens exactly the same view.

Every choice that changes what a page shows lives in the query string as a code, not a label:
``/kecamatan?periode=2025-S1&kec=35.14.14&desa=35.14.14.1001``. Use these helpers instead of bare widgets:

- :func:`select` (selectbox, radio or segmented control) and :func:`slider`: a widget whose value is read
  from ``?key=`` and written back to it;
- :func:`wilayah`: the global kecamatan/desa selection in the sidebar (called once, by ``app.py``);
- :func:`request`: set values from a click elsewhere (e.g. a map), applied before the widgets of the next run;
  :func:`switch_page` does the same while opening another page;
- :func:`show_notices`: the Indonesian notices about link values that were ignored;
- :func:`share_link`: the "Salin tautan" control with the full link, including values equal to the defaults.

``app.py`` calls :func:`begin` before any widget and :func:`finish` after the page ran.

How it behaves:

- Opening a link selects its values; an alias also works (``kec=bangil`` or ``kec=351414`` for ``35.14.14``,
  ``periode=Semester I 2025``) and is rewritten to the code. An unknown value falls back to the default (a
  number outside the range to the nearest bound) with a notice saying what was ignored.
- Every value, defaults included, is written to the address at the end of the run (one update), so the address
  bar and "Salin tautan" give the same link. Each change of a choice adds one browser history entry: Back and
  Forward return to the previous view, also across pages. A full link (as "Salin tautan" gives it) opens
  without adding an entry; a partial or alias link is completed once.
- Moving to another page through the menu clears the query string; the sidebar choices made in ``app.py``
  (periode, kecamatan, desa) keep their values and are written again. A page's own choices start from their
  defaults there.

Why not Streamlit's ``bind="query-params"``: a bound widget writes the *label* it shows to the URL
(``?periode=Semester+I+2025``, ``?kec=Bangil``), and a bound value in the URL makes ``st.switch_page`` fail.
Here the widgets are unbound and the code syncs ``st.query_params`` itself: a value in the URL that differs from
the one last written came from outside (a link, Back/Forward, an edit of the address) and wins; otherwise the
widget wins.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from cc_analytics import links, texts

Widget = Literal["selectbox", "radio", "segmented"]

_RUN = "_url_state_run"
_WRITTEN = "_url_state_written"
_PENDING = "_url_state_pending"

KEC_KEY = "kec"
DESA_KEY = "desa"


@dataclass(frozen=True)
class Wilayah:
    """The global wilayah selection.

    Attributes:
        kode_kecamatan: Kemendagri kecamatan code (``35.14.14``), or None for the whole kabupaten.
        kode_desa: Kemendagri desa/kelurahan code (``35.14.14.1001``), or None for the whole kecamatan.
    """

    kode_kecamatan: str | None
    kode_desa: str | None


@dataclass
class _Run:
    """What one script run collected: values in registration order, notices, where to show them."""

    values: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    incoming: dict[str, str] = field(default_factory=dict)
    notice_box: DeltaGenerator | None = None
    share_boxes: list[DeltaGenerator] = field(default_factory=list)


def _run() -> _Run:
    if _RUN not in st.session_state:
        st.session_state[_RUN] = _Run()
    return st.session_state[_RUN]


def _written() -> dict[str, str]:
    if _WRITTEN not in st.session_state:
        st.session_state[_WRITTEN] = {}
    return st.session_state[_WRITTEN]


def begin() -> None:
    """Start a run (``app.py``, before any widget): forget the last run's notices, take pending requests."""
    run = _Run()
    run.incoming = dict(st.session_state.pop(_PENDING, {}))
    st.session_state[_RUN] = run


def _queue(values: Mapping[str, Hashable]) -> None:
    pending = dict(st.session_state.get(_PENDING, {}))
    pending.update({key: links.to_text(value) for key, value in values.items()})
    st.session_state[_PENDING] = pending


def request(**values: Hashable) -> None:
    """Set bound values from a click elsewhere (e.g. a map) and rerun; applied before the widgets are drawn.

    Values are read as if they came from a link (codes or aliases; unknown ones give a notice), e.g.
    ``url_state.request(kec="35.14.14")`` or ``url_state.request(kec=links.SEMUA, desa=links.SEMUA)``. Works from
    the script body and from an ``on_click``/``on_change`` callback.
    """
    _queue(values)
    st.rerun()


def switch_page(page: str | Any, **values: Hashable) -> None:
    """Open another page with some values set (e.g. ``switch_page("pages/kecamatan_page.py", kec=kode)``).

    The values are applied like :func:`request`; the sidebar choices carry over as with the menu.
    """
    _queue(values)
    st.switch_page(page)


def _notice(message: str) -> None:
    run = _run()
    if message in run.notices:
        return
    run.notices.append(message)
    if run.notice_box is not None:
        run.notice_box.warning(message, icon=":material/link_off:")


def notice(message: str) -> None:
    """Tell the user, with the link notices, that a choice was changed for them (shown once per run)."""
    _notice(message)


def show_notices() -> None:
    """Show the notices about link values that were ignored (in this run); later notices join the same spot.

    ``app.py`` calls it once at the top of the main area; a second call in the same run does nothing.
    """
    run = _run()
    if run.notice_box is not None:
        return
    run.notice_box = st.container()
    for message in run.notices:
        run.notice_box.warning(message, icon=":material/link_off:")


def _external(key: str) -> str | None:
    """The value for ``key`` that came from outside this session's widgets: a request, or a URL value that
    differs from the one last written (a link, Back/Forward, an edited address) or that a fresh widget meets."""
    run = _run()
    if key in run.incoming:
        return run.incoming.pop(key)
    raw = st.query_params.get(key)
    if raw is None:
        return None
    if key not in st.session_state or raw != _written().get(key):
        # The address and the state agree from here on, even if this run is interrupted before finish():
        # otherwise the next run would take this value for the widget's own and write the old state back.
        _written()[key] = raw
        return raw
    return None


def _invalid_text(label: str, raw: str, fallback: str) -> str:
    shown = links.shown_value(raw)
    if not shown:
        return texts.URL_INVALID_EMPTY.format(label=label, fallback=fallback)
    return texts.URL_INVALID.format(label=label, value=shown, fallback=fallback)


def _prepare_choice(choice: _Choice) -> None:
    """Put the value the widget must show into ``st.session_state[key]`` before it is drawn."""
    key = choice.key
    raw = _external(key)
    if raw is not None:
        chosen = links.resolve_option(raw, links.option_lookup(choice.options, choice.aliases))
        if chosen is not None:
            st.session_state[key] = chosen
            return
        current = st.session_state.get(key, choice.default)
        fallback = current if current in choice.options else choice.default
        message = choice.invalid(raw, fallback) if choice.invalid is not None else None
        _notice(message or _invalid_text(choice.label, raw, choice.format_func(fallback)))
        st.session_state[key] = fallback
        return
    if st.session_state.get(key) not in choice.options:
        st.session_state[key] = _kept(choice)


def _kept(choice: _Choice) -> Hashable:
    """What a widget without a valid value shows: after it was cleared (a segmented control clicked twice,
    held in state as None) the choice last written to the address, otherwise the default."""
    if choice.key in st.session_state and st.session_state[choice.key] is None:
        last = links.resolve_option(_written().get(choice.key), links.option_lookup(choice.options))
        if last is not None:
            return last
    return choice.default


def _where(container: DeltaGenerator | None) -> Any:
    """The container to draw in: the given one, or the main area (the ``st`` module itself)."""
    return container if container is not None else st


def _register(key: str, value: Hashable) -> None:
    """Record ``value`` for the link; :func:`finish` writes all of a run's values to the address at once."""
    _run().values[key] = links.to_text(value)


def _flush() -> None:
    """Write this run's values to the address bar in one update (one browser history entry, if any changed)."""
    values = _run().values
    changed = {key: text for key, text in values.items() if st.query_params.get(key) != text}
    if changed:
        st.query_params.update(changed)
    _written().update(values)


def _draw(widget: Widget, where: Any, label: str, options: list[Hashable], key: str, **kwargs: Any) -> Hashable:
    if widget == "radio":
        return where.radio(label, options, key=key, horizontal=True, **kwargs)
    if widget == "segmented":
        # required: a click on the selected option keeps it (Streamlit would otherwise clear it)
        return where.segmented_control(label, options, key=key, selection_mode="single", required=True, **kwargs)
    return where.selectbox(label, options, key=key, **kwargs)


def select(
    label: str,
    key: str,
    options: Sequence[Hashable],
    *,
    default: Hashable,
    format_func: Callable[[Any], str] = str,
    aliases: Mapping[str, Hashable] | None = None,
    widget: Widget = "selectbox",
    container: DeltaGenerator | None = None,
    help: str | None = None,
    disabled: bool = False,
    invalid: Callable[[str, Any], str | None] | None = None,
) -> Any:
    """A choice kept in the URL as ``?key=<str(option)>``.

    Args:
        label: Indonesian label shown above the widget.
        key: the URL parameter and session-state key (short, lower case: ``indikator``, ``komponen``).
        options: the valid values, as codes (``str(option)`` is what the URL carries); not empty.
        default: the value when the URL has none or an invalid one; must be one of ``options``.
        format_func: how an option is shown (the URL still carries the code).
        aliases: other texts accepted in a link, case-insensitive (e.g. ``{"bangil": "35.14.14"}``); a link
            using one is rewritten to the code.
        widget: ``selectbox``, ``radio`` (horizontal) or ``segmented``.
        container: where to draw it (e.g. ``st.sidebar``); the main area by default.
        help: tooltip text.
        disabled: draw the widget greyed out (its value still goes into the link).
        invalid: the notice for a URL value that names no option, from that value and the option shown instead;
            None (or no function) gives the general "tidak dikenali" notice.

    Returns:
        The chosen option. A URL value that names no option falls back to ``default`` (or the current value),
        with a notice (see :func:`show_notices`).

    Raises:
        ValueError: when ``options`` is empty or ``default`` is not among them.
    """
    choice = _Choice(label, key, list(options), default, format_func, aliases, invalid)
    return _select(choice, widget=widget, container=container, help=help, disabled=disabled)


@dataclass(frozen=True)
class _Choice:
    label: str
    key: str
    options: list[Hashable]
    default: Hashable
    format_func: Callable[[Any], str] = str
    aliases: Mapping[str, Hashable] | None = None
    invalid: Callable[[str, Hashable], str | None] | None = None


def _select(
    choice: _Choice,
    *,
    widget: Widget = "selectbox",
    container: DeltaGenerator | None = None,
    help: str | None = None,
    disabled: bool = False,
) -> Any:
    if not choice.options or choice.default not in choice.options:
        raise ValueError(f"default {choice.default!r} of '{choice.key}' is not among its options")
    _prepare_choice(choice)
    value = _draw(
        widget,
        _where(container),
        choice.label,
        choice.options,
        choice.key,
        format_func=choice.format_func,
        help=help,
        disabled=disabled,
    )
    chosen = value if value in choice.options else _kept(choice)
    _register(choice.key, chosen)
    return chosen


def slider(
    label: str,
    key: str,
    min_value: int | float,
    max_value: int | float,
    *,
    default: int | float,
    step: int | float = 1,
    container: DeltaGenerator | None = None,
    help: str | None = None,
) -> int | float:
    """A number kept in the URL as ``?key=<number>``.

    Args:
        label: Indonesian label.
        key: the URL parameter and session-state key.
        min_value: lowest value.
        max_value: highest value.
        default: the value when the URL has none or one that is not a number.
        step: slider step; whole numbers when ``min_value``, ``max_value``, ``default`` and ``step`` are ints.
        container: where to draw it; the main area by default.
        help: tooltip text.

    Returns:
        The chosen number. A URL number outside the range is moved to the nearest bound, text that is not a
        number falls back to ``default``; both with a notice.
    """
    integer = all(isinstance(v, int) for v in (min_value, max_value, default, step))
    raw = _external(key)
    if raw is not None:
        choice = links.resolve_number(raw, min_value, max_value, integer=integer)
        value = default if choice.value is None else choice.value
        if choice.value is None:
            _notice(_invalid_text(label, raw, _number(default)))
        elif choice.clamped:
            _notice(
                texts.URL_CLAMPED.format(
                    label=label,
                    value=links.shown_value(raw),
                    minimum=_number(min_value),
                    maximum=_number(max_value),
                    fallback=_number(value),
                )
            )
        st.session_state[key] = value
    elif not isinstance(st.session_state.get(key), int | float):
        st.session_state[key] = default
    chosen = _where(container).slider(label, min_value=min_value, max_value=max_value, step=step, key=key, help=help)
    _register(key, chosen)
    return chosen


def _number(value: float) -> str:
    """A number as written on screen: ``0,5``, ``1.000``."""
    return links.to_text(value).replace(".", ",") if isinstance(value, float) else f"{value:,}".replace(",", ".")


def _desa_outside(kode_kecamatan: str) -> Callable[[str, Hashable], str]:
    def message(raw: str, fallback: Hashable) -> str:
        names = links.wilayah_names()
        if links.kecamatan_of_desa(raw) is not None and kode_kecamatan in names:
            shown = names.get(_dotted_desa(raw), links.shown_value(raw))
            return texts.URL_DESA_OUTSIDE.format(value=shown, kecamatan=names[kode_kecamatan])
        return _invalid_text(texts.DESA_LABEL, raw, _desa_label(fallback))

    return message


def _dotted_desa(raw: str) -> str:
    digits = "".join(ch for ch in raw if ch.isdigit())
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:10]}"


def _wilayah_label(kode: Hashable) -> str:
    if kode == links.SEMUA:
        return texts.KECAMATAN_SEMUA
    return links.wilayah_names().get(str(kode), str(kode))


def _desa_label(kode: Hashable) -> str:
    return texts.DESA_SEMUA if kode == links.SEMUA else _wilayah_label(kode)


def _infer_kecamatan_from_desa() -> None:
    """A link with only ``desa=<code>`` opens that desa's kecamatan."""
    run = _run()
    if KEC_KEY in run.incoming or st.query_params.get(KEC_KEY) is not None:
        return
    raw_desa = run.incoming.get(DESA_KEY, st.query_params.get(DESA_KEY))
    if raw_desa is None or (DESA_KEY in st.session_state and raw_desa == _written().get(DESA_KEY)):
        return
    kode = links.kecamatan_of_desa(raw_desa)
    if kode is not None:
        run.incoming[KEC_KEY] = kode


def wilayah(container: DeltaGenerator | None = None) -> Wilayah:
    """The global kecamatan and desa selection (``?kec=``, ``?desa=``), drawn in the sidebar by ``app.py``.

    ``kec`` accepts the Kemendagri code (``35.14.14``), the code without dots and the name slug (``bangil``);
    ``desa`` accepts the code, the code without dots and the slug of a desa in that kecamatan. ``semua`` (the
    default) means no selection. A desa outside the chosen kecamatan is ignored with a notice; a link with only
    ``desa`` opens that desa's kecamatan.

    Returns:
        The selection; read it on any page with :func:`current_wilayah`.
    """
    where = container if container is not None else st.sidebar
    _infer_kecamatan_from_desa()
    kec = select(
        texts.KECAMATAN_LABEL,
        KEC_KEY,
        links.kecamatan_options(),
        default=links.SEMUA,
        format_func=_wilayah_label,
        aliases=links.kecamatan_aliases(),
        container=where,
        help=texts.KECAMATAN_HELP,
    )
    is_kabupaten = kec == links.SEMUA
    desa_choice = _Choice(
        texts.DESA_LABEL,
        DESA_KEY,
        [links.SEMUA] if is_kabupaten else links.desa_options(kec),
        links.SEMUA,
        format_func=_desa_label,
        aliases=None if is_kabupaten else links.desa_aliases(kec),
        invalid=_desa_outside(kec),
    )
    desa = _select(desa_choice, container=where, help=texts.DESA_HELP, disabled=is_kabupaten)
    return _as_wilayah(kec, desa)


def _as_wilayah(kec: Hashable, desa: Hashable) -> Wilayah:
    return Wilayah(
        kode_kecamatan=None if kec == links.SEMUA else str(kec),
        kode_desa=None if desa == links.SEMUA else str(desa),
    )


def current_wilayah() -> Wilayah:
    """The selection made by :func:`wilayah` earlier in this run (the whole kabupaten before that)."""
    return _as_wilayah(st.session_state.get(KEC_KEY, links.SEMUA), st.session_state.get(DESA_KEY, links.SEMUA))


def link(base: str | None = None) -> str:
    """The full link of this view so far: ``base`` (the page address, from ``st.context.url``) plus every value
    registered in this run, defaults included, in registration order."""
    page = base if base is not None else (st.context.url or "")
    query = links.query_string(_run().values.items())
    return f"{page}?{query}" if query else page


def _render_share(box: DeltaGenerator) -> None:
    with box.container(), st.popover(texts.SHARE_LABEL, icon=":material/link:", width="stretch"):
        st.caption(texts.SHARE_HELP)
        st.code(link(), language=None, wrap_lines=True)


def share_link() -> str:
    """The "Salin tautan" control at this spot: a popover with the full link and a copy button.

    The link is completed by :func:`finish` after the page ran, so values registered later in the run are in it.

    Returns:
        The link as known now (values registered so far).
    """
    _run().share_boxes.append(st.empty())
    return link()


def finish(container: DeltaGenerator | None = None) -> None:
    """End a run (``app.py``, after the page): write the values to the address bar, then draw every
    "Salin tautan" control with the complete link; when the page placed none, draw one in ``container`` (the
    sidebar by default)."""
    _flush()
    run = _run()
    boxes = run.share_boxes or [(container if container is not None else st.sidebar).empty()]
    for box in boxes:
        _render_share(box)
