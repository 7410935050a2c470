"""Loads exported weights into the book's TwoLayerNet (chapter 5) and prints its test accuracy.

Usage: python3 book_accuracy.py WEIGHTS.npz MNIST_DIR README.md

The net and its layers are the book's ch05/two_layer_net.py and common/layers.py, as
bench/compare.py writes them for the side-by-side benchmark; the MNIST test set is read from
the IDX files as the book's dataset/mnist.py reads them (normalize=True, one_hot_label=True). Then the README's three
lines of Python run as they are written there, so the README is tested too.
"""
import os
import re
import sys

import numpy as np

# The book's layers and TwoLayerNet, as the side-by-side benchmark already writes them.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'bench'))
from compare import TwoLayerNet  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mnist_test_set import load_test_set  # noqa: E402


weights, mnist_dir, readme = sys.argv[1:4]
x_test, t_test = load_test_set(mnist_dir)
text = open(readme, encoding='utf-8').read()
# The README's block that loads the exported weights (it has other Python examples too).
block = next(b for b in re.findall(r'```python\n(.*?)```', text, re.S) if 'backprop-lab-weights.npz' in b)
lines = [line for line in block.splitlines() if line.strip() and not line.startswith('#')]
snippet = '\n'.join(lines[-3:]).replace("'backprop-lab-weights.npz'", repr(weights))
exec(snippet)
