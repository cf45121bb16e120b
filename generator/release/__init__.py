"""Releasing kinbox-client, the pipeline's last stage: the package `codegen/` wrote to `generated/`,
built by `nox -s build`, goes to a package index (`publish`)."""
