'use strict';
/*
 * The "cannot reset" panel of the SSPR dashboard (docs/insight.md): the users who cannot reset their password by
 * themselves under the current policy, with the reason, filtered by reason and group, paged, downloadable as CSV.
 * Reads GET .../sspr/not-ready, .../not-ready/summary and .../not-ready/csv (view-users); the invite button posts
 * .../not-ready/nudge (manage-users); the password-expiry outlook reads GET .../password-expiry. Every value from the server
 * is set as text, never parsed as HTML.
 */
(function () {
  const REASONS = ['no-method', 'methods-blocked', 'too-few-factors', 'privileged-too-few', 'privileged-no-passkey', 'not-enabled'];

  window.SsprNotReady = async function (ctx) {
    const { t, api, el, clear, HttpError } = ctx;
    const root = document.getElementById('not-ready');
    const rows = document.getElementById('nr-rows');
    const more = document.getElementById('nr-more');
    const info = document.getElementById('nr-info');
    const reason = document.getElementById('nr-reason');
    const group = document.getElementById('nr-group');
    let next = null;

    function reasonText(id) {
      return t('nr.reason.' + id);
    }

    function params(withPaging) {
      const query = new URLSearchParams();
      if (reason.value) {
        query.set('reason', reason.value);
      }
      if (group.value.trim()) {
        query.set('group', group.value.trim());
      }
      if (withPaging && next !== null) {
        query.set('first', String(next));
      }
      return query;
    }

    function showError(e) {
      let text = String(e.status);
      try {
        text = JSON.parse(e.body).error || text;
      } catch (ignored) {
        // the status stands in
      }
      info.textContent = t('nr.badFilter', text);
    }

    async function summary() {
      const counts = await (await api('not-ready/summary', params(false))).json();
      const parts = REASONS.filter((r) => counts.byReason[r]).map((r) => reasonText(r) + ': ' + counts.byReason[r]);
      const line = document.getElementById('nr-summary');
      line.textContent = t('nr.summary', counts.notReady, counts.users) + (parts.length ? ' — ' + parts.join(' · ') : '');
      line.setAttribute('data-not-ready', String(counts.notReady));
    }

    async function load(append) {
      if (!append) {
        next = null;
        clear(rows);
      }
      let page;
      try {
        page = await (await api('not-ready', params(append))).json();
        if (!append) {
          await summary();
        }
      } catch (e) {
        if (e instanceof HttpError && e.status === 400) {
          showError(e);
          return;
        }
        throw e;
      }
      page.items.forEach((item) => {
        const tr = el('tr');
        tr.setAttribute('data-user', item.username);
        tr.setAttribute('data-id', item.userId);
        tr.setAttribute('data-reason', item.reason);
        tr.appendChild(el('td', null, item.username));
        tr.appendChild(el('td', null, item.email || ''));
        tr.appendChild(el('td', null, reasonText(item.reason)));
        tr.appendChild(el('td', null, item.methods.join(', ')));
        tr.appendChild(el('td', null, item.federation === 'local' ? t('nr.local') : item.federation));
        rows.appendChild(tr);
      });
      next = page.next ?? null; // Keycloak leaves a null field out of its JSON
      more.hidden = next === null;
      info.textContent = rows.children.length ? t('nr.count', rows.children.length) : t('nr.empty');
    }

    async function csv() {
      const response = await api('not-ready/csv', params(false), 'text/csv');
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = 'sspr-not-ready.csv';
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    }

    /** Invites the users shown (POST .../not-ready/nudge); each at most once a day, said in the answer. */
    async function nudge() {
      const ids = Array.from(rows.children).map((tr) => tr.getAttribute('data-id'));
      if (!ids.length) {
        return;
      }
      const status = document.getElementById('nr-nudged');
      try {
        const answer = await (await api('not-ready/nudge', null, null, 'POST', { users: ids })).json();
        status.textContent = t('nr.nudged', answer.sent, answer.throttled, answer['no-address']);
        status.setAttribute('data-sent', String(answer.sent));
      } catch (e) {
        if (e instanceof HttpError && e.status === 403) {
          status.textContent = t('nr.forbiddenNudge');
          return;
        }
        throw e;
      }
    }

    /** The recovery-data findings the scheduled task stored (GET .../recovery-findings), each with its fix hint. */
    async function findings(result) {
      const list = document.getElementById('quality-list');
      const info = document.getElementById('quality-info');
      clear(list);
      if (!result || !result.computedAt) {
        info.textContent = t('quality.never');
        return;
      }
      info.textContent = t('quality.computed', new Date(result.computedAt).toLocaleString(String(ctx.language).replace('_', '-')), result.users);
      const found = (result.findings || []).filter((f) => f.count > 0);
      if (!found.length) {
        list.appendChild(el('li', null, t('quality.clean')));
      }
      found.forEach((f) => {
        const item = el('li');
        item.setAttribute('data-kind', f.kind);
        item.setAttribute('data-count', String(f.count));
        item.appendChild(el('strong', null, t('quality.' + f.kind) + ': ' + f.count));
        item.appendChild(el('span', 'help', ' ' + t('quality.' + f.kind + '.fix')));
        if (f.users && f.users.length) {
          item.appendChild(el('span', 'sample', ' (' + f.users.join(', ') + (f.count > f.users.length ? ', …' : '') + ')'));
        }
        list.appendChild(item);
      });
    }

    /** How many passwords expire within 7 and 30 days (GET .../password-expiry; docs/insight.md). */
    async function outlook(result) {
      document.getElementById('expiry-info').textContent = t('expiry.computed',
        new Date(result.computedAt).toLocaleString(String(ctx.language).replace('_', '-')), result.users);
      [7, 30].forEach((days) => {
        const item = document.getElementById('expiry-within' + days);
        clear(item);
        item.setAttribute('data-count', String(result['within' + days]));
        item.appendChild(el('strong', null, t('expiry.within', days) + ': ' + result['within' + days]));
      });
    }

    async function runFindings() {
      try {
        await findings(await (await api('recovery-findings/run', null, null, 'POST')).json());
      } catch (e) {
        if (e instanceof HttpError && e.status === 403) {
          document.getElementById('quality-info').textContent = t('quality.forbiddenRun');
          return;
        }
        throw e;
      }
    }

    const any = el('option', null, t('nr.reason.any'));
    any.value = '';
    reason.appendChild(any);
    REASONS.forEach((id) => {
      const option = el('option', null, reasonText(id));
      option.value = id;
      reason.appendChild(option);
    });
    document.getElementById('nr-filters').addEventListener('submit', (event) => {
      event.preventDefault();
      load(false).catch(ctx.fatal);
    });
    more.addEventListener('click', () => load(true).catch(ctx.fatal));
    document.getElementById('nr-csv').addEventListener('click', () => csv().catch(ctx.fatal));
    document.getElementById('nr-nudge').addEventListener('click', () => nudge().catch(ctx.fatal));
    document.getElementById('quality-run').addEventListener('click', () => runFindings().catch(ctx.fatal));
    try {
      await load(false);
      await findings(await (await api('recovery-findings')).json());
      await outlook(await (await api('password-expiry')).json());
    } catch (e) {
      if (e instanceof HttpError && e.status === 403) {
        return;
      }
      throw e;
    }
    root.hidden = false;
  };
})();
