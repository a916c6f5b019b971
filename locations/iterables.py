"""Small helpers over iterables, shared by bulk code paths."""

from itertools import islice


def batched(iterable, size: int):
    """Lists of up to `size` items (itertools.batched is Python 3.12+)."""
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch
