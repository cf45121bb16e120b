"""The project's own promises: install, publish, hooks, CI workflow, benchmarks."""
