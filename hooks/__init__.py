"""pre-commit hooks that other repositories use (.pre-commit-hooks.yaml at the repository root)."""
