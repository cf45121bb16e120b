"""`python -m generator ...`: see `generator.cli`."""

import sys

from .codegen import models_worker

# Before anything heavy is imported: the worker's imports then overlap this process's.
models_worker.prestart(sys.argv[1:])

from .cli import main  # noqa: E402

raise SystemExit(main())
