"""The MNIST test set from its IDX files, as the book's dataset/mnist.py loads it
(normalize=True, one_hot_label=True): for the scripts that check exported weights in NumPy."""
import os

import numpy as np


def load_test_set(mnist_dir):
    with open(os.path.join(mnist_dir, 't10k-images-idx3-ubyte'), 'rb') as f:
        x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)
    with open(os.path.join(mnist_dir, 't10k-labels-idx1-ubyte'), 'rb') as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)
    x = x.astype(np.float32) / 255.0
    t = np.zeros((labels.size, 10))
    t[np.arange(labels.size), labels] = 1
    return x, t
