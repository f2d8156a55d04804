"""The fast tail scores agree with exact tails."""

from __future__ import annotations

import math

import pytest
from scipy import stats

from sentinelle.stories.bursts.stats import binomial_score, normal_upper_score, poisson_score


@pytest.mark.parametrize(
    ("k", "mu"), [(3, 0.5), (8, 2.0), (12, 1.0), (30, 12.0), (150, 100.0), (200, 60.0)]
)
def test_poisson_score_is_close_to_the_exact_tail_and_conservative(k: int, mu: float) -> None:
    exact = -stats.poisson.logsf(k - 1, mu) / math.log(10)  # -log10 P(X >= k)
    assert 0.85 * exact <= poisson_score(k, mu) <= exact * 1.01


@pytest.mark.parametrize(("k", "n", "p"), [(8, 20, 0.2), (30, 60, 0.3), (5, 10, 0.1)])
def test_binomial_score_is_close_to_the_exact_tail_and_conservative(
    k: int, n: int, p: float
) -> None:
    exact = -stats.binom.logsf(k - 1, n, p) / math.log(10)  # -log10 P(X >= k)
    assert 0.85 * exact <= binomial_score(k, n, p) <= exact * 1.01


def test_scores_are_zero_below_expectation_and_monotone_above() -> None:
    assert poisson_score(2, 5.0) == 0.0 and binomial_score(1, 10, 0.3) == 0.0
    scores = [poisson_score(k, 5.0) for k in range(6, 40)]
    assert scores == sorted(scores)
    assert poisson_score(40, 5.0, dispersion=4.0) < poisson_score(40, 5.0)


def test_normal_tail_is_continuous_where_the_asymptotic_form_takes_over() -> None:
    assert normal_upper_score(4.999999) == pytest.approx(normal_upper_score(5.0), rel=1e-3)
    assert normal_upper_score(50.0) > 500
