// The console's calls to the hub's JSON API. Changes carry the session's CSRF token
// (X-CSRF-Token), which the hub requires on every cookie request that changes something.
import { t } from './i18n.js';

let csrf = '';
export function setCsrf(token) { csrf = token; }

// {status, body, retryAfter} (body null when the answer is not JSON); a network failure is
// status 0.
export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let r;
  try {
    r = await fetch(path, { method, headers, credentials: 'same-origin', cache: 'no-store',
                            body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    return { status: 0, body: null };
  }
  if (r.status === 401 && csrf) {
    // The session held ended (8 idle hours, signed out elsewhere): back to the sign-in page.
    location.reload();
  }
  let json = null;
  try { json = await r.json(); } catch (e) { /* not JSON */ }
  return { status: r.status, body: json, retryAfter: r.headers.get('Retry-After') };
}

// A file's bytes as the body (an import), with the session's CSRF token; answered as api().
export async function upload(path, file) {
  let r;
  try {
    r = await fetch(path, { method: 'POST', credentials: 'same-origin', cache: 'no-store', body: file,
                            headers: { Accept: 'application/json', 'X-CSRF-Token': csrf,
                                       'Content-Type': file.type || 'application/octet-stream' } });
  } catch (e) {
    return { status: 0, body: null };
  }
  let json = null;
  try { json = await r.json(); } catch (e) { /* not JSON */ }
  return { status: r.status, body: json };
}

// Words a failed answer for a person: a route this hub lacks, a refusal, or the hub's message.
export function failure(res) {
  if (res.status === 0) return t('err_network');
  if (res.status === 404 && res.body?.error?.code === 'not_found') return t('err_no_route');
  if (res.status === 403 && res.body?.error?.code === 'csrf') return t('err_csrf');
  if (res.status === 403) return t('err_forbidden');
  if (res.status === 409 && res.body?.error?.code === 'stale_version') return t('err_stale');
  const message = res.body?.error?.message;
  return message ? `${t('err_hub')}${message} (${res.status})` : `${t('err_hub')}HTTP ${res.status}`;
}

// The hall's units (code → {zh, en}) as the service list names them.
export async function unitNames() {
  const res = await api('GET', '/api/v1/services');
  const out = new Map();
  if (res.status === 200) for (const s of res.body.services) out.set(s.unit, s.unit_name || { zh: s.unit, en: s.unit });
  return out;
}

// The hall's today (its clock and zone, not the browser's), "YYYY-MM-DD".
export async function hallToday() {
  const res = await api('GET', '/api/v1/queue');
  return res.status === 200 ? res.body.now.slice(0, 10) : new Date().toISOString().slice(0, 10);
}
