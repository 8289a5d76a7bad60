"""The web chat page. Serve ``static/index.html`` at ``/`` and this folder at ``/static/``.

The page needs no build step and loads nothing from other origins, so a strict
Content-Security-Policy holds: no inline scripts, styles or event-handler attributes.
"""

from pathlib import Path

STATIC_DIR = Path(__file__).with_name("static")
