import { bookCode, type MatrixGraphDef } from './types';

// X·W gives the book's X_dot_W = [[0, 0, 0], [10, 10, 10]] (5.6.2, the batch Affine layer).
export const affine: MatrixGraphDef = {
  id: 'affine',
  kind: 'matrix',
  source: 'matrixFields',
  inputNotes: { dY: 'matrix.upstreamNote' },
  practice: { shapes: ['X', 'W'] },
  graph: {
    inputs: [
      { name: 'X', literal: '[[0, 0], [1, 2]]' },
      { name: 'W', literal: '[[2, 4, 6], [4, 3, 2]]' },
      { name: 'B', literal: '[1, 2, 3]' },
      { name: 'dY', literal: '[[1, 2, 3], [4, 5, 6]]', upstream: true },
    ],
    nodes: [
      { id: 'dot', op: 'dot', inputs: ['X', 'W'], output: 'X_dot_W', label: '(1)' },
      { id: 'add', op: 'addBias', inputs: ['X_dot_W', 'B'], output: 'Y', label: '(2)' },
    ],
    output: 'Y',
  },
  code: bookCode(`
class Affine:
    def __init__(self, W, b):
        self.W = W
        self.b = b

    def forward(self, x):
        self.x = x
        X_dot_W = np.dot(x, self.W) @f:dot
        out = X_dot_W + self.b @f:add
        return out

    def backward(self, dout):
        self.db = np.sum(dout, axis=0) @b:add
        dx = np.dot(dout, self.W.T) @b:dot
        self.dW = np.dot(self.x.T, dout)
        return dx
`),
};

// Scores whose softmax is the book's y: a = log(y). exp(-1000) is exactly 0 in float64.
const LARGE = '[-1.2039728043259361, -1.6094379124341003, -0.6931471805599453]';
const SMALL = '[-4.605170185988091, -0.01005033585350145, -1000]';

export const softmaxLoss: MatrixGraphDef = {
  id: 'softmax-loss',
  kind: 'matrix',
  source: 'matrixFields',
  graph: {
    inputs: [
      { name: 'a', literal: LARGE },
      { name: 't', literal: '[0, 1, 0]' },
    ],
    nodes: [
      { id: 'softmax', op: 'softmax', inputs: ['a'], output: 'y', label: 'Softmax', note: 'matrix.cleanNote' },
      { id: 'cee', op: 'cee', inputs: ['y', 't'], output: 'L', label: 'Cross Entropy Error' },
    ],
    output: 'L',
  },
  presets: [
    { key: 'preset.large', literals: { a: LARGE, t: '[0, 1, 0]' } },
    { key: 'preset.small', literals: { a: SMALL, t: '[0, 1, 0]' } },
  ],
  code: bookCode(`
class SoftmaxWithLoss:
    def __init__(self):
        self.loss = None
        self.y = None  # softmax output
        self.t = None  # one-hot label

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x) @f:softmax
        self.loss = cross_entropy_error(self.y, self.t) @f:cee
        return self.loss

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        # Cross Entropy Error's backward: dy = -t / y @b:cee
        dx = (self.y - self.t) / batch_size  # through Softmax: y - t @b:softmax
        return dx
`),
};

export const twoLayerNet: MatrixGraphDef = {
  id: 'two-layer-net',
  kind: 'matrix',
  source: 'trainedNet',
  practice: { shapes: 'all' },
  graph: {
    inputs: [
      { name: 'x', literal: '' },
      { name: 'W1', literal: '' },
      { name: 'b1', literal: '' },
      { name: 'W2', literal: '' },
      { name: 'b2', literal: '' },
      { name: 't', literal: '' },
    ],
    nodes: [
      { id: 'affine1', op: 'affine', inputs: ['x', 'W1', 'b1'], output: 'a1', label: 'Affine1' },
      { id: 'relu1', op: 'relu', inputs: ['a1'], output: 'z1', label: 'Relu1' },
      { id: 'affine2', op: 'affine', inputs: ['z1', 'W2', 'b2'], output: 'a2', label: 'Affine2' },
      { id: 'loss', op: 'softmaxLoss', inputs: ['a2', 't'], output: 'loss', label: 'SoftmaxWithLoss' },
    ],
    output: 'loss',
  },
  code: bookCode(`
def predict(self, x):
    for layer in self.layers.values():
        x = layer.forward(x)  # Affine1 @f:affine1
        # Relu1 @f:relu1
        # Affine2 @f:affine2
    return x

def loss(self, x, t):
    y = self.predict(x)
    return self.lastLayer.forward(y, t) @f:loss

def gradient(self, x, t):
    self.loss(x, t)
    dout = 1
    dout = self.lastLayer.backward(dout) @b:loss
    layers = list(self.layers.values())
    layers.reverse()
    for layer in layers:
        dout = layer.backward(dout)  # Affine2 @b:affine2
        # Relu1 @b:relu1
        # Affine1 @b:affine1
    grads = {}
    grads['W1'], grads['b1'] = self.layers['Affine1'].dW, self.layers['Affine1'].db
    grads['W2'], grads['b2'] = self.layers['Affine2'].dW, self.layers['Affine2'].db
    return grads
`),
};
