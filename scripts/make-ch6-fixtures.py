"""Writes the chapter 6 fidelity fixtures (src/net/fixtures/ch6/) with the book's own classes.

    python3 scripts/make-ch6-fixtures.py /path/to/deep-learning-from-scratch src/net/fixtures/ch6

The first argument is a checkout of the book's code (WegraLee/deep-learning-from-scratch, the
folder that holds common/); it is imported from there and never copied into this repository.
The output is committed; the unit tests beside src/layers/batchNorm.ts, src/net/optimizers.ts
and src/net/multiLayerNet.ts replay every case in Float64 and compare to 1e-10.

Every input comes from a seeded NumPy generator, so a rerun writes the same files. Where the
book draws random numbers itself (Dropout's np.random.rand), the script records the draws in
the order the book made them, and the tests hand the same numbers to our Dropout.
JSON floats are written with repr, which reads back to the same double.
"""
import json
import os
import sys

import numpy as np

if len(sys.argv) != 3:
    sys.exit(__doc__)
book, out = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.abspath(book))
from common.layers import Affine, BatchNormalization, Dropout, Relu, Sigmoid, SoftmaxWithLoss  # noqa: E402
from common.multi_layer_net_extend import MultiLayerNetExtend  # noqa: E402
from common import optimizer  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture_json  # noqa: E402

os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(20)
N, SIZES = 4, (6, 5, 4, 3)  # batch 4; input 6, hidden [5, 4], output 3
labels = np.array([0, 2, 1, 2])

# The book draws with the legacy global generator: record what it draws, in order.
draws = []
_rand = np.random.rand


def recorded_rand(*shape):
    u = _rand(*shape)
    draws.append(u.ravel().tolist())
    return u


np.random.rand = recorded_rand


def taken():
    """The draws recorded since the last call, flattened in the order the book made them."""
    flat = [v for d in draws for v in d]
    draws.clear()
    return flat


def arr(a):
    return np.asarray(a, dtype=np.float64).tolist()


def write(name, obj):
    fixture_json.write(out, name, obj)


def layer_cases():
    x = rng.standard_normal((N, 6))
    W, b = rng.standard_normal((6, 5)) * 0.5, rng.standard_normal(5) * 0.1
    dout = rng.standard_normal((N, 5))
    cases = {}
    affine = Affine(W.copy(), b.copy())
    y = affine.forward(x.copy())
    dx = affine.backward(dout.copy())
    cases['Affine'] = dict(x=arr(x), W=arr(W), b=arr(b), dout=arr(dout), out=arr(y), dx=arr(dx), dW=arr(affine.dW), db=arr(affine.db))
    for name, layer in (('Relu', Relu()), ('Sigmoid', Sigmoid())):
        dout6 = rng.standard_normal((N, 6))
        y = layer.forward(x.copy())
        dx = layer.backward(dout6.copy())  # the book's Relu writes into dout
        cases[name] = dict(x=arr(x), dout=arr(dout6), out=arr(y), dx=arr(dx))
    score = rng.standard_normal((N, 3)) * 2
    swl = SoftmaxWithLoss()
    loss = swl.forward(score, labels)
    cases['SoftmaxWithLoss'] = dict(x=arr(score), t=labels.tolist(), loss=float(loss), y=arr(swl.y), dx=arr(swl.backward(1)))
    write('layers.json', cases)


def batchnorm_cases():
    cases = {}
    for name, scale in (('unit', 1.0), ('scaled', 3.0)):
        x1, x2 = rng.standard_normal((N, 5)) * scale + 1, rng.standard_normal((N, 5)) * scale - 0.5
        gamma, beta = 1 + 0.2 * rng.standard_normal(5), 0.1 * rng.standard_normal(5)
        dout1, dout2 = rng.standard_normal((N, 5)), rng.standard_normal((N, 5))
        bn = BatchNormalization(gamma.copy(), beta.copy(), momentum=0.9)
        steps = []
        for x, dout in ((x1, dout1), (x2, dout2)):
            y = bn.forward(x.copy(), train_flg=True)
            dx = bn.backward(dout.copy())
            steps.append(dict(x=arr(x), dout=arr(dout), out=arr(y), dx=arr(dx), dgamma=arr(bn.dgamma), dbeta=arr(bn.dbeta), runningMean=arr(bn.running_mean), runningVar=arr(bn.running_var)))
        xt = rng.standard_normal((N, 5)) * scale
        cases[name] = dict(gamma=arr(gamma), beta=arr(beta), momentum=0.9, train=steps, test=dict(x=arr(xt), out=arr(bn.forward(xt.copy(), train_flg=False))))
    write('batchnorm.json', cases)


