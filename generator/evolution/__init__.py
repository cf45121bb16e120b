"""Spec evolution: what changed between two specs and what it does to callers (`diff`, with its
`rules`, `schemas` and `documents`), told as text, Markdown or JSON (`report`) and carried
into the generated package's CHANGELOG.md (`changelog`)."""
