import { Fragment, useRef, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { LINK_VALUE_MAX, omittedFromLink } from '../../store/url';
import { useFocusWhenGone } from './useFocusFallback';
import { useT } from './useT';

/**
 * What the page did not take from the link it was opened with, and which values it leaves out
 * of the link it writes: each said once, until dismissed. Dismissing one hands focus to the
 * other notice's Dismiss, else to `fallbackRef` (the control before them), never to the body.
 */
export function LinkNotices({ fallbackRef }: { fallbackRef: RefObject<HTMLElement | null> }) {
  const t = useT();
  const ignoredDismiss = useRef<HTMLButtonElement>(null);
  const omittedDismiss = useRef<HTMLButtonElement>(null);
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
  useFocusWhenGone(ignored.length > 0, [omittedDismiss, fallbackRef]);
  useFocusWhenGone(omitted.length > 0, [ignoredDismiss, fallbackRef]);
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
          <button ref={ignoredDismiss} type="button" onClick={dismissIgnored}>
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
          <button ref={omittedDismiss} type="button" onClick={() => dismissOmitted(omitted)}>
            {t('notice.dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
