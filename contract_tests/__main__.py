"""`python -m contract_tests run ...`: see contract_tests.cli."""

from .cli import main

raise SystemExit(main())
