// Entry point: languages first (with every module's messages), then the app.
import { createRoot } from 'react-dom/client';
import { initI18n } from './app/i18n';
import { WEB_MODULES } from './app/modules';
import { App } from './app/App';
import './app/global.css';

initI18n(WEB_MODULES);
createRoot(document.getElementById('root')!).render(<App />);
