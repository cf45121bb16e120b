# Generated from the OpenAPI spec by the generator: do not edit.
