"""generator.codegen: what a spec's constructs generate, and that the output is correct."""
