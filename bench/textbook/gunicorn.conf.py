"""backpop's gunicorn settings (workers, sync, preload, recycling, log), for the textbook app.

Only backpop's `when_ready` warm-up is left out: it loads backpop's own templates and content.
"""

import runpy
from pathlib import Path

_shipped = runpy.run_path(str(Path(__file__).resolve().parent.parent.parent / "gunicorn.conf.py"))
globals().update(
    {name: value for name, value in _shipped.items() if name[0] != "_" and name != "when_ready"}
)
