"""One subclass of the correct server per injected fault or benign variant, a module per class.

Each overrides one decision of `KinboxServer`, the way the bug would sit in a real server's
code; what each does to the contract, and what the suite must conclude, is in `catalogue`.
"""
