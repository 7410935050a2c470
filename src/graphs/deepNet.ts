import { CLASSES, PIXELS } from '../constants';
import type { NodeSpec } from '../engine';
import { twoLayerNet } from './matrixGraphs';
import { bookCode, type MatrixGraphDef } from './types';

/** What the graph needs of a net (net/arch.ts's NetArch has this shape; graphs do not import the net). */
export interface NetShape {
  hidden: readonly number[];
  activation: 'relu' | 'sigmoid';
  batchNorm: boolean;
  dropout: number;
}

const archName = (a: NetShape): string => [PIXELS, ...a.hidden, CLASSES].join('-');
const isTwoLayer = (a: NetShape): boolean =>
  a.hidden.length === 1 && a.activation === 'relu' && !a.batchNorm && a.dropout === 0;

/**
 * The traced graph of any net of the book's MultiLayerNetExtend family: a node per layer in
 * the book's order and with its names (Affine1, BatchNorm1, Relu1 / Sigmoid1, Dropout1, …,
 * Affine{n}, SoftmaxWithLoss), as one image runs through it in test mode (train_flg=False):
 * batch norm with its running averages, dropout keeping every unit × (1 − ratio). The book's
 * TwoLayerNet is chapter 5's own graph, unchanged. Built from the net's arch, so the trace of
 * whatever the training panel trained is data like every other graph.
 */
export function netGraphDef(arch: NetShape): MatrixGraphDef {
  if (isTwoLayer(arch)) return twoLayerNet;
  const key = `${archName(arch)}|${arch.activation}|${arch.batchNorm}|${arch.dropout}`;
  let def = made.get(key);
  if (!def) {
    def = build(arch);
    made.set(key, def);
  }
  return def;
}

const made = new Map<string, MatrixGraphDef>();

function build(arch: NetShape): MatrixGraphDef {
  const L = arch.hidden.length;
  const inputs: { name: string; literal: string }[] = [{ name: 'x', literal: '' }];
  const nodes: NodeSpec[] = [];
  const forward: string[] = [];
  const backward: string[] = [];
  const act = arch.activation === 'relu' ? 'Relu' : 'Sigmoid';
  let cur = 'x';
  const layer = (id: string, op: string, ins: string[], output: string, label: string) => {
    nodes.push({ id, op, inputs: ins, output, label });
    forward.push(`        # ${label} @f:${id}`);
    backward.unshift(`        # ${label} @b:${id}`);
    cur = output;
  };
  for (let i = 1; i <= L + 1; i++) {
    inputs.push({ name: `W${i}`, literal: '' }, { name: `b${i}`, literal: '' });
    layer(`affine${i}`, 'affine', [cur, `W${i}`, `b${i}`], `a${i}`, `Affine${i}`);
    if (i > L) break;
    if (arch.batchNorm) {
      inputs.push(
        { name: `gamma${i}`, literal: '' },
        { name: `beta${i}`, literal: '' },
        { name: `running_mean${i}`, literal: '' },
        { name: `running_var${i}`, literal: '' },
      );
      layer(
        `bn${i}`,
        'batchNorm',
        [cur, `gamma${i}`, `beta${i}`, `running_mean${i}`, `running_var${i}`],
        `n${i}`,
        `BatchNorm${i}`,
      );
    }
    layer(`act${i}`, arch.activation, [cur], `z${i}`, `${act}${i}`);
    if (arch.dropout > 0) {
      inputs.push({ name: `keep${i}`, literal: '' });
      layer(`drop${i}`, 'scale', [cur, `keep${i}`], `d${i}`, `Dropout${i}`);
    }
  }
  inputs.push({ name: 't', literal: '' });
  nodes.push({ id: 'loss', op: 'softmaxLoss', inputs: [cur, 't'], output: 'loss', label: 'SoftmaxWithLoss' });
  const code = bookCode(`
# common/multi_layer_net_extend.py: ${archName(arch)}, in a test (train_flg=False)
def predict(self, x, train_flg=False):
    for key, layer in self.layers.items():
        if "Dropout" in key or "BatchNorm" in key:
            x = layer.forward(x, train_flg)
        else:
            x = layer.forward(x)
${forward.join('\n')}
    return x

def loss(self, x, t, train_flg=False):
    y = self.predict(x, train_flg)
    return self.last_layer.forward(y, t) @f:loss

def gradient(self, x, t):
    self.loss(x, t, train_flg=True)
    dout = self.last_layer.backward(1) @b:loss
    layers = list(self.layers.values())
    layers.reverse()
    for layer in layers:
        dout = layer.backward(dout)
${backward.join('\n')}
`);
  return {
    ...twoLayerNet,
    graph: { inputs, nodes, output: 'loss' },
    code,
    codeKo: code,
  };
}
