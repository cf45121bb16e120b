"""Releasing kinbox-client: publishing the files `nox -s build` makes (see release.publish)."""
