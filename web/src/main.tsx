// Entry point: pick the language, then render the application.

import { render } from 'preact';
import { App } from './app/App';
import { initI18n } from './platform/i18n';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  void initI18n().then((i18n) => render(<App i18n={i18n} />, root));
}
