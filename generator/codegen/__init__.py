"""Generation: models (`models`) -> the intermediate representation (`ir`, built by `build` from
`operations`, `annotations`, `security`, `layouts` and the runtime's `facts`) -> `render`
(`generator/templates/`) -> `formatting` (ruff) -> `output` (manifest, atomic write)."""
