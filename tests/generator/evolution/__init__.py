"""generator.evolution: the spec diff and the generated package's changelog."""
