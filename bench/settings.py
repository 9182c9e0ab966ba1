"""The shipped settings, plus the bench-only URLs (a bare view to measure pages against).

Everything else, middleware included, is the production configuration read from the same
environment variables. `make bench` itself runs backpop_site.settings; this module is for
tools that want a do-nothing view on the same server (server.wait_ready waits for it).
"""

from backpop_site.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
