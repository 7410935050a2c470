import { bookCode, type ScalarGraphDef } from './types';

const money = { min: -1e9, max: 1e9 };

export const apple: ScalarGraphDef = {
  id: 'apple',
  kind: 'scalar',
  source: 'scalarFields',
  graph: {
    inputs: [
      { name: 'apple', default: 100, ...money },
      { name: 'apple_num', default: 2, ...money },
      { name: 'tax', default: 1.1, ...money },
    ],
    nodes: [
      { id: 'mul_apple', op: 'mul', inputs: ['apple', 'apple_num'], output: 'apple_price', label: '(1)' },
      { id: 'mul_tax', op: 'mul', inputs: ['apple_price', 'tax'], output: 'price', label: '(2)' },
    ],
    output: 'price',
  },
  code: bookCode(`
apple = 100
apple_num = 2
tax = 1.1

mul_apple_layer = MulLayer()
mul_tax_layer = MulLayer()

# forward
apple_price = mul_apple_layer.forward(apple, apple_num) @f:mul_apple
price = mul_tax_layer.forward(apple_price, tax) @f:mul_tax

# backward
dprice = 1
dapple_price, dtax = mul_tax_layer.backward(dprice) @b:mul_tax
dapple, dapple_num = mul_apple_layer.backward(dapple_price) @b:mul_apple

print(price)  # 220
print(dapple, dapple_num, dtax)  # 2.2 110 200
`),
};

export const appleOrange: ScalarGraphDef = {
  id: 'apple-orange',
  kind: 'scalar',
  source: 'scalarFields',
  graph: {
    inputs: [
      { name: 'apple', default: 100, ...money },
      { name: 'apple_num', default: 2, ...money },
      { name: 'orange', default: 150, ...money },
      { name: 'orange_num', default: 3, ...money },
      { name: 'tax', default: 1.1, ...money },
    ],
    nodes: [
      { id: 'mul_apple', op: 'mul', inputs: ['apple', 'apple_num'], output: 'apple_price', label: '(1)' },
      { id: 'mul_orange', op: 'mul', inputs: ['orange', 'orange_num'], output: 'orange_price', label: '(2)' },
      { id: 'add_apple_orange', op: 'add', inputs: ['apple_price', 'orange_price'], output: 'all_price', label: '(3)' },
      { id: 'mul_tax', op: 'mul', inputs: ['all_price', 'tax'], output: 'price', label: '(4)' },
    ],
    output: 'price',
  },
  code: bookCode(`
apple = 100
apple_num = 2
orange = 150
orange_num = 3
tax = 1.1

# layer
mul_apple_layer = MulLayer()
mul_orange_layer = MulLayer()
add_apple_orange_layer = AddLayer()
mul_tax_layer = MulLayer()

# forward
apple_price = mul_apple_layer.forward(apple, apple_num)  # (1) @f:mul_apple
orange_price = mul_orange_layer.forward(orange, orange_num)  # (2) @f:mul_orange
all_price = add_apple_orange_layer.forward(apple_price, orange_price)  # (3) @f:add_apple_orange
price = mul_tax_layer.forward(all_price, tax)  # (4) @f:mul_tax

# backward
dprice = 1
dall_price, dtax = mul_tax_layer.backward(dprice)  # (4) @b:mul_tax
dapple_price, dorange_price = add_apple_orange_layer.backward(dall_price)  # (3) @b:add_apple_orange
dorange, dorange_num = mul_orange_layer.backward(dorange_price)  # (2) @b:mul_orange
dapple, dapple_num = mul_apple_layer.backward(dapple_price)  # (1) @b:mul_apple

print(price)  # 715
print(dapple_num, dapple, dorange, dorange_num, dtax)  # 110 2.2 3.3 165 650
`),
};

const wide = { min: -1e6, max: 1e6 };

export const chainRule: ScalarGraphDef = {
  id: 'chain-rule',
  kind: 'scalar',
  source: 'scalarFields',
  graph: {
    inputs: [
      { name: 'x', default: 2, ...wide },
      { name: 'y', default: 3, ...wide },
    ],
    nodes: [
      { id: 'add', op: 'add', inputs: ['x', 'y'], output: 't' },
      { id: 'square', op: 'square', inputs: ['t'], output: 'z' },
    ],
    output: 'z',
  },
  code: bookCode(`
# z = t ** 2,  t = x + y
x, y = 2, 3

# forward
t = x + y @f:add
z = t ** 2 @f:square

# backward: the chain rule
dz = 1
dt = dz * 2 * t          # dz/dt = 2t @b:square
dx, dy = dt * 1, dt * 1  # dt/dx = dt/dy = 1 @b:add
`),
};

// exp overflows past ~709; ±50 keeps every intermediate finite and readable.
const logit = { min: -50, max: 50 };

export const sigmoid: ScalarGraphDef = {
  id: 'sigmoid',
  kind: 'scalar',
  source: 'scalarFields',
  partner: { id: 'sigmoid-simple', key: 'graph.compareSimple' },
  graph: {
    inputs: [{ name: 'x', default: 1, ...logit }],
    nodes: [
      { id: 'neg', op: 'mulConst', c: -1, inputs: ['x'], output: 'a', label: '(1)' },
      { id: 'exp', op: 'exp', inputs: ['a'], output: 'b', label: '(2)' },
      { id: 'plus1', op: 'addConst', c: 1, inputs: ['b'], output: 'c', label: '(3)' },
      { id: 'recip', op: 'reciprocal', inputs: ['c'], output: 'y', label: '(4)' },
    ],
    output: 'y',
  },
  code: bookCode(`
# y = 1 / (1 + exp(-x)), one node per step
x = 1.0

# forward
a = x * -1        # "×(-1)" node @f:neg
b = np.exp(a)     # "exp" node @f:exp
c = b + 1         # "+1" node @f:plus1
y = 1 / c         # "/" node @f:recip

# backward
dy = 1
dc = dy * (-y ** 2)    # 1/x gives -y^2 @b:recip
db = dc * 1            # + passes it through @b:plus1
da = db * np.exp(a)    # exp gives exp(a) @b:exp
dx = da * -1           # ×(-1) gives -1 @b:neg
# dx == dy * y * (1 - y)
`),
};

export const sigmoidSimple: ScalarGraphDef = {
  id: 'sigmoid-simple',
  kind: 'scalar',
  source: 'scalarFields',
  partner: { id: 'sigmoid', key: 'graph.compareExpanded' },
  graph: {
    inputs: [{ name: 'x', default: 1, ...logit }],
    nodes: [{ id: 'sigmoid', op: 'sigmoid', inputs: ['x'], output: 'y' }],
    output: 'y',
  },
  code: bookCode(`
class Sigmoid:
    def __init__(self):
        self.out = None

    def forward(self, x):
        out = 1 / (1 + np.exp(-x)) @f:sigmoid
        self.out = out
        return out

    def backward(self, dout):
        dx = dout * (1.0 - self.out) * self.out @b:sigmoid
        return dx
`),
};

export const relu: ScalarGraphDef = {
  id: 'relu',
  kind: 'scalar',
  source: 'scalarFields',
  graph: {
    inputs: [{ name: 'x', default: 2, ...wide }],
    nodes: [{ id: 'relu', op: 'relu', inputs: ['x'], output: 'y' }],
    output: 'y',
  },
  code: bookCode(`
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = (x <= 0)
        out = x.copy()
        out[self.mask] = 0 @f:relu
        return out

    def backward(self, dout):
        dout[self.mask] = 0 @b:relu
        dx = dout
        return dx
`),
};
