// Entry point: pick the language and find out who is signed in, then render the application.

import { render } from 'preact';
import { App } from './app/App';
import { initI18n } from './platform/i18n';
import { loadSession } from './platform/session';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  void Promise.all([initI18n(), loadSession()]).then(([i18n, user]) => render(<App i18n={i18n} user={user} />, root));
}
