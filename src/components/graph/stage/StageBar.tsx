import type { ReactNode } from 'react';
import { useT } from '../../common/useT';

const ICONS = {
  zoomIn:
    'M10 3a7 7 0 0 1 5.6 11.2l5 5-1.4 1.4-5-5A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10zm-1 2h2v2h2v2h-2v2H9v-2H7V9h2z',
  zoomOut: 'M10 3a7 7 0 0 1 5.6 11.2l5 5-1.4 1.4-5-5A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10zM7 9h6v2H7z',
  fit: 'M3 3h6v2H5v4H3zm12 0h6v6h-2V5h-4zM3 15h2v4h4v2H3zm16 0h2v6h-6v-2h4z',
  present: 'M2 4h20v12H13v2h4v2H7v-2h4v-2H2zm2 2v8h16V6z',
  download: 'M11 3h2v9.2l3.3-3.3 1.4 1.4L12 16l-5.7-5.7 1.4-1.4 3.3 3.3zM4 18h16v2H4z',
} as const;

function StageIcon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={ICONS[name]} fill="currentColor" />
    </svg>
  );
}

export interface StageActions {
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
  present(): void;
  downloadSvg(): void;
  downloadPng(): void;
}

/** Zoom, present and download: the accessible names are the UI contract's. */
export function StageBar({
  actions,
  presenting,
  busy,
  legend,
}: {
  actions: StageActions;
  presenting: boolean;
  busy: boolean;
  legend: ReactNode;
}) {
  const t = useT();
  return (
    <div className="stage-bar">
      {legend}
      <div className="stage-tools" role="toolbar" aria-label={t('stage.tools')}>
        <button
          type="button"
          onClick={actions.zoomOut}
          aria-label={t('stage.zoomOut')}
          title={`${t('stage.zoomOut')} (−)`}
        >
          <StageIcon name="zoomOut" />
        </button>
        <button
          type="button"
          onClick={actions.zoomIn}
          aria-label={t('stage.zoomIn')}
          title={`${t('stage.zoomIn')} (+)`}
        >
          <StageIcon name="zoomIn" />
        </button>
        <button type="button" onClick={actions.fit} aria-label={t('stage.fit')} title={`${t('stage.fit')} (0)`}>
          <StageIcon name="fit" />
        </button>
        <button
          type="button"
          className="present"
          onClick={actions.present}
          aria-pressed={presenting}
          title={`${t('stage.present')} (F)`}
        >
          <StageIcon name="present" /> <span className="tool-text">{t('stage.present')}</span>
        </button>
        <button
          type="button"
          className="download"
          onClick={actions.downloadSvg}
          disabled={busy}
          aria-label={t('stage.downloadSvg')}
          title={t('stage.downloadSvg')}
        >
          <StageIcon name="download" /> <span aria-hidden="true">SVG</span>
        </button>
        <button
          type="button"
          className="download"
          onClick={actions.downloadPng}
          disabled={busy}
          aria-label={t('stage.downloadPng')}
          title={t('stage.downloadPng')}
        >
          <StageIcon name="download" /> <span aria-hidden="true">PNG</span>
        </button>
      </div>
    </div>
  );
}
