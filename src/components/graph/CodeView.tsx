import type { BookCode } from '../../graphs';
import { ScrollRegion } from '../common/ScrollRegion';
import { useT } from '../common/useT';

/** The book's code with the line of the current step highlighted, as a debugger shows it. */
export function CodeView({
  code,
  last,
  name,
}: {
  code: BookCode;
  last: { kind: 'forward' | 'backward'; nodeId: string } | null;
  name: string;
}) {
  const t = useT();
  const current = last ? ((last.kind === 'forward' ? code.forwardLine : code.backwardLine)[last.nodeId] ?? -1) : -1;
  return (
    <section className="code" aria-label={t('code.region', { name })}>
      <h3>{t('code.title')}</h3>
      <ScrollRegion as="pre" label={t('scroll.code')}>
        <code>
          {code.lines.map((line, i) => (
            <span
              key={i}
              className={`line${i === current ? ' current' : ''}`}
              aria-current={i === current ? 'step' : undefined}
            >
              <span className="ln" aria-hidden="true">
                {i + 1}
              </span>
              {line || ' '}
              {'\n'}
            </span>
          ))}
        </code>
      </ScrollRegion>
    </section>
  );
}
