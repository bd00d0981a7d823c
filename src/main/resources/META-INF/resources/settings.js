// The dashboard's Settings panel: the runtime settings in force with their source, the latest changes, and a form
// for the settings an admin tunes most (GET/PUT /api/config, GET /api/config/history). Admin only: the API refuses
// the rest, so for them the panel only says which role it needs. app.js hands in its helpers.
window.SettingsPanel = function (tools) {
  'use strict';

  const { api, element, when, labelCells, onChange } = tools;
  const $ = (id) => document.getElementById(id);
  const HISTORY = 10;
  // The settings the form edits; every other one is listed (and can be reset) in the table.
  const EDITABLE = [
    ['syncIntervalMinutes', 'Sync interval (minutes)'],
    ['consecutiveFailureThreshold', 'Failed runs in a row before an alert'],
    ['syncGapThreshold', 'Gaps in one run before an alert'],
    ['noSyncThresholdMinutes', 'Minutes without a completed run before an alert']
  ];
  const SOURCES = { startup: 'start-up', api: 'changed through the API' };
  let loaded = null;

  function valueAt(config, path) {
    return path.split('.').reduce((node, key) => (node === null || node === undefined ? node : node[key]), config);
  }

  function shown(value) {
    if (value === null || value === undefined) { return '–'; }
    if (Array.isArray(value)) { return value.length ? value.join(', ') : '(none)'; }
    return String(value);
  }

  // A PUT body naming one setting by its path: {"retryConfig": {"maxRetries": value}}.
  function bodyFor(path, value, body) {
    const keys = path.split('.');
    let node = body;
    keys.slice(0, -1).forEach((key) => { node = node[key] = node[key] || {}; });
    node[keys[keys.length - 1]] = value;
    return body;
  }

  function buildForm() {
    const fields = $('settings-form').querySelector('.fields');
    fields.textContent = '';
    EDITABLE.forEach(([path, label]) => {
      const field = element('div', 'field');
      field.dataset.setting = path;
      const name = element('label', '', label);
      name.htmlFor = 'setting-' + path;
      const input = element('input');
      input.id = 'setting-' + path;
      input.name = path;
      input.inputMode = 'numeric';
      input.autocomplete = 'off';
      field.appendChild(name);
      field.appendChild(input);
      field.appendChild(element('span', 'source detail'));
      const error = element('p', 'error field-error');
      error.id = 'setting-error-' + path;
      error.setAttribute('role', 'alert');
      field.appendChild(error);
      fields.appendChild(field);
    });
  }

  function clearErrors() {
    document.querySelectorAll('#settings-form .field-error').forEach((node) => { node.textContent = ''; });
    document.querySelectorAll('#settings-form input').forEach((node) => node.removeAttribute('aria-invalid'));
  }

  function showError(field, message) {
    const target = field && $('setting-error-' + field);
    if (target) {
      target.textContent = message;
      $('setting-' + field).setAttribute('aria-invalid', 'true');
      $('settings-message').textContent = 'Nothing was changed.';
    } else {
      $('settings-message').textContent = (field ? field + ': ' : '') + message;
    }
  }

  function render(config) {
    loaded = config;
    EDITABLE.forEach(([path]) => {
      $('setting-' + path).value = shown(valueAt(config, path));
      document.querySelector('#settings-form [data-setting="' + path + '"] .source').textContent =
        SOURCES[config.sources[path]] || config.sources[path];
    });
    const body = $('settings-table').querySelector('tbody');
    body.textContent = '';
    Object.keys(config.sources).forEach((path) => {
      const row = element('tr');
      row.dataset.setting = path;
      row.appendChild(element('td', '', path));
      row.appendChild(element('td', 'value', shown(valueAt(config, path))));
      row.appendChild(element('td', 'source ' + config.sources[path], SOURCES[config.sources[path]] || ''));
      const cell = element('td');
      if (config.sources[path] === 'api') {
        const reset = element('button', 'quiet reset', 'Reset to start-up value');
        reset.type = 'button';
        reset.addEventListener('click', () => save(bodyFor(path, null, {}), reset));
        cell.appendChild(reset);
      }
      row.appendChild(cell);
      body.appendChild(row);
    });
    labelCells($('settings-table'));
  }

  function renderHistory(changes) {
    const list = $('config-history');
    list.textContent = '';
    if (!changes.length) { list.appendChild(element('li', 'detail', 'No setting has been changed through the API.')); }
    changes.forEach((change) => {
      const item = element('li');
      item.appendChild(element('span', 'what', change.setting + ': ' + JSON.stringify(change.oldValue) + ' → '
        + JSON.stringify(change.newValue)));
      item.appendChild(element('span', 'when', ' · ' + change.changedBy + ' · ' + when(change.changedAt)));
      list.appendChild(item);
    });
  }

  async function load() {
    const [config, history] = await Promise.all([api('/api/config'), api('/api/config/history?limit=' + HISTORY)]);
    if (config.status !== 200) {
      $('settings-message').textContent = 'Could not load the settings (' + config.status + ').';
      return;
    }
    render(config.body);
    if (history.status === 200) { renderHistory(history.body.changes); }
  }

  // What the form holds that differs from the settings loaded; numbers go as numbers, anything else as typed, so
  // the API's own message says what is wrong with it.
  function edits() {
    const body = {};
    const blank = [];
    EDITABLE.forEach(([path]) => {
      const typed = $('setting-' + path).value.trim();
      if (typed === shown(valueAt(loaded, path))) { return; }
      if (typed === '') { blank.push(path); return; }
      bodyFor(path, /^-?\d+(\.\d+)?$/.test(typed) ? Number(typed) : typed, body);
    });
    return { body: body, blank: blank };
  }

  async function save(body, button) {
    clearErrors();
    button.disabled = true;
    const answer = await api('/api/config', { method: 'PUT', body: body });
    button.disabled = false;
    if (answer.status === 200) {
      $('settings-message').textContent = 'Saved.';
      await load();
      onChange();
    } else if (answer.status === 400 && answer.body) {
      showError(answer.body.field, answer.body.message);
    } else {
      $('settings-message').textContent = 'The service answered ' + answer.status + '; nothing was changed.';
    }
  }

  async function submit(event) {
    event.preventDefault();
    clearErrors();
    const change = edits();
    if (change.blank.length) {
      change.blank.forEach((path) => showError(path, 'Enter a value (the table below resets a setting to its'
        + ' start-up value).'));
      return;
    }
    if (!Object.keys(change.body).length) {
      $('settings-message').textContent = 'Nothing to save: no value was changed.';
      return;
    }
    await save(change.body, event.submitter || $('settings-form').querySelector('button[type="submit"]'));
  }

  buildForm();
  $('settings-form').addEventListener('submit', submit);

  return {
    /** Shows the panel for an admin, and for anyone else which role it needs. */
    show: function (role) {
      const admin = role === 'admin';
      $('settings-panel').hidden = !admin;
      $('settings-role').hidden = admin;
      $('settings-role').textContent = 'The runtime settings and their changes are shown to an admin token only;'
        + ' this one is ' + (role === 'operator' ? 'an operator' : 'a viewer') + '\'s.';
      $('settings-message').textContent = '';
      if (admin) { load(); }
    }
  };
};
