// The stock-take's phone page (第三十四条): staff signed in on their my page (or an office
// account) scan asset labels with the phone's camera — the browser's BarcodeDetector where it
// has one, else they type the tag — and each scan is recorded on the open stock-take where
// they stand, answered with what it means (found, found elsewhere, unknown).
import { api, failure, setCsrf } from './api.js';
import { formData, h, show } from './dom.js';
import { lang, setLang, t, translateStatic } from './i18n.js';
import { locationOf, place } from './pages/assets.js';

const root = document.getElementById('page');
let stopCamera = null;

async function start() {
  if (stopCamera) stopCamera();
  translateStatic();
  document.title = t('scan_title');
  const me = await api('GET', '/api/v1/me');
  if (me.status === 401) return signIn();
  if (me.status !== 200) return show(root, h('p', { class: 'error' }, failure(me)));
  setCsrf(me.body.csrf);
  const list = await api('GET', '/api/v1/stocktakes');
  if (list.status !== 200) return show(root, h('p', { class: 'error' }, failure(list)));
  const open = list.body.stocktakes.find((s) => s.status === 'open');
  if (!open) return show(root, h('p', { class: 'notice-box' }, t('scan_none_open')));

  const last = h('p', { class: 'scan-last', role: 'status' });
  const form = h('form', { class: 'signin-box', id: 'scan-form' },
    h('p', {}, open.name),
    h('label', {}, t('scan_location'), h('input', { name: 'location', required: true, maxlength: 64 })),
    h('label', {}, t('scan_tag'), h('input', { name: 'tag', required: true, maxlength: 200, autocomplete: 'off' })),
    h('button', { type: 'submit', class: 'primary' }, t('scan_record')), last);
  const record = async (text) => {
    const f = formData(form);
    const tag = text.split('/').pop();
    const r = await api('POST', `/api/v1/stocktakes/${open.id}/scans`, { tag, location: locationOf(f.location) });
    last.textContent = r.status === 201
      ? `${tag} ${r.body.scan.name || ''}：${t(`scan_${r.body.scan.result}`)}${r.body.scan.expected ? ` ${place(r.body.scan.expected)}` : ''}`
      : failure(r);
    last.className = `scan-last ${r.status === 201 ? r.body.scan.result : 'error'}`;
    form.elements.tag.value = '';
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); record(form.elements.tag.value.trim()); });

  const camera = h('div', {});
  if ('BarcodeDetector' in window && navigator.mediaDevices) {
    camera.append(h('button', { type: 'button', onclick: () => scan(camera, form, record) }, t('scan_camera')));
  } else {
    camera.append(h('p', { class: 'muted' }, t('scan_no_camera')));
  }
  show(root, form, camera);
  document.body.dataset.ready = 'yes';
}

// The my page's sign-in (staff number and PIN); an office account signs in at /office/.
function signIn() {
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { id: 'me-login', class: 'signin-box' },
    h('label', {}, t('staff_number'), h('input', { name: 'staff', required: true, autocomplete: 'username', maxlength: 16 })),
    h('label', {}, t('pin'), h('input', { name: 'pin', type: 'password', inputmode: 'numeric', required: true, maxlength: 12 })),
    error, h('button', { type: 'submit', class: 'primary' }, t('sign_in')), h('p', { class: 'hint' }, t('my_hint')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = await api('POST', '/api/v1/me/login', formData(form));
    if (r.status === 200) return start();
    error.textContent = failure(r);
  });
  show(root, form);
}

// The camera's frames through BarcodeDetector; a tag read twice in a row within 3 s counts once.
async function scan(box, form, record) {
  if (!form.elements.location.value.trim()) return form.elements.location.focus();
  const video = h('video', { playsinline: true, muted: true });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  video.srcObject = stream;
  await video.play();
  box.replaceChildren(video);
  const detector = new BarcodeDetector({ formats: ['qr_code'] });
  let running = true;
  let previous = { text: '', at: 0 };
  stopCamera = () => { running = false; stream.getTracks().forEach((tr) => tr.stop()); };
  while (running) {
    const codes = await detector.detect(video).catch(() => []);
    const now = Date.now();
    if (codes.length && !(codes[0].rawValue === previous.text && now - previous.at < 3000)) {
      previous = { text: codes[0].rawValue, at: now };
      await record(codes[0].rawValue);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

document.getElementById('lang').addEventListener('click', () => {
  setLang(lang() === 'zh' ? 'en' : 'zh');
  start();
});
start();
