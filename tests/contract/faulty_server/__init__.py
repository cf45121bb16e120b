"""An independent implementation of Kinbox's Update Contact, and a catalogue of ways to break it.

Written from `spec/kinbox.openapi.yaml` alone, without `contract_tests` (the mock is ours; a
live Kinbox server is not): `server.KinboxServer` is the correct server, `faults` holds one
small subclass per injected fault or benign variant, `catalogue` describes each (class,
one-line description, the outcome the contract suite must reach), and `python -m
tests.contract.faulty_server` serves them all from one uvicorn process, each under its own base path.
"""
