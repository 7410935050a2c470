import katex from 'katex';
import { memo, useMemo } from 'react';

/**
 * A formula typeset by KaTeX; the MathML copy inside is what screen readers read. `display`
 * sets it in display style within the line: a fraction's numerator and denominator at full
 * size (∂L/∂a as tall as the text), not shrunk to a script size of about 9 px.
 */
export const Tex = memo(function Tex({
  tex,
  block = false,
  display = false,
}: {
  tex: string;
  block?: boolean;
  display?: boolean;
}) {
  const html = useMemo(
    () =>
      katex.renderToString(display ? `\\displaystyle ${tex}` : tex, {
        throwOnError: false,
        displayMode: block,
        output: 'htmlAndMathml',
      }),
    [tex, block, display],
  );
  return <span className="tex" dangerouslySetInnerHTML={{ __html: html }} />;
});
