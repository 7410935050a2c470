import { Fragment } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { LINK_VALUE_MAX, omittedFromLink } from '../../store/url';
import { useT } from './useT';

/**
 * What the page did not take from the link it was opened with, and which values it leaves out
 * of the link it writes: each said once, until dismissed.
 */
export function LinkNotices() {
  const t = useT();
  const ignored = useAppStore((s) => s.urlIgnored);
  const dismissIgnored = useAppStore((s) => s.dismissUrlIgnored);
  const dismissOmitted = useAppStore((s) => s.dismissLinkNotice);
  const omitted = useAppStore(
    useShallow((s) =>
      omittedFromLink(s)
        .map((name) => `${s.graphId}:${name}`)
        .filter((k) => !s.linkNoticeDismissed[k]),
    ),
  );
  return (
    <>
      {ignored.length > 0 && (
        <div className="notice" role="status" aria-label={t('notice.ignoredTitle')}>
          <p>
            {ignored[0].reason === 'unreadable' ? (
              t('notice.unreadable')
            ) : (
              <>
                {t('notice.ignored')}{' '}
                {ignored.map((p, i) => (
                  <Fragment key={`${p.name}-${i}`}>
                    {i > 0 && '; '}
                    <code>
                      {p.name}={p.value}
                    </code>{' '}
                    ({t(p.reason === 'unreadable' ? 'notice.unreadable' : `notice.reason.${p.reason}`)})
                  </Fragment>
                ))}
              </>
            )}
          </p>
          <button type="button" onClick={dismissIgnored}>
            {t('notice.dismiss')}
          </button>
        </div>
      )}
      {omitted.length > 0 && (
        <div className="notice" role="status" aria-label={t('notice.omittedTitle')}>
          <p>
            {t('notice.omitted', {
              names: omitted.map((k) => k.slice(k.indexOf(':') + 1)).join(', '),
              max: LINK_VALUE_MAX,
            })}
          </p>
          <button type="button" onClick={() => dismissOmitted(omitted)}>
            {t('notice.dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
