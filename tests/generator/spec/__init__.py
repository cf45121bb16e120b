"""generator.spec: reading and validating a spec, strict and lenient."""
