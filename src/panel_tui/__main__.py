"""``python -m panel_tui``."""

import sys

from panel_tui.cli import main

sys.exit(main())
