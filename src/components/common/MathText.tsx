import { Fragment } from 'react';
import { unbreakableRuns } from './unbreakable';

/**
 * Text with numbers in it (a cell, a step, feedback) where each row of a matrix and each shape
 * is one unbreakable unit (.mrow, nowrap): "[[2, 4, 6], [4, 3, 2]]" wraps between its rows,
 * never inside one. The text content is the text, unchanged.
 */
export function MathText({ text }: { text: string }) {
  return (
    <>
      {unbreakableRuns(text).map((r, i) =>
        r.keep ? (
          <span key={i} className="mrow">
            {r.text}
          </span>
        ) : (
          <Fragment key={i}>{r.text}</Fragment>
        ),
      )}
    </>
  );
}
