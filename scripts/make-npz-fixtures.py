"""Writes the small .npz files the unit tests read (src/data/fixtures/), as NumPy writes them.

Run once with `python3 scripts/make-npz-fixtures.py`; the output is committed. The values are
exact binary fractions, so a test can compare them exactly in any precision.
"""
import os

import numpy as np

out = os.path.join(os.path.dirname(__file__), '..', 'src', 'data', 'fixtures')
os.makedirs(out, exist_ok=True)


def params(hidden, dtype):
    i, j = np.meshgrid(np.arange(784), np.arange(hidden), indexing='ij')
    W1 = (((i * 7 + j * 3) % 11) - 5) / 8
    W1[i % 5 != 0] = 0  # mostly zeros, so the compressed file stays small
    b1 = (np.arange(hidden) - 1) / 4
    W2 = ((np.arange(hidden * 10).reshape(hidden, 10) % 7) - 3) / 16
    b2 = (np.arange(10) - 5) / 32
    return {k: v.astype(dtype) for k, v in dict(W1=W1, b1=b1, W2=W2, b2=b2).items()}


# np.savez: stored (not deflated), float32, hidden size 2.
np.savez(os.path.join(out, 'savez-f32-h2.npz'), **params(2, np.float32))
# np.savez_compressed: deflated, float64 (the book's precision), hidden size 2.
np.savez_compressed(os.path.join(out, 'savez-compressed-f64-h2.npz'), **params(2, np.float64))
# Names, dtypes and layouts the weights check must refuse or handle.
np.savez(
    os.path.join(out, 'odd-arrays.npz'),
    fortran=np.asfortranarray(np.arange(12, dtype=np.float32).reshape(3, 4)),
    big_endian=np.array([1.5, -2.25, 3.0], dtype='>f8'),
    ints=np.arange(6, dtype=np.int64).reshape(2, 3),
    scalar=np.float32(0.5),
)
# A lone .npy (not an .npz).
np.save(os.path.join(out, 'lone.npy'), np.zeros(3, dtype=np.float32))
