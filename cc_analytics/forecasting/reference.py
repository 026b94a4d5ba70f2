"""The same methods fitted with statsmodels: the reference the fast versions are checked against.

Used by the tests and by ``python -m cc_analytics backtest --engine statsmodels``. Too slow for a page
(ETS/ARIMA ~60 ms, Theta ~0.9 s per fit with intervals), but it is the established implementation.

statsmodels 0.15 needs a pandas Series with a yearly ``PeriodIndex`` (``ETSModel.get_prediction``
fails on a bare array). A fit that reports ``converged = False``, warns with ``ConvergenceWarning``
or fails with a numerical error falls back to the fast ``drift`` with a note, like the fast engine.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from statsmodels.tools.sm_exceptions import ConvergenceWarning
from statsmodels.tsa.arima.model import ARIMA
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.forecasting.theta import ThetaModel

from cc_analytics.forecasting import methods as fm
from cc_analytics.forecasting import texts

_NUMERICAL_ERRORS = (np.linalg.LinAlgError, ValueError, FloatingPointError, OverflowError)


def _as_series(values: np.ndarray) -> pd.Series:
    return pd.Series(np.asarray(values, dtype=float), index=pd.period_range("2000", periods=len(values), freq="Y"))


def _sm_ets(y: pd.Series, horizon: int) -> tuple[np.ndarray, np.ndarray, bool]:
    res = ETSModel(y, error="add", trend="add", damped_trend=True).fit(disp=False)
    pred = res.get_prediction(start=len(y), end=len(y) + horizon - 1)
    mean, variance = np.asarray(pred.predicted_mean), np.asarray(pred.var_pred_mean)
    return mean, np.sqrt(variance), bool(res.mle_retvals["converged"])


def _sm_arima(y: pd.Series, horizon: int) -> tuple[np.ndarray, np.ndarray, bool]:
    res = ARIMA(y, order=(1, 1, 0), trend="t").fit()
    frame = res.get_forecast(horizon).summary_frame()
    return frame["mean"].to_numpy(), frame["mean_se"].to_numpy(), bool(res.mle_retvals.get("converged", True))


def _sm_theta(y: pd.Series, horizon: int) -> tuple[np.ndarray, np.ndarray, bool]:
    res = ThetaModel(y, deseasonalize=False).fit()
    mean = res.forecast(horizon).to_numpy()
    sd = np.sqrt(res.sigma2 * (1 + np.arange(horizon) * (1 + (res.params["alpha"] - 1) ** 2)))
    return mean, sd, True


_SM_FITTERS = {"ets": _sm_ets, "arima": _sm_arima, "theta": _sm_theta}


def fit_statsmodels(method: str, values: np.ndarray, horizon: int) -> fm.MethodFit:
    """Like :func:`cc_analytics.forecasting.methods.fit_method`, with statsmodels for ETS, ARIMA and Theta.

    ``kombinasi`` combines the statsmodels components; the other methods are closed forms and use the
    fast implementation.
    """
    values = np.asarray(values, dtype=float)
    if method == "kombinasi":
        return fm.combine([fit_statsmodels(m, values, horizon) for m in fm.COMBINED])
    if method not in _SM_FITTERS or values.size < fm.MIN_POINTS[method]:
        return fm.fit_method(method, values, horizon)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        try:
            mean, sd, converged = _SM_FITTERS[method](_as_series(values), horizon)
        except _NUMERICAL_ERRORS:
            converged, mean, sd = False, None, None
    converged = converged and not any(issubclass(w.category, ConvergenceWarning) for w in caught)
    if not converged or mean is None or not np.all(np.isfinite(mean)):
        drift = fm.fit_drift(values, horizon)
        note = texts.NOTE_FALLBACK.format(method=texts.METHOD_LABELS[method], reason=texts.NOTE_NOT_CONVERGED)
        return fm.MethodFit(method, "drift", drift.mean, drift.sd, note)
    return fm.MethodFit(method, method, np.maximum(mean, 0.0), np.nan_to_num(sd))
