import { useEffect } from 'react';
import { GraphPanel } from '../components/graph/GraphPanel';
import { TrainingPanel } from '../components/training/TrainingPanel';
import { Icon } from '../components/common/Icon';
import { StartTourButton, TourCard } from '../components/practice/TourCard';
import { useT } from '../components/common/useT';
import { ViewNav } from '../components/common/ViewNav';
import { useViewScroll } from '../components/common/useViewScroll';
import { useAppStore } from '../store';

export function App() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const toggleLang = useAppStore((s) => s.toggleLang);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t('app.title')} — Backprop Lab`;
  }, [lang, t]);
  useViewScroll();
  return (
    <>
      <a className="skip" href="#training">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <div className="brand">
          <h1>{t('app.title')}</h1>
          <p className="subtitle">{t('app.subtitle')}</p>
        </div>
        <ViewNav />
        <div className="header-tools">
          <StartTourButton />
          <button type="button" className="lang" onClick={toggleLang} title={t('app.languageSwitch')}>
            <Icon name="globe" /> <span className="tool-text">{t('app.language')}</span>
          </button>
        </div>
      </header>
      <TourCard />
      <main className="layout">
        <GraphPanel />
        <TrainingPanel />
      </main>
    </>
  );
}
