// What the hall console's and the campus console's headers both do: the language switch
// draws the page again in the other language, sign-out ends the session, and the address's
// hash picks the page.
import { api } from './api.js';
import { lang, setLang, translateStatic } from './i18n.js';

// Wires the header's buttons and the hash to `route`, then shows the first page.
// `relabel` redraws what the header says of who is signed in, in the new language.
export function startShell(route, relabel = () => {}) {
  document.getElementById('lang').addEventListener('click', () => {
    setLang(lang() === 'zh' ? 'en' : 'zh');
    translateStatic();
    relabel();
    route();
  });
  document.getElementById('logout').addEventListener('click', async () => {
    await api('POST', '/api/v1/logout');
    location.reload();
  });
  window.addEventListener('hashchange', route);
  route();
}
