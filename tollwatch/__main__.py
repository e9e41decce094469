import sys

from tollwatch.cli import main

sys.exit(main())
