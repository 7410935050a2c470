"""Loads exported weights into the book's TwoLayerNet (chapter 5) and prints its test accuracy.

Usage: python3 book_accuracy.py WEIGHTS.npz MNIST_DIR README.md

The net and its layers are written as in the book's ch05/two_layer_net.py and
common/layers.py; the MNIST test set is read from the IDX files as the book's
dataset/mnist.py reads them (normalize=True, one_hot_label=True). Then the README's three
lines of Python run as they are written there, so the README is tested too.
"""
import os
import re
import sys
from collections import OrderedDict

import numpy as np


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out


class Affine:
    def __init__(self, W, b):
        self.W = W
        self.b = b

    def forward(self, x):
        self.x = x
        return np.dot(x, self.W) + self.b


class SoftmaxWithLoss:
    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        return cross_entropy_error(self.y, self.t)


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {}
        self.params['W1'] = weight_init_std * np.random.randn(input_size, hidden_size)
        self.params['b1'] = np.zeros(hidden_size)
        self.params['W2'] = weight_init_std * np.random.randn(hidden_size, output_size)
        self.params['b2'] = np.zeros(output_size)
        self.layers = OrderedDict()
        self.layers['Affine1'] = Affine(self.params['W1'], self.params['b1'])
        self.layers['Relu1'] = Relu()
        self.layers['Affine2'] = Affine(self.params['W2'], self.params['b2'])
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def accuracy(self, x, t):
        y = self.predict(x)
        y = np.argmax(y, axis=1)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        return np.sum(y == t) / float(x.shape[0])


def load_test_set(mnist_dir):
    with open(os.path.join(mnist_dir, 't10k-images-idx3-ubyte'), 'rb') as f:
        x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)
    with open(os.path.join(mnist_dir, 't10k-labels-idx1-ubyte'), 'rb') as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)
    x = x.astype(np.float32) / 255.0
    t = np.zeros((labels.size, 10))
    t[np.arange(labels.size), labels] = 1
    return x, t


weights, mnist_dir, readme = sys.argv[1:4]
x_test, t_test = load_test_set(mnist_dir)
text = open(readme, encoding='utf-8').read()
# The README's block that loads the exported weights (it has other Python examples too).
block = next(b for b in re.findall(r'```python\n(.*?)```', text, re.S) if 'backprop-lab-weights.npz' in b)
lines = [line for line in block.splitlines() if line.strip() and not line.startswith('#')]
snippet = '\n'.join(lines[-3:]).replace("'backprop-lab-weights.npz'", repr(weights))
exec(snippet)
