// The sheet-sync dashboard: plain JavaScript over the REST API. The token is asked once and kept in
// sessionStorage, so it leaves with the browser tab and is never written to disk by us.
(function () {
  'use strict';

  const TOKEN_KEY = 'sheet-sync-token';
  const $ = (id) => document.getElementById(id);
  let pollTimer = null;
  // What the token may do, from GET /api/session: the page offers only that. Until known, the least (viewer).
  let role = 'viewer';
  let settings = null;
  let plan = null;

  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  function mayOperate() { return role === 'operator' || role === 'admin'; }

  async function api(path, options = {}) {
    const headers = { 'Authorization': 'Bearer ' + token(), 'Accept': 'application/json' };
    if (options.body !== undefined) { headers['Content-Type'] = 'application/json'; }
    const response = await fetch(path, {
      method: options.method || 'GET',
      headers: headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body)
    });
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (response.status === 401) { signOut('That token was not accepted.'); }
    return { status: response.status, body: body };
  }

  function text(element, value) { element.textContent = value; }

  function when(iso) {
    if (!iso) { return '–'; }
    const date = new Date(iso);
    return date.toLocaleString();
  }

  function ago(iso) {
    if (!iso) { return 'never'; }
    const minutes = Math.round((Date.now() - new Date(iso).getTime()) / 60000);
    if (minutes < 1) { return 'just now'; }
    if (minutes < 120) { return minutes + ' min ago'; }
    return Math.round(minutes / 60) + ' h ago';
  }

  function percent(rate) { return rate === null || rate === undefined ? '–' : (rate * 100).toFixed(1) + ' %'; }

  function duration(ms) { return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(1) + ' s'; }

  function element(tag, className, content) {
    const node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined) { node.textContent = content; }
    return node;
  }

  // On a phone a table stacks each row into label and value pairs (style.css), labelled from its header.
  function labelCells(table) {
    const labels = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent);
    table.querySelectorAll('tbody tr').forEach((row) => Array.from(row.children).forEach((cell, i) => {
      if (labels[i]) { cell.dataset.label = labels[i]; }
    }));
  }

  // --- sign in -------------------------------------------------------------------------------------------------

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    role = 'viewer';
    $('app').hidden = true;
    $('logout').hidden = true;
    $('login').hidden = false;
    text($('login-error'), message || '');
    if (pollTimer) { clearInterval(pollTimer); pollTimer = null; }
  }

  async function signIn(candidate) {
    sessionStorage.setItem(TOKEN_KEY, candidate);
    const answer = await api('/api/dashboard');
    if (answer.status !== 200) {
      if (answer.status !== 401) { signOut('The service answered ' + answer.status + '.'); }
      return;
    }
    const session = await api('/api/session');
    role = session.status === 200 ? session.body.role : 'viewer';
    $('login').hidden = true;
    $('app').hidden = false;
    $('logout').hidden = false;
    applyRole();
    render(answer.body);
    pollTimer = setInterval(refresh, 15000);
  }

  // A viewer is not offered what the API would refuse it; the page says which role it needs instead.
  function applyRole() {
    const operator = mayOperate();
    $('sync-now').disabled = !operator;
    $('sync-now').title = operator ? '' : 'Starting a sync needs an operator or admin token';
    $('sync-role').hidden = operator;
    settings.show(role);
    plan.show(role);
  }

  // --- dashboard -----------------------------------------------------------------------------------------------

  async function refresh() {
    const answer = await api('/api/dashboard');
    if (answer.status === 200) { render(answer.body); }
  }

  function render(data) {
    const status = $('status');
    status.className = 'card status ' + data.status;
    text($('status-word'), data.status);
    text($('status-reason'), data.statusReason || '');
    text($('status-detail'), data.syncRunning ? 'a sync is running now'
      : 'last success ' + ago(data.lastSuccessfulSync));
    text($('last-success'), when(data.lastSuccessfulSync));
    text($('next-run'), data.nextScheduledSync ? when(data.nextScheduledSync) : 'not scheduled');
    text($('rate-24h'), percent(data.successRate24h));
    text($('rate-7d'), percent(data.successRate7d));
    text($('gap-count'), String(data.currentGapCount));
    drawTrend(data.syncTrend);
    listRuns(data.syncTrend);
    listAlerts(data.recentAlerts);
  }

  function drawTrend(points) {
    const svg = $('trend');
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    if (!points.length) { return; }
    const ns = 'http://www.w3.org/2000/svg';
    const longest = Math.max.apply(null, points.map((p) => p.duration).concat([1]));
    // At least 30 slots, so a young service's first runs do not fill the chart with two huge bars.
    const width = 600 / Math.max(points.length, 30);
    points.forEach((point, i) => {
      const height = Math.max(3, 140 * point.duration / longest);
      const bar = document.createElementNS(ns, 'rect');
      bar.setAttribute('x', String(i * width + 1));
      bar.setAttribute('y', String(150 - height));
      bar.setAttribute('width', String(Math.max(1, width - 2)));
      bar.setAttribute('height', String(height));
      bar.setAttribute('fill', point.status === 'completed' ? '#1b7f3b' : '#b3261e');
      const title = document.createElementNS(ns, 'title');
      title.textContent = when(point.timestamp) + ' · ' + point.status + ' · ' + duration(point.duration)
        + ' · ' + point.failureCount + ' rows failed';
      bar.appendChild(title);
      svg.appendChild(bar);
      if (point.failureCount > 0) {
        const dot = document.createElementNS(ns, 'circle');
        dot.setAttribute('cx', String(i * width + width / 2));
        dot.setAttribute('cy', '8');
        dot.setAttribute('r', String(Math.min(6, 2 + Math.log10(point.failureCount + 1) * 2)));
        dot.setAttribute('fill', '#b3261e');
        svg.appendChild(dot);
      }
    });
  }

  function listRuns(points) {
    const body = $('runs').querySelector('tbody');
    body.textContent = '';
    points.slice().reverse().slice(0, 15).forEach((point) => {
      const row = element('tr');
      row.appendChild(element('td', '', when(point.timestamp)));
      row.appendChild(element('td', point.status, point.status));
      row.appendChild(element('td', '', String(point.successCount)));
      row.appendChild(element('td', '', String(point.failureCount)));
      row.appendChild(element('td', '', duration(point.duration)));
      const cell = element('td');
      const open = element('button', 'quiet', 'Details');
      open.addEventListener('click', () => showRun(point.syncId));
      cell.appendChild(open);
      row.appendChild(cell);
      body.appendChild(row);
    });
    labelCells($('runs'));
  }

  async function showRun(syncId) {
    const panel = $('run-detail');
    panel.hidden = false;
    panel.textContent = 'Loading…';
    const run = await api('/api/sync/' + syncId);
    panel.textContent = '';
    if (run.status !== 200) { panel.textContent = 'Could not load the run (' + run.status + ').'; return; }
    const r = run.body;
    panel.appendChild(element('h3', '', 'Run ' + r.id));
    panel.appendChild(element('p', '', r.status + ' · ' + r.triggerSource + ' · ' + when(r.startTime) + ' → '
      + when(r.endTime) + ' · created ' + r.createdCount + ', updated ' + r.updatedCount + ', unchanged '
      + r.unchangedCount + ', failed ' + r.failureCount));
    // Every role sees the category and SQLSTATE; the error's own text comes only to admins (others get a sentence
    // made from the category).
    if (r.errorCategory) { panel.appendChild(element('p', 'error-kind', errorKind(r.errorCategory, r.sqlState))); }
    if (r.error) { panel.appendChild(element('p', 'error', r.error)); }
    if (r.verification) {
      const v = r.verification;
      panel.appendChild(element('p', '', 'Verification: sheet ' + v.spreadsheetCount + ', database '
        + v.databaseCount + ', gaps found ' + v.gapsDetected.length + ', still missing '
        + v.remainingGaps.length + ', orphans ' + v.orphans.length + ', integrity issues '
        + v.integrityIssues.length));
      v.integrityIssues.slice(0, 20).forEach((issue) =>
        panel.appendChild(element('div', 'detail', issue.issueType + ' · ' + (issue.sellerNumber || '') + ' · '
          + issue.description)));
    }
    const audit = await api('/api/audit/' + syncId);
    if (audit.status === 200 && audit.body) {
      const records = audit.body.records || audit.body.recordLogs || [];
      const errors = audit.body.errors || audit.body.errorLogs || [];
      panel.appendChild(element('h4', '', 'Records (' + records.length + ')'));
      records.slice(0, 100).forEach((record) => panel.appendChild(element('div', 'detail',
        record.sellerNumber + ' · ' + record.operation + ' · ' + record.result
        + (record.errorMessage ? ' · ' + record.errorMessage : ''))));
      panel.appendChild(element('h4', '', 'Errors (' + errors.length + ')'));
      errors.slice(0, 100).forEach((error) => panel.appendChild(element('div', 'detail',
        errorKind(error.errorType, error.sqlState) + ' · ' + (error.sellerNumber || '') + ' · '
        + (error.errorMessage || error.message))));
    } else if (audit.status === 403) {
      panel.appendChild(element('p', 'detail', 'Record and error logs need an admin token.'));
    }
  }

  function listAlerts(alerts) {
    const list = $('alerts');
    const operator = mayOperate();
    list.textContent = '';
    $('ack-role').hidden = operator || !alerts.some((alert) => !alert.acknowledged && !alert.resolvedAt);
    if (!alerts.length) { list.appendChild(element('li', 'detail', 'No alerts.')); return; }
    alerts.forEach((alert) => {
      const closed = alert.acknowledged || alert.resolvedAt;
      const item = element('li', closed ? 'closed' : 'open');
      item.dataset.alertId = alert.id;
      item.appendChild(element('span', 'sev ' + alert.severity, alert.severity));
      const textBox = element('div', 'text');
      textBox.appendChild(element('div', '', alert.type + ': ' + alert.message));
      const lost = lostColumns(alert);
      if (lost) { textBox.appendChild(element('div', 'detail columns', lost)); }
      textBox.appendChild(element('div', 'when', when(alert.timestamp)
        + (alert.occurrences > 1 ? ' · seen ' + alert.occurrences + ' times' : '')
        + (alert.acknowledged ? ' · acknowledged by ' + alert.acknowledgedBy : '')
        + (alert.resolvedAt ? ' · resolved ' + when(alert.resolvedAt) : '')));
      item.appendChild(textBox);
      if (!closed && operator) {
        const ack = element('button', 'quiet ack', 'Acknowledge');
        ack.addEventListener('click', () => acknowledge(alert.id, ack));
        item.appendChild(ack);
      }
      list.appendChild(item);
    });
  }

  // A column_vanished alert names its columns in its details: below admin its message has no error text to read.
  function lostColumns(alert) {
    if (alert.type !== 'column_vanished' || !alert.details) { return ''; }
    try {
      const columns = JSON.parse(alert.details).columns || [];
      return columns.map((c) => c.field + ' (\'' + c.header + '\' ' + c.change + ')').join(', ');
    } catch (e) {
      return '';
    }
  }

  function errorKind(category, sqlState) {
    return (category || 'unknown') + (sqlState ? ' · SQLSTATE ' + sqlState : '');
  }

  async function acknowledge(id, button) {
    button.disabled = true;
    const answer = await api('/api/alerts/' + id + '/acknowledge', { method: 'POST' });
    if (answer.status === 403) { alert('Acknowledging needs an operator token.'); button.disabled = false; return; }
    refresh();
  }

  // --- sync now ------------------------------------------------------------------------------------------------

  async function syncNow() {
    const button = $('sync-now');
    button.disabled = true;
    const answer = await api('/api/sync', { method: 'POST' });
    if (answer.status === 202) {
      text($('sync-message'), 'Sync ' + answer.body.syncId + ' started.');
      follow(answer.body.syncId);
    } else if (answer.status === 409) {
      text($('sync-message'), 'A sync is already running.');
      follow(answer.body.status && answer.body.status.syncId);
    } else if (answer.status === 403) {
      text($('sync-message'), 'Starting a sync needs an operator token.');
      button.disabled = false;
    } else {
      text($('sync-message'), 'The service answered ' + answer.status + '.');
      button.disabled = false;
    }
    return answer;
  }

  function follow(syncId) {
    $('progress').hidden = false;
    const timer = setInterval(async () => {
      const status = await api('/api/sync/status');
      if (status.status !== 200) { return; }
      const p = status.body.progress;
      if (status.body.isRunning && p) {
        const share = p.totalRecords ? Math.round(100 * p.processedRecords / p.totalRecords) : 0;
        $('progress-bar').style.width = share + '%';
        text($('progress-text'), p.currentPhase + ' · ' + p.processedRecords + ' / ' + p.totalRecords
          + ' rows · ' + p.errorCount + ' errors');
        return;
      }
      if (status.body.isRunning) { return; }
      clearInterval(timer);
      $('progress-bar').style.width = '100%';
      const last = status.body.lastSyncResult;
      text($('progress-text'), last ? 'Sync ' + last.status + ': ' + last.createdCount + ' created, '
        + last.updatedCount + ' updated, ' + last.unchangedCount + ' unchanged, ' + last.failureCount
        + ' failed' : 'done');
      $('sync-now').disabled = false;
      refresh();
    }, 1000);
  }

  // --- seller history ------------------------------------------------------------------------------------------

  async function sellerHistory(event) {
    event.preventDefault();
    const number = $('seller-number').value.trim();
    const box = $('seller-history');
    box.textContent = 'Loading…';
    const answer = await api('/api/sellers/' + encodeURIComponent(number) + '/history');
    box.textContent = '';
    if (answer.status !== 200) {
      box.appendChild(element('p', 'error', (answer.body && answer.body.message) || ('answered ' + answer.status)));
      return;
    }
    const runs = answer.body.runs || [];
    if (!runs.length) {
      box.appendChild(element('p', 'detail', 'No run touched ' + answer.body.sellerNumber + '.'));
      return;
    }
    box.appendChild(element('p', '', answer.body.sellerNumber + ': ' + runs.length + ' run(s), newest first'));
    const list = element('ul', 'history');
    runs.forEach((run) => {
      const item = element('li');
      item.appendChild(element('div', '', when(run.startTime) + ' · run ' + run.status + ' · ' + run.triggerSource));
      (run.records || []).forEach((record) => item.appendChild(element('div', 'detail', record.operation + ' · '
        + record.result + (record.errorMessage ? ' · ' + record.errorMessage : ''))));
      (run.errors || []).forEach((error) => item.appendChild(element('div', 'error',
        errorKind(error.errorType, error.sqlState) + ' · ' + (error.errorMessage || ''))));
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  // --- start ---------------------------------------------------------------------------------------------------

  settings = window.SettingsPanel({ api: api, element: element, when: when, labelCells: labelCells,
    onChange: () => refresh() });
  plan = window.PlanPanel({ api: api, element: element, when: when, labelCells: labelCells, syncNow: syncNow });
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    signIn($('token').value.trim());
  });
  $('logout').addEventListener('click', () => signOut(''));
  $('sync-now').addEventListener('click', syncNow);
  $('seller-form').addEventListener('submit', sellerHistory);

  if (token()) { signIn(token()); } else { signOut(''); }
}());
