"""`python -m generator ...`: see `generator.cli`."""

import gc
import sys

from .codegen import models_worker

# Before anything heavy is imported: the worker's imports then overlap this process's.
models_worker.prestart(sys.argv[1:])

from .cli import main  # noqa: E402

code = main()
# What is left is the interpreter's teardown, whose garbage collections would traverse every
# object the run made (50 ms after a small spec, a tenth of the whole generation). Frozen,
# they are still freed, exit handlers still run and files still flush; only the search for
# cycles among them is skipped, which matters to nobody once the process ends.
gc.freeze()
raise SystemExit(code)
