#!/usr/bin/python3
"""
Reference figures for src/stats/its.ts, from statsmodels (Debian's python3-statsmodels):
OLS with Newey-West (HAC, Bartlett) standard errors, maxlags = floor(4 (n/100)^(2/9)), the
small-sample correction n/(n-k), Student's t intervals; and the counterfactual's mean band from
the same covariance. The series are SYNTHETIC (seeded), shaped like the corridor's data: annual,
quarterly with gaps, monthly with an injected level and slope change and autocorrelated noise.

    /usr/bin/python3 packages/data/test/its-reference.py > packages/data/src/stats/its-reference.json
"""
import json
import math

import numpy as np
import statsmodels.api as sm


def design(t, t0, season, seasons, with_event=True):
    after = 1.0 if (with_event and t > t0) else 0.0
    row = [1.0, float(t), after, after * (t - t0)]
    row += [1.0 if season == s else 0.0 for s in range(1, seasons)]
    return row


def case(name, periods, t0, seasons, values, drop=()):
    rows = [
        {"t": t, "period": periods[t], "value": float(values[t]), "season": t % seasons if seasons > 1 else 0}
        for t in range(len(periods))
        if t != t0 and t not in drop
    ]
    X = np.array([design(r["t"], t0, r["season"], seasons) for r in rows])
    y = np.array([r["value"] for r in rows])
    n, k = X.shape
    lags = int(math.floor(4 * (n / 100) ** (2 / 9)))
    fit = sm.OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": lags, "use_correction": True}, use_t=True)
    ci = fit.conf_int(0.05)
    after = [r for r in rows if r["t"] > t0]
    X_cf = np.array([design(r["t"], t0, r["season"], seasons, with_event=False) for r in after])
    X_ev = np.array([design(r["t"], t0, r["season"], seasons) for r in after])
    frame = fit.get_prediction(X_cf).summary_frame(alpha=0.05)
    fitted = X_ev @ fit.params
    return {
        "name": name,
        "input": {"rows": rows, "t0": t0, "seasons": seasons},
        "expected": {
            "n": n, "k": k, "lags": lags, "df": n - k,
            "levelChange": {"estimate": fit.params[2], "se": fit.bse[2], "low": ci[2][0], "high": ci[2][1]},
            "slopeChange": {"estimate": fit.params[3], "se": fit.bse[3], "low": ci[3][0], "high": ci[3][1]},
            "counterfactual": [
                {"period": r["period"], "fitted": fitted[i], "counterfactual": frame["mean"].iloc[i], "low": frame["mean_ci_lower"].iloc[i], "high": frame["mean_ci_upper"].iloc[i]}
                for i, r in enumerate(after)
            ],
        },
    }


rng = np.random.default_rng(20210419)
cases = []

years = [str(y) for y in range(2004, 2024)]
t = np.arange(20)
cases.append(case("annual, 20 years, event at 2014", years, 10, 1, 1000 + 35 * t - 180 * (t > 10) + rng.normal(0, 25, 20)))

quarters = [f"{2013 + i // 4}-Q{i % 4 + 1}" for i in range(40)]
t = np.arange(40)
season = np.array([0, 60, 140, 30])[t % 4]
cases.append(case("quarterly with seasons and two gaps", quarters, 20, 4, 500 + 4 * t + season + 90 * (t > 20) - 2 * (t - 20) * (t > 20) + rng.normal(0, 12, 40), drop=(5, 31)))

months = [f"{2010 + i // 12}-{i % 12 + 1:02d}" for i in range(120)]
t = np.arange(120)
noise = np.zeros(120)
for i in range(1, 120):
    noise[i] = 0.5 * noise[i - 1] + rng.normal(0, 40)
season = 150 * np.sin(2 * math.pi * (t % 12) / 12)
cases.append(case("monthly, level -450 and slope -3 injected, AR(1) noise", months, 60, 12, 9000 + 5 * t + season - 450 * (t > 60) - 3 * (t - 60) * (t > 60) + noise))

short = [str(y) for y in range(2012, 2022)]
t = np.arange(10)
cases.append(case("annual, the fewest rows allowed (6 before, 3 after)", short, 6, 1, 200 + 10 * t + 40 * (t > 6) + rng.normal(0, 5, 10)))

print(json.dumps({"generatedBy": "packages/data/test/its-reference.py (statsmodels " + sm.__version__ + ")", "cases": cases}, indent=1))
