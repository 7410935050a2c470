import { GRAPHS } from './registry';
import { bookCode, type BookCode } from './types';

/**
 * The book's code as the Korean edition (밑바닥부터 시작하는 딥러닝, WegraLee/deep-learning-from-scratch)
 * prints it: the same statements as the English code in scalarGraphs.ts and matrixGraphs.ts, line for line and with the
 * same `@f:` / `@b:` markers, so that line highlighting works in both languages; only the comments differ.
 * Where the edition has a comment, it is the edition's wording; where only our English code has one (the
 * chain-rule and sigmoid walkthroughs are ours), it is translated in the edition's vocabulary. Listings that
 * carry no comment in either edition (Sigmoid, Relu, Affine) are the English text, so they are not here.
 */
const DIFFERS: Record<string, BookCode> = {
  apple: bookCode(`
apple = 100
apple_num = 2
tax = 1.1

mul_apple_layer = MulLayer()
mul_tax_layer = MulLayer()

# 순전파
apple_price = mul_apple_layer.forward(apple, apple_num) @f:mul_apple
price = mul_tax_layer.forward(apple_price, tax) @f:mul_tax

# 역전파
dprice = 1
dapple_price, dtax = mul_tax_layer.backward(dprice) @b:mul_tax
dapple, dapple_num = mul_apple_layer.backward(dapple_price) @b:mul_apple

print(price)  # 220
print(dapple, dapple_num, dtax)  # 2.2 110 200
`),

  'apple-orange': bookCode(`
apple = 100
apple_num = 2
orange = 150
orange_num = 3
tax = 1.1

# 계층들
mul_apple_layer = MulLayer()
mul_orange_layer = MulLayer()
add_apple_orange_layer = AddLayer()
mul_tax_layer = MulLayer()

# 순전파
apple_price = mul_apple_layer.forward(apple, apple_num)  # (1) @f:mul_apple
orange_price = mul_orange_layer.forward(orange, orange_num)  # (2) @f:mul_orange
all_price = add_apple_orange_layer.forward(apple_price, orange_price)  # (3) @f:add_apple_orange
price = mul_tax_layer.forward(all_price, tax)  # (4) @f:mul_tax

# 역전파
dprice = 1
dall_price, dtax = mul_tax_layer.backward(dprice)  # (4) @b:mul_tax
dapple_price, dorange_price = add_apple_orange_layer.backward(dall_price)  # (3) @b:add_apple_orange
dorange, dorange_num = mul_orange_layer.backward(dorange_price)  # (2) @b:mul_orange
dapple, dapple_num = mul_apple_layer.backward(dapple_price)  # (1) @b:mul_apple

print(price)  # 715
print(dapple_num, dapple, dorange, dorange_num, dtax)  # 110 2.2 3.3 165 650
`),

  'chain-rule': bookCode(`
# z = t ** 2,  t = x + y
x, y = 2, 3

# 순전파
t = x + y @f:add
z = t ** 2 @f:square

# 역전파: 연쇄법칙
dz = 1
dt = dz * 2 * t          # dz/dt = 2t @b:square
dx, dy = dt * 1, dt * 1  # dt/dx = dt/dy = 1 @b:add
`),

  sigmoid: bookCode(`
# y = 1 / (1 + exp(-x)), 한 단계에 노드 하나
x = 1.0

# 순전파
a = x * -1        # "×(-1)" 노드 @f:neg
b = np.exp(a)     # "exp" 노드 @f:exp
c = b + 1         # "+1" 노드 @f:plus1
y = 1 / c         # "/" 노드 @f:recip

# 역전파
dy = 1
dc = dy * (-y ** 2)    # 1/x의 미분은 -y^2 @b:recip
db = dc * 1            # "+"는 그대로 흘려보낸다 @b:plus1
da = db * np.exp(a)    # exp의 미분은 exp(a) @b:exp
dx = da * -1           # ×(-1)의 미분은 -1 @b:neg
# dx == dy * y * (1 - y)
`),

  'softmax-loss': bookCode(`
class SoftmaxWithLoss:
    def __init__(self):
        self.loss = None  # 손실함수
        self.y = None     # softmax의 출력
        self.t = None     # 정답 레이블(원-핫 인코딩 형태)

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x) @f:softmax
        self.loss = cross_entropy_error(self.y, self.t) @f:cee
        return self.loss

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        # Cross Entropy Error 계층의 역전파: dy = -t / y @b:cee
        dx = (self.y - self.t) / batch_size  # Softmax 계층을 지나면: y - t @b:softmax
        return dx
`),

  'two-layer-net': bookCode(`
def predict(self, x):
    for layer in self.layers.values():
        x = layer.forward(x)  # Affine1 @f:affine1
        # Relu1 @f:relu1
        # Affine2 @f:affine2
    return x

def loss(self, x, t):  # x : 입력 데이터, t : 정답 레이블
    y = self.predict(x)
    return self.lastLayer.forward(y, t) @f:loss

def gradient(self, x, t):
    self.loss(x, t)  # 순전파
    dout = 1  # 역전파
    dout = self.lastLayer.backward(dout) @b:loss
    layers = list(self.layers.values())
    layers.reverse()
    for layer in layers:
        dout = layer.backward(dout)  # Affine2 @b:affine2
        # Relu1 @b:relu1
        # Affine1 @b:affine1
    grads = {}  # 결과 저장
    grads['W1'], grads['b1'] = self.layers['Affine1'].dW, self.layers['Affine1'].db
    grads['W2'], grads['b2'] = self.layers['Affine2'].dW, self.layers['Affine2'].db
    return grads
`),
};

/** The Korean listing of every book graph (the learner's own graph carries its own, codeKo): where it differs, or the English. */
export const BOOK_CODE_KO: Readonly<Record<string, BookCode>> = Object.fromEntries(
  Object.values(GRAPHS)
    .filter((d) => d.source !== 'expression')
    .map((d) => [d.id, DIFFERS[d.id] ?? d.code]),
);
