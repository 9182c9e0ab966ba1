"""The shipped settings, plus the bench-only URLs (a bare view to measure pages against).

Everything else, middleware included, is the production configuration read from the same
environment variables, so the baselines pay exactly what a real page pays around its view.
Only an experiment named in BENCH_EXPERIMENTS (see bench.experiments) changes the code.
"""

from backpop_site.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
