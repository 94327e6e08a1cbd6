"""The `fazhi` command: Django's management commands under the project's own name.

`fazhi serve`, `fazhi demo`, `fazhi deadline …`, `fazhi audit verify`, `fazhi tick` and every
Django command (`fazhi migrate`, `fazhi createsuperuser`, …).
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0], *sys.argv[1:]])


if __name__ == "__main__":
    main()
