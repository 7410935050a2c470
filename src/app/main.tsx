import 'katex/dist/katex.min.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { detectLang } from '../i18n';
import { useAppStore } from '../store';
import { fromSearch, toSearch } from '../store/url';
import { App } from './App';
import { registerServiceWorker } from './pwa';
import './typography.css';

useAppStore.setState(fromSearch(window.location.search, detectLang(window.location.search, navigator.language)));
// A link to a tour stop (tour=N) opens that stop: its graph, inputs and step.
const { tour, goToStop } = useAppStore.getState();
if (tour !== null) goToStop(tour);

// The graph, its inputs, the step and the language live in the URL, so a link opens that moment.
let lastSearch = '';
useAppStore.subscribe((s) => {
  const search = toSearch(s);
  if (search === lastSearch) return;
  lastSearch = search;
  window.history.replaceState(null, '', search);
});

// The last run, as the browser kept it (a run started before it is read wins).
void useAppStore.getState().restoreRun();
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
