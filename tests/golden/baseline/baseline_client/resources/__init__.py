# Generated from the OpenAPI spec by the generator: do not edit.

"""The operations of Baseline, one module per resource.

Reach them through the client: `client.contacts`, `client.files`, `client.events`, `client.notes`, `client.charges`.
"""
