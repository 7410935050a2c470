import type { TrainConfig } from './config';
import type { FastNet } from './fastNet';

/**
 * The book's optimizers (common/optimizer.py) on the fast net's flat Float32 params, in the
 * book's order of operations, over any range [from, to) of them (two workers each take half).
 * The gradient is gradient 0, plus gradient 1 when two workers each computed half a batch,
 * plus λW on the weights when there is weight decay (the book's gradient adds it). Pads have
 * zero gradients, so they keep their zero params and states.
 */
export class FastOptimizer {
  /** Adam's t: updates so far. */
  t = 0;
  private lrT = 0;

  constructor(
    readonly net: FastNet,
    readonly cfg: Pick<TrainConfig, 'optimizer' | 'learningRate' | 'momentum' | 'decayRate' | 'beta1' | 'beta2' | 'weightDecay'>,
  ) {}

  /** Before each step's update (both halves): Adam's bias-corrected rate for this t. */
  begin(): void {
    this.t += 1;
    const { beta1, beta2, learningRate } = this.cfg;
    this.lrT = (learningRate * Math.sqrt(1.0 - beta2 ** this.t)) / (1.0 - beta1 ** this.t);
  }

  /** Updates params[from, to) (floats); `both`: the gradient is the sum of gradients 0 and 1. */
  apply(from: number, to: number, both: boolean): void {
    const { net, cfg } = this;
    const lambda = cfg.weightDecay;
    if (cfg.optimizer === 'SGD' && lambda === 0) {
      const P = net.L.params + from * 4;
      const [g0, g1] = net.L.grads;
      if (both) net.ex.axpy2(P, g0 + from * 4, g1 + from * 4, to - from, -cfg.learningRate);
      else net.ex.axpy(P, g0 + from * 4, to - from, -cfg.learningRate);
      return;
    }
    for (const t of net.L.tensors) {
      const a = Math.max(from, t.off / 4);
      const b = Math.min(to, t.off / 4 + t.floats);
      if (a < b) this.range(a, b, both, t.kind === 'W' ? lambda : 0);
    }
  }

  private range(a: number, b: number, both: boolean, lambda: number): void {
    const p = this.net.params;
    const [g0, g1] = this.net.grads;
    const [s0, s1] = this.net.state;
    const { optimizer, learningRate: lr, momentum: mo, decayRate: d, beta1, beta2 } = this.cfg;
    const grad = (i: number) => Math.fround((both ? g0[i] + g1[i] : g0[i]) + lambda * p[i]);
    switch (optimizer) {
      case 'SGD':
        for (let i = a; i < b; i++) p[i] -= lr * grad(i);
        return;
      case 'Momentum':
        for (let i = a; i < b; i++) {
          s0[i] = mo * s0[i] - lr * grad(i);
          p[i] += s0[i];
        }
        return;
      case 'Nesterov':
        for (let i = a; i < b; i++) {
          const g = grad(i);
          s0[i] *= mo;
          s0[i] -= lr * g;
          p[i] += mo * mo * s0[i];
          p[i] -= (1 + mo) * lr * g;
        }
        return;
      case 'AdaGrad':
        for (let i = a; i < b; i++) {
          const g = grad(i);
          s0[i] += g * g;
          p[i] -= (lr * g) / (Math.sqrt(s0[i]) + 1e-7);
        }
        return;
      case 'RMSprop':
        for (let i = a; i < b; i++) {
          const g = grad(i);
          s0[i] *= d;
          s0[i] += (1 - d) * g * g;
          p[i] -= (lr * g) / (Math.sqrt(s0[i]) + 1e-7);
        }
        return;
      case 'Adam': {
        const lrT = this.lrT;
        for (let i = a; i < b; i++) {
          const g = grad(i);
          s0[i] += (1 - beta1) * (g - s0[i]);
          s1[i] += (1 - beta2) * (g ** 2 - s1[i]);
          p[i] -= (lrT * s0[i]) / (Math.sqrt(s1[i]) + 1e-7);
        }
      }
    }
  }
}
