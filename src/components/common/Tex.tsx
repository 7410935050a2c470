import katex from 'katex';
import { memo, useMemo } from 'react';

/** A formula typeset by KaTeX; the MathML copy inside is what screen readers read. */
export const Tex = memo(function Tex({ tex, block = false }: { tex: string; block?: boolean }) {
  const html = useMemo(
    () => katex.renderToString(tex, { throwOnError: false, displayMode: block, output: 'htmlAndMathml' }),
    [tex, block],
  );
  return <span className="tex" dangerouslySetInnerHTML={{ __html: html }} />;
});
