"""spec/kinbox.openapi.yaml itself: the documented facts of the Kinbox API."""
