"""Contract tests for the Kinbox API: a spec-driven mock server and schemathesis suites."""
