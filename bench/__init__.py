"""Benchmarks against the anchors a user would pick instead (`python -m nox -s bench`).

Four pairs, each measured in interleaved rounds (A B A B ...) on the same machine in the
same run, reported as medians with min-max and as ratios:

- generation: our generator vs openapi-python-client (`bench.generation`);
- client overhead: `update_contact` vs raw httpx (`bench.client`);
- mock throughput: our mock server vs Stoplight Prism under one load generator (`bench.mock`);
- contract-test speed: our server contract suite vs schemathesis' `st run` (`bench.contract`).

`python -m bench --help` lists the options; `bench.core` holds the shared pieces.
"""
