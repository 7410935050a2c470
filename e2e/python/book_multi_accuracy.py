"""Loads exported weights into the book's MultiLayerNetExtend (chapter 6) and prints its test accuracy.

Usage: python3 book_multi_accuracy.py WEIGHTS.npz MNIST_DIR README.md ACTIVATION DROPOUT_RATIO

The net, its layers (BatchNormalization, Dropout, …) are the book's
common/multi_layer_net_extend.py and common/layers.py, as bench/compare.py writes them; the
MNIST test set is read from the IDX files as the book's dataset/mnist.py reads them
(normalize=True, one_hot_label=True). Then the README's lines of Python run as they are written
there (the params set, and each BatchNorm layer's running_mean and running_var), with the run's
activation and dropout ratio, which the file does not hold, so the README is tested too.
"""
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'bench'))
from compare import MultiLayerNetExtend  # noqa: E402,F401  (the README's lines use it)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mnist_test_set import load_test_set  # noqa: E402


weights, mnist_dir, readme, activation, dropout = sys.argv[1:6]
x_test, t_test = load_test_set(mnist_dir)
text = open(readme, encoding='utf-8').read()
# The README's block that loads the exported weights into MultiLayerNetExtend.
block = next(b for b in re.findall(r'```python\n(.*?)```', text, re.S) if 'MultiLayerNetExtend(' in b)
lines = [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith('#')]
setting = next(i for i, line in enumerate(lines) if line.startswith('activation, dropout_ration = '))
lines[setting] = f'activation, dropout_ration = {activation!r}, {float(dropout)!r}'
snippet = '\n'.join(lines).replace("'backprop-lab-weights.npz'", repr(weights))
exec(snippet)
