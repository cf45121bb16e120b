# Generated from the OpenAPI spec by the generator: do not edit.

__version__ = "1.1.0"
