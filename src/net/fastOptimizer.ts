import type { TrainConfig } from './config';
import type { FastNet } from './fastNet';
import { OPTIMIZER_NAMES } from './optimizers';

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
    readonly cfg: Pick<
      TrainConfig,
      'optimizer' | 'learningRate' | 'momentum' | 'decayRate' | 'beta1' | 'beta2' | 'weightDecay'
    >,
  ) {}

  /** Before each step's update (both halves): Adam's bias-corrected rate for this t. */
  begin(): void {
    this.t += 1;
    const { beta1, beta2, learningRate } = this.cfg;
    this.lrT = (learningRate * Math.sqrt(1.0 - beta2 ** this.t)) / (1.0 - beta1 ** this.t);
  }

  /** Updates params[from, to) (floats, multiples of 4); `both`: the gradient is the sum of gradients 0 and 1. */
  apply(from: number, to: number, both: boolean): void {
    const { net, cfg } = this;
    const lambda = cfg.weightDecay;
    const L = net.L;
    const at = (base: number, i: number) => base + i * 4;
    const call = (a: number, b: number, lam: number) => {
      const kind = OPTIMIZER_NAMES.indexOf(cfg.optimizer);
      const lr = cfg.optimizer === 'Adam' ? this.lrT : cfg.learningRate;
      const x = cfg.optimizer === 'RMSprop' ? cfg.decayRate : cfg.optimizer === 'Adam' ? cfg.beta1 : cfg.momentum;
      net.ex.optimize(
        kind,
        at(L.params, a),
        at(L.grads[0], a),
        at(L.grads[1], a),
        both ? 1 : 0,
        at(L.state[0], a),
        at(L.state[1], a),
        b - a,
        lr,
        x,
        cfg.beta2,
        lam,
      );
    };
    if (lambda === 0) {
      call(from, to, 0);
      return;
    }
    // λW on the weights only: each tensor's part of the range with its own λ.
    for (const t of L.tensors) {
      const a = Math.max(from, t.off / 4);
      const b = Math.min(to, t.off / 4 + t.floats);
      if (a < b) call(a, b, t.kind === 'W' ? lambda : 0);
    }
  }

  /** Adam's lr_t for this step, as `begin` computed it (the other worker is handed it). */
  get rate(): number {
    return this.lrT;
  }
  set rate(v: number) {
    this.lrT = v;
  }
}
