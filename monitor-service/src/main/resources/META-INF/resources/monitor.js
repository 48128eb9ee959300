// The monitor page: live training curves over server-sent events, the models table, recent detections drawn as
// boxes over their images, and an upload form that hands images to ingest-service with the user's token.
'use strict';

const TRAIN = '#1f77b4';
const VALIDATION = '#ff7f0e';
const BOX = '#e6194b';
const jobs = new Map();
// ?job=<id> opens the page on that job's curve; otherwise the most recently updated job is shown
let selected = new URLSearchParams(location.search).get('job');

const $ = id => document.getElementById(id);
const text = (tag, value, cls) => {
  const node = document.createElement(tag);
  node.textContent = value;
  if (cls) node.className = cls;
  return node;
};
const fixed = (value, digits) => value === null || value === undefined ? '—' : Number(value).toFixed(digits);

async function json(url) {
  const response = await fetch(url, {headers: {Accept: 'application/json'}});
  if (response.status === 401) signIn('this page needs a token to read the pipeline');
  if (!response.ok) throw new Error(url + ' answered ' + response.status);
  return response.json();
}

// ---- token ----
// Reads need a token: it lives in a same-site cookie, which the JSON calls, the images and the event stream all
// carry. It comes from the sign-in box, or once from the address (#token=...), which is then cleared.

const COOKIE = 'ocellus-token';

function keepToken(token) {
  let seconds = 12 * 3600;
  try {
    const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    if (claims.exp) seconds = Math.max(0, Math.floor(claims.exp - Date.now() / 1000));
  } catch (e) {
    // not a JWT the page can read: the server will say so
  }
  document.cookie = COOKIE + '=' + encodeURIComponent(token) + '; Path=/; SameSite=Strict; Max-Age=' + seconds;
}

