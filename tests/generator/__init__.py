"""The generator as a whole: command line, settings, golden records, third-party specs, hostile input."""
