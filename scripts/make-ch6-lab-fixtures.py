"""Writes the chapter 6 lab's fixtures (src/lab/fixtures/) from the book's own scripts.

    python3 scripts/make-ch6-lab-fixtures.py /path/to/deep-learning-from-scratch src/lab/fixtures

(.prettierignore leaves the written files as they are.)

The first argument is a checkout of the book's code (WegraLee/deep-learning-from-scratch, the
folder that holds common/ and ch06/); it is run from there and never copied into this
repository. matplotlib need not be installed: a stub stands in for it, and its plt.plot
records what the script draws. The output is committed; src/lab/*.test.ts compare to 1e-12.

- optimizer-paths.json: ch06/optimizer_compare_naive.py run as it is. Each optimizer's path is
  the 30 points the script draws (x_history, y_history), then the point its 30th update
  reached (the script's params when it draws), so 31 points; and the state each optimizer
  holds after its 30 updates (Momentum's v, AdaGrad's h, Adam's iter, m and v).
- smooth-curve.json: common/util.py's smooth_curve of a fixed, seeded noisy loss curve.
- histogram.json: np.histogram, as the book's plt.hist(a, 30, range=(0,1)) counts, of values
  that include every bin edge and the ends, over (0, 1) in 30 bins and (-1, 1) in 20.

JSON floats are written with repr, which reads back to the same double; Prettier's layout of
the files changes no number.
"""
import json
import os
import runpy
import sys
import types

import numpy as np

if len(sys.argv) != 3:
    sys.exit(__doc__)
book, out = os.path.abspath(sys.argv[1]), sys.argv[2]
sys.path.insert(0, book)
from common.util import smooth_curve  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture_json  # noqa: E402

os.makedirs(out, exist_ok=True)

# A stub for matplotlib: every pyplot function does nothing, except plot, which records the
# paths the script draws together with the script's params and optimizer at that moment.
drawn = []


def plot(*args, **kwargs):
    caller = sys._getframe(1).f_globals
    if len(args) >= 2 and isinstance(args[0], list):
        opt = caller['optimizer']
        drawn.append(dict(
            name=type(opt).__name__,
            x=[float(v) for v in args[0]] + [float(caller['params']['x'])],
            y=[float(v) for v in args[1]] + [float(caller['params']['y'])],
            state=state_of(opt)))


def state_of(opt):
    """What the optimizer keeps after its updates, by the book's attribute names."""
    s = {}
    for attr in ('v', 'h', 'm'):
        d = getattr(opt, attr, None)
        if isinstance(d, dict):
            s[attr] = {k: float(v) for k, v in d.items()}
    if hasattr(opt, 'iter'):
        s['iter'] = int(opt.iter)
    return s


pyplot = types.ModuleType('matplotlib.pyplot')
pyplot.__getattr__ = lambda name: (lambda *a, **k: None)
pyplot.plot = plot
matplotlib = types.ModuleType('matplotlib')
matplotlib.pyplot = pyplot
sys.modules['matplotlib'] = matplotlib
sys.modules['matplotlib.pyplot'] = pyplot


def write(name, obj):
    fixture_json.write(out, name, obj)


def optimizer_paths():
    runpy.run_path(os.path.join(book, 'ch06', 'optimizer_compare_naive.py'), run_name='__main__')
    assert [d['name'] for d in drawn] == ['SGD', 'Momentum', 'AdaGrad', 'Adam'], drawn
    write('optimizer-paths.json', {d['name']: d for d in drawn})


def smooth():
    rng = np.random.default_rng(6)
    n = 120
    x = 2.3 * np.exp(-np.arange(n) / 30.0) + 0.1 + 0.2 * rng.standard_normal(n)
    write('smooth-curve.json', dict(x=x.tolist(), smoothed=smooth_curve(x).tolist()))


def histogram():
    rng = np.random.default_rng(21)
    edges = np.concatenate([np.linspace(0, 1, 31), np.linspace(-1, 1, 21)])
    near = np.concatenate([np.nextafter(edges, 2), np.nextafter(edges, -2)])
    values = np.concatenate([rng.uniform(-1.2, 1.2, 2000), edges, near, [0.0, 1.0, -1.0, 1 / 3, 2 / 3, 0.1, 0.7]])
    cases = {}
    for bins, lo, hi in ((30, 0, 1), (20, -1, 1)):
        counts, e = np.histogram(values, bins, range=(lo, hi))
        cases['%d:%g,%g' % (bins, lo, hi)] = dict(bins=bins, range=[lo, hi], counts=counts.tolist(), edges=e.tolist())
    write('histogram.json', dict(values=values.tolist(), **cases))


optimizer_paths()
smooth()
histogram()
