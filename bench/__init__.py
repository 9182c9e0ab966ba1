"""The load and micro-benchmarks of issue #6: `make bench` (full) and `make bench-smoke`.

Nothing here is imported by the shipped service; `bench.settings` and `bench.urls` only add a
bare view to measure the pages against.
"""