function tokenFromAddress() {
  const match = location.hash.match(/(?:^#|&)token=([^&]+)/);
  if (!match) return;
  keepToken(decodeURIComponent(match[1]));
  history.replaceState(null, '', location.pathname + location.search);
}

function signIn(reason) {
  $('signin').hidden = false;
  $('signin-reason').textContent = reason;
}

// ---- training ----

function renderJobs() {
  const list = $('jobs');
  list.replaceChildren();
  const ordered = [...jobs.values()].sort((a, b) => (b.updatedAt || '').localeCompare(a.updatedAt || ''));
  if (ordered.length === 0) {
    list.append(text('li', 'No training job seen yet.', 'empty'));
    return;
  }
  for (const job of ordered) {
    const item = document.createElement('li');
    item.dataset.job = job.jobId;
    if (job.jobId === selected) item.className = 'selected';
    const last = job.epochs.length ? job.epochs[job.epochs.length - 1] : null;
    item.append(text('span', job.status || '?', 'status ' + (job.status || '')));
    item.append(text('strong', job.modelName || job.jobId));
    item.append(document.createElement('br'));
    item.append(text('small', job.jobId + (last ? ' · epoch ' + last.epoch + '/' + (job.totalEpochs || '?') : '')));
    item.addEventListener('click', () => select(job.jobId));
    list.append(item);
  }
}

async function select(jobId) {
  selected = jobId;
  const job = await json('/v1/jobs/' + encodeURIComponent(jobId));
  jobs.set(job.jobId, job);
  renderJobs();
  drawCurve(job);
}

function drawCurve(job) {
  const canvas = $('curve');
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, canvas.width, canvas.height);
  $('curve-title').textContent = job ? (job.modelName || 'job') + ' (' + job.jobId + ') — ' + job.status : '—';
  canvas.dataset.points = job ? String(job.epochs.length) : '0';
  if (!job || job.epochs.length === 0) return;
  const half = canvas.height / 2;
  panel(g, job.epochs, 'loss', e => e.trainLoss, e => e.valLoss, 0, half, canvas.width);
  panel(g, job.epochs, 'accuracy', e => e.trainAccuracy, e => e.valAccuracy, half, half, canvas.width);
}

function panel(g, epochs, name, train, validation, top, height, width) {
  const left = 56, right = 16, pad = 22;
  const values = epochs.flatMap(e => [train(e), validation(e)]).filter(v => v !== null && v !== undefined);
  let low = Math.min(...values), high = Math.max(...values);
  if (high - low < 1e-9) { low -= 0.5; high += 0.5; }
  const first = epochs[0].epoch, last = epochs[epochs.length - 1].epoch;
  const x = epoch => left + (last === first ? 0.5 : (epoch - first) / (last - first)) * (width - left - right);
  const y = value => top + pad + (1 - (value - low) / (high - low)) * (height - 2 * pad);

  g.strokeStyle = '#ccc';
  g.lineWidth = 1;
  g.strokeRect(left, top + pad, width - left - right, height - 2 * pad);
  g.fillStyle = '#555';
  g.font = '12px sans-serif';
  g.fillText(name, 6, top + pad - 6);
  g.fillText(high.toFixed(3), 4, top + pad + 10);
  g.fillText(low.toFixed(3), 4, top + height - pad);
  g.fillText('epoch ' + first, left, top + height - 6);
  g.fillText('epoch ' + last, width - right - 60, top + height - 6);

  for (const [series, colour] of [[train, TRAIN], [validation, VALIDATION]]) {
    const points = epochs.filter(e => series(e) !== null && series(e) !== undefined);
    if (points.length === 0) continue;
    g.strokeStyle = colour;
    g.fillStyle = colour;
    g.lineWidth = 3;
    g.beginPath();
    points.forEach((e, i) => i === 0 ? g.moveTo(x(e.epoch), y(series(e))) : g.lineTo(x(e.epoch), y(series(e))));
    g.stroke();
    for (const e of points) g.fillRect(x(e.epoch) - 3, y(series(e)) - 3, 6, 6);
  }
}

function onJobChange(job) {
  jobs.set(job.jobId, job);
  if (selected === null) selected = job.jobId;
  renderJobs();
  if (job.jobId === selected) drawCurve(job);
}

function listen() {
  const source = new EventSource('/v1/jobs/stream');
  source.onopen = () => { $('live').textContent = 'live'; $('live').className = 'badge on'; };
  source.onerror = () => { $('live').textContent = 'reconnecting…'; $('live').className = 'badge'; };
  source.onmessage = message => onJobChange(JSON.parse(message.data));
}

// ---- models ----

async function refreshModels() {
  const models = await json('/v1/models');
  const rows = $('model-rows');
  rows.replaceChildren();
  if (models.length === 0) {
    const row = document.createElement('tr');
    const cell = text('td', 'No model published yet.', 'empty');
    cell.colSpan = 7;
    row.append(cell);
    rows.append(row);
  }
  for (const model of models) {
    for (const version of model.versions) {
      const row = document.createElement('tr');
      row.append(text('td', model.name), text('td', version.version === model.currentVersion ? '●' : ''),
        text('td', version.version), text('td', fixed(version.testRank1, 4)), text('td', fixed(version.testRank5, 4)),
        text('td', version.jobId || '—'), text('td', (version.publishedAt || '').replace('T', ' ').slice(0, 19)));
      rows.append(row);
    }
  }
}

// ---- pipeline ----

const STAGES = {
  classified: 'ingested → classified',
  classification_compute: 'classification, model time',
  detected: 'ingested → detected',
  detection_compute: 'detection, search time',
  result_delivery: 'result → read by the monitor',
};

function millis(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return value >= 1000 ? (value / 1000).toFixed(2) + ' s' : value.toFixed(1) + ' ms';
}

async function refreshPipeline() {
  const pipeline = await json('/v1/pipeline');
  const lagRows = $('lag-rows');
  lagRows.replaceChildren();
  if (pipeline.lag.length === 0) {
    const row = document.createElement('tr');
    const cell = text('td', 'No lag measured yet.', 'empty');
    cell.colSpan = 3;
    row.append(cell);
    lagRows.append(row);
  }
  for (const lag of pipeline.lag) {
    const row = document.createElement('tr');
    row.append(text('td', lag.group), text('td', lag.topic), text('td', lag.records));
    lagRows.append(row);
  }
  const latencyRows = $('latency-rows');
  latencyRows.replaceChildren();
  for (const stage of pipeline.latency) {
    const row = document.createElement('tr');
    row.append(text('td', STAGES[stage.stage] || stage.stage), text('td', stage.count),
      text('td', millis(stage.p50Millis)), text('td', millis(stage.p99Millis)), text('td', millis(stage.maxMillis)));
    latencyRows.append(row);
  }
}

// ---- detections ----

async function refreshDetections() {
  const detections = await json('/v1/detections/recent');
  const cards = $('detection-cards');
  if (detections.length === 0) return;
  const shown = [...cards.querySelectorAll('.card')].map(card => card.dataset.key).join(',');
  const keys = detections.map(d => d.imageId + '/' + d.modelName + '/' + d.modelVersion);
  if (shown === keys.join(',')) return;
  cards.replaceChildren();
  detections.forEach((detection, i) => cards.append(card(detection, keys[i])));
}

function card(detection, key) {
  const node = document.createElement('figure');
  node.className = 'card';
  node.dataset.key = key;
  node.dataset.boxes = String(detection.boxes.length);
  const frame = document.createElement('div');
  frame.className = 'frame';
  const image = document.createElement('img');
  image.alt = detection.imageId;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  image.addEventListener('load', () => {
    svg.setAttribute('viewBox', '0 0 ' + image.naturalWidth + ' ' + image.naturalHeight);
    svg.setAttribute('preserveAspectRatio', 'none');
    for (const box of detection.boxes) svg.append(...boxShapes(box));
  });
  image.src = '/v1/images/' + encodeURIComponent(detection.imageId) + '/content';
  frame.append(image, svg);
  node.append(frame);
  node.append(text('p', detection.modelName + ' v' + detection.modelVersion + ' · ' + detection.boxes.length
    + ' objects · ' + detection.windowsEvaluated + ' windows · ' + fixed(detection.latencyMillis, 1) + ' ms'));
  return node;
}

function boxShapes(box) {
  const ns = 'http://www.w3.org/2000/svg';
  const rect = document.createElementNS(ns, 'rect');
  rect.setAttribute('x', box.x1);
  rect.setAttribute('y', box.y1);
  rect.setAttribute('width', box.x2 - box.x1);
  rect.setAttribute('height', box.y2 - box.y1);
  rect.setAttribute('fill', 'none');
  rect.setAttribute('stroke', BOX);
  rect.setAttribute('stroke-width', '3');
  rect.setAttribute('vector-effect', 'non-scaling-stroke');
  rect.setAttribute('shape-rendering', 'crispEdges');
  const label = document.createElementNS(ns, 'text');
  label.setAttribute('x', box.x1);
  label.setAttribute('y', Math.max(10, box.y1 - 2));
  label.setAttribute('fill', '#fff');
  label.setAttribute('font-size', '10');
  label.setAttribute('paint-order', 'stroke');
  label.setAttribute('stroke', '#000');
  label.setAttribute('stroke-width', '2');
  label.textContent = box.label + ' ' + Number(box.score).toFixed(2);
  return [rect, label];
}

// ---- upload ----

async function upload(event) {
  event.preventDefault();
  const form = new FormData();
  for (const file of $('files').files) form.append('file', file, file.name);
  for (const field of ['dataset', 'label', 'split']) if ($(field).value) form.append(field, $(field).value);
  const tasks = [...document.querySelectorAll('input[name=task]:checked')].map(box => box.value);
  if (tasks.length) form.append('tasks', tasks.join(','));
  $('upload-result').textContent = 'uploading…';
  const response = await fetch('/v1/upload', {
    method: 'POST', body: form, headers: {Authorization: 'Bearer ' + $('token').value.trim()}});
  $('upload-result').textContent = response.status + ' ' + response.statusText + '\n' + await response.text();
}

// ---- start ----

async function start() {
  tokenFromAddress();
  window.addEventListener('hashchange', () => {
    if (/token=/.test(location.hash)) {
      tokenFromAddress();
      location.reload();
    }
  });
  $('signin').addEventListener('submit', event => {
    event.preventDefault();
    keepToken($('viewer-token').value.trim());
    location.reload();
  });
  $('upload-form').addEventListener('submit', upload);
  listen();
  try {
    const summaries = await json('/v1/jobs');
    summaries.forEach(job => jobs.set(job.jobId, job));
    renderJobs();
    if (summaries.length) await select(selected || summaries[0].jobId);
  } catch (e) {
    console.error(e);
  }
  const refresh = () => Promise.all([refreshModels(), refreshPipeline(), refreshDetections()]).catch(e => console.error(e));
  await refresh();
  setInterval(refresh, 5000);
}

start();
