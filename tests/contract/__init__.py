"""contract_tests: the server contract suite (against the faulty server) and the mock."""
