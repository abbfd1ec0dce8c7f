// The sign-in page (what /office/ shows without a session): POST /api/v1/login, then the
// same address again, which now serves the console.
import { api } from './api.js';
import { lang, setLang, t, translateStatic } from './i18n.js';

translateStatic();
document.getElementById('lang').addEventListener('click', () => {
  setLang(lang() === 'zh' ? 'en' : 'zh');
  translateStatic();
});

document.getElementById('login').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const form = ev.target, error = document.getElementById('error');
  error.textContent = '';
  const res = await api('POST', '/api/v1/login',
                        { login: form.login.value.trim(), password: form.password.value });
  if (res.status === 200) {
    location.reload();
  } else if (res.status === 429) {
    error.textContent = t('too_many', { s: res.retryAfter || '900' });
  } else if (res.status === 401) {
    error.textContent = t('wrong_password');
  } else {
    error.textContent = res.body?.error?.message || `HTTP ${res.status}`;
  }
});
