"""The generated client and its runtime (generator/runtime/), sync and async."""
