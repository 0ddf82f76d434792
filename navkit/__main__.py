"""``python -m navkit routes module:router``."""

from navkit.cli import main

raise SystemExit(main())
