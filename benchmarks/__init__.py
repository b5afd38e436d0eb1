"""`make bench`: each benchmark prints what it measured and ratios from the same run."""
