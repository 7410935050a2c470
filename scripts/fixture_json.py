"""What the fixture scripts share: JSON written one entry per line under its top-level key, so
that the diff of a regenerated file stays readable."""
import json
import os


def write(out, name, obj):
    lines = ['{']
    items = list(obj.items())
    for i, (k, v) in enumerate(items):
        lines.append('  ' + json.dumps(k) + ': ' + json.dumps(v, separators=(',', ':')) + (',' if i < len(items) - 1 else ''))
    lines.append('}')
    with open(os.path.join(out, name), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print(name, os.path.getsize(os.path.join(out, name)), 'bytes')
