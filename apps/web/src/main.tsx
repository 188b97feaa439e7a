import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './lib/i18n/i18n';
import { AppRoutes } from './router';
import './styles.css';

// After the reader's catalogue (one lazy chunk, preloaded from index.html): translated at once.
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppRoutes />
    </StrictMode>,
  ),
);