def dropout_cases():
    cases = {}
    for ratio in (0.5, 0.2):
        x, dout = rng.standard_normal((N, 5)), rng.standard_normal((N, 5))
        np.random.seed(int(ratio * 100))
        d = Dropout(ratio)
        y = d.forward(x.copy(), train_flg=True)
        dx = d.backward(dout.copy())
        cases['ratio%g' % ratio] = dict(
            ratio=ratio, x=arr(x), dout=arr(dout), draws=taken(), mask=d.mask.astype(int).tolist(),
            out=arr(y), dx=arr(dx), testOut=arr(d.forward(x.copy(), train_flg=False)))
    write('dropout.json', cases)


OPTIMIZERS = [
    ('SGD', {}), ('SGD', dict(lr=0.1)),
    ('Momentum', {}), ('Momentum', dict(lr=0.1, momentum=0.5)),
    ('Nesterov', {}), ('Nesterov', dict(lr=0.05, momentum=0.8)),
    ('AdaGrad', {}), ('AdaGrad', dict(lr=0.1)),
    ('RMSprop', {}), ('RMSprop', dict(lr=0.001, decay_rate=0.9)),
    ('Adam', {}), ('Adam', dict(lr=0.01, beta1=0.8, beta2=0.99)),
]


def optimizer_cases():
    params = dict(W=rng.standard_normal((3, 2)), b=rng.standard_normal(2) * 0.1)
    grads = [{k: rng.standard_normal(v.shape) * (0.5 + i) for k, v in params.items()} for i in range(3)]
    cases = dict(params={k: arr(v) for k, v in params.items()}, grads=[{k: arr(v) for k, v in g.items()} for g in grads])
    for name, kw in OPTIMIZERS:
        p = {k: v.copy() for k, v in params.items()}
        opt = getattr(optimizer, name)(**kw)
        after = []
        for g in grads:
            opt.update(p, {k: v.copy() for k, v in g.items()})
            after.append({k: arr(v) for k, v in p.items()})
        cases[name + ('' if not kw else ':' + ','.join('%s=%g' % kv for kv in kw.items()))] = dict(name=name, options=kw, after=after)
    write('optimizers.json', cases)


NETS = [
    ('relu-he', dict(activation='relu', weight_init_std='relu')),
    ('sigmoid-xavier-decay', dict(activation='sigmoid', weight_init_std='sigmoid', weight_decay_lambda=0.1)),
    ('relu-bn', dict(activation='relu', weight_init_std=0.01, use_batchnorm=True)),
    ('relu-bn-decay', dict(activation='relu', weight_init_std='he', use_batchnorm=True, weight_decay_lambda=0.1)),
    ('sigmoid-bn-dropout', dict(activation='sigmoid', weight_init_std='xavier', use_batchnorm=True, use_dropout=True, dropout_ration=0.3)),
    ('relu-dropout-decay', dict(activation='relu', use_dropout=True, weight_decay_lambda=0.1)),
]


def net_cases():
    x = rng.standard_normal((N, SIZES[0]))
    for name, kw in NETS:
        np.random.seed(0)
        net = MultiLayerNetExtend(SIZES[0], list(SIZES[1:-1]), SIZES[-1], **kw)
        taken()
        # Overwrite in place: the layers hold the same arrays as params.
        for k, v in net.params.items():
            if k.startswith('W'):
                v[...] = rng.standard_normal(v.shape) * 0.6
            elif k.startswith('gamma'):
                v[...] = 1 + 0.2 * rng.standard_normal(v.shape)
            else:
                v[...] = 0.2 * rng.standard_normal(v.shape)
        params = {k: arr(v) for k, v in net.params.items()}
        # The trainer's order: a training step (gradient, train_flg=True inside), then the
        # loss as trainer.py reports it (train_flg=False), then a loss in training mode.
        grads = net.gradient(x, labels)
        grad_draws = taken()
        loss_test = net.loss(x, labels)
        accuracy = net.accuracy(x, labels)
        loss_train = net.loss(x, labels, train_flg=True)
        loss_train_draws = taken()
        write('net-%s.json' % name, dict(
            options=kw, sizes=list(SIZES), x=arr(x), t=labels.tolist(), params=params,
            gradientDraws=grad_draws, grads={k: arr(v) for k, v in grads.items()},
            lossTest=float(loss_test), accuracy=float(accuracy),
            lossTrain=float(loss_train), lossTrainDraws=loss_train_draws))


layer_cases()
batchnorm_cases()
dropout_cases()
optimizer_cases()
net_cases()
