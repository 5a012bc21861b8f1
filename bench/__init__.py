"""Benchmarks (not tests): ``python -m bench``; ratios against baselines measured in the same run."""
