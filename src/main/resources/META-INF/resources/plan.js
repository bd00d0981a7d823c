// The dashboard's "Preview next sync" panel: what the next sync would write, field by field, computed now by
// POST /api/sync/plan (operator; nothing is written). A viewer may look at the last plan computed in this page but is
// not offered the Preview button, which the API would refuse it. Every value of a plan comes from the sheet, so it is
// only ever set as text, never as markup. app.js hands in its helpers and its Sync now.
window.PlanPanel = function (tools) {
  'use strict';

  const { api, element, when, labelCells, syncNow } = tools;
  const COUNTS = [
    ['create', 'to create'], ['update', 'to update'], ['unchanged', 'unchanged'], ['invalid', 'invalid rows'],
    ['duplicates', 'duplicate rows'], ['orphans', 'only in the database']
  ];
  // Counts the API adds beyond the six above; shown only when there are some.
  const EXTRA_COUNTS = [['moved', 'only moved in the sheet'], ['databaseNewer', 'kept: newer in the database']];
  const mount = document.getElementById('plan');
  let role = 'viewer';
  let plan = null;

  function mayOperate() { return role === 'operator' || role === 'admin'; }

  // The static part of the panel; the plan itself is drawn into result.
  mount.appendChild(element('h2', '', 'Preview next sync'));
  mount.appendChild(element('p', 'detail', 'What the next sync would write, field by field, computed now from the'
    + ' sheet and the database. Computing it writes nothing.'));
  const preview = element('button', '', 'Preview');
  preview.id = 'plan-preview';
  preview.type = 'button';
  mount.appendChild(preview);
  const roleNote = element('p', 'detail', 'Computing a preview needs an operator or admin token; this one is a'
    + ' viewer\'s.');
  roleNote.id = 'plan-role';
  mount.appendChild(roleNote);
  const message = element('p', 'detail');
  message.id = 'plan-message';
  message.setAttribute('role', 'status');
  mount.appendChild(message);
  const result = element('div', 'plan-result');
  result.id = 'plan-result';
  mount.appendChild(result);

  // A stored value as the plan gives it: null is an empty value, everything else its text.
  function shown(value) {
    return value === null || value === undefined || value === '' ? '(empty)' : String(value);
  }

  function countList(counts) {
    const list = element('ul', 'plan-counts');
    list.id = 'plan-counts';
    COUNTS.concat(EXTRA_COUNTS.filter(([key]) => counts[key] > 0)).forEach(([key, label]) => {
      const item = element('li');
      item.dataset.count = key;
      item.appendChild(element('strong', '', String(counts[key])));
      item.appendChild(document.createTextNode(' ' + label));
      list.appendChild(item);
    });
    return list;
  }

  function guardList(guards) {
    const box = element('div', 'plan-guards error');
    box.id = 'plan-guards';
    box.setAttribute('role', 'alert');
    box.appendChild(element('p', '', guards.length === 1 ? 'This guard would stop the sync before it writes:'
      : 'These guards would stop the sync before it writes:'));
    const list = element('ul');
    guards.forEach((guard) => {
      const item = element('li');
      item.dataset.guard = guard.guard;
      item.appendChild(element('strong', '', guard.guard));
      item.appendChild(document.createTextNode(': ' + guard.message));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  // One field of a change: "field: old → new" (a create has no old value), a value that would become empty marked.
  function fieldItem(field, create) {
    const item = element('li', field.blanking ? 'field-change blanking' : 'field-change');
    item.appendChild(element('span', 'field', field.field + ': '));
    if (!create) {
      item.appendChild(element('span', 'from', shown(field.from)));
      item.appendChild(document.createTextNode(' → '));
    }
    item.appendChild(element('span', 'to', shown(field.to)));
    if (field.blanking) { item.appendChild(element('span', 'tag', 'blanked')); }
    return item;
  }

  function changeTable(changes) {
    const wrap = element('div', 'table-wrap');
    const table = element('table', 'stack-on-phone');
    table.id = 'plan-changes';
    const head = element('tr');
    ['Seller', 'Operation', 'Row', 'Fields (old → new)'].forEach((label) => head.appendChild(element('th', '', label)));
    table.appendChild(element('thead')).appendChild(head);
    const body = table.appendChild(element('tbody'));
    changes.forEach((change) => {
      const row = element('tr');
      row.dataset.seller = change.sellerNumber;
      row.appendChild(element('td', 'seller', change.sellerNumber));
      row.appendChild(element('td', 'operation', change.operation));
      row.appendChild(element('td', 'row', String(change.row)));
      const cell = element('td', 'fields');
      const list = element('ul', 'field-changes');
      change.fields.forEach((field) => list.appendChild(fieldItem(field, change.operation === 'create')));
      cell.appendChild(list);
      row.appendChild(cell);
      body.appendChild(row);
    });
    labelCells(table);
    wrap.appendChild(table);
    return wrap;
  }

  function summary() {
    if (plan.inStep) { return 'In step: the next sync would write nothing.'; }
    const writes = plan.counts.create + plan.counts.update + (plan.counts.moved || 0);
    const stop = plan.guards.length ? ', but a guard would stop it first' : '';
    return 'The next sync would write ' + writes + ' seller' + (writes === 1 ? '' : 's') + stop + '.';
  }

  function render() {
    result.textContent = '';
    if (!plan) {
      result.appendChild(element('p', 'detail', mayOperate() ? 'No preview yet: press Preview.'
        : 'No preview has been computed in this page yet.'));
      return;
    }
    const head = element('p', 'plan-summary', summary());
    head.id = 'plan-summary';
    result.appendChild(head);
    result.appendChild(element('p', 'detail', 'Computed ' + when(plan.generatedAt) + '.'));
    result.appendChild(countList(plan.counts));
    if (plan.guards.length) { result.appendChild(guardList(plan.guards)); }
    if (plan.truncated) {
      const cut = element('p', 'plan-truncated', 'Only the first ' + plan.changes.length + ' changes are listed;'
        + ' the counts above are complete.');
      cut.id = 'plan-truncated';
      result.appendChild(cut);
    }
    if (plan.changes.length) { result.appendChild(changeTable(plan.changes)); }
    // a guard would stop the run before it writes: the sheet needs fixing (or the operator's consent) first
    if (mayOperate() && !plan.inStep && !plan.guards.length) { result.appendChild(syncBox()); }
  }

  // "Sync now" runs the real sync (app.js's Sync now: its progress shows up there). Offered once per preview: after
  // the run the preview is out of date.
  function syncBox() {
    const box = element('div', 'plan-sync');
    const button = element('button', '', 'Sync now');
    button.id = 'plan-sync';
    button.type = 'button';
    const note = element('span', 'detail');
    note.id = 'plan-sync-message';
    button.addEventListener('click', async () => {
      button.disabled = true;
      const answer = await syncNow();
      if (answer.status === 202) {
        note.textContent = ' Sync ' + answer.body.syncId + ' started; its progress shows under Sync now above.'
          + ' Preview again when it has finished.';
      } else if (answer.status === 409) {
        note.textContent = ' A sync is already running.';
        button.disabled = false;
      } else {
        note.textContent = ' ' + ((answer.body && answer.body.message) || 'The service answered ' + answer.status
          + '.');
        button.disabled = false;
      }
    });
    box.appendChild(button);
    box.appendChild(note);
    return box;
  }

  function say(text, problem) {
    message.className = problem ? 'error' : 'detail';
    message.textContent = text;
  }

  // A refused or failed preview keeps the last plan on show, under the message saying why there is no new one.
  async function compute() {
    preview.disabled = true;
    say('Computing the plan…', false);
    const answer = await api('/api/sync/plan', { method: 'POST' });
    preview.disabled = false;
    if (answer.status === 200) {
      plan = answer.body;
      say('', false);
    } else if (answer.status === 409) {
      say('A sync is running now, so nothing was previewed; preview again when it has finished.'
        + (answer.body && answer.body.message ? ' (' + answer.body.message + ')' : ''), true);
    } else {
      say('No preview: ' + ((answer.body && answer.body.message) || 'the service answered ' + answer.status + '.'),
        true);
    }
    render();
  }

  preview.addEventListener('click', compute);

  return {
    /** Offers Preview to an operator or admin; anyone may look at the last plan computed in this page. */
    show: function (newRole) {
      role = newRole;
      preview.hidden = !mayOperate();
      roleNote.hidden = mayOperate();
      say('', false);
      render();
    }
  };
};
