"""``python -m dvgen``."""

import sys

from dvgen.cli import main

sys.exit(main())
