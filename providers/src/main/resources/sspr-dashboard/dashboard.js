/*
 * SSPR activity dashboard. Signs the admin in with OpenID Connect (authorization code + PKCE, public client
 * "sspr-dashboard" of the realm this page is served by) and reads /admin/realms/{realm}/sspr/... with that token.
 *
 * Safety rules of this file:
 *  - Every value from the server (usernames, failure reasons, client ids, IP addresses, the admin's own name) reaches
 *    the page through textContent or setAttribute on SVG geometry: never as markup (no HTML-parsing sink anywhere).
 *  - Tokens live in memory only; the PKCE verifier and state sit in sessionStorage for the one redirect, then go.
 *  - The page's words come from messages_<language>.json (the browser's language, English otherwise), not from
 *    this file.
 */
(function () {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';
  const LOGIN_KEY = 'sspr-dashboard-login';
  const TYPES = ['self-service-reset', 'self-service-unlock', 'factor-reset', 'self-service-change', 'admin-reset',
    'registration', 'blocked', 'helpdesk-verification', 'registration-invitation', 'password-expiry-reminder'];
  const RESULTS = ['succeeded', 'failed', 'blocked', 'cancelled', 'abandoned', 'contacted-helpdesk',
    'reported-not-me'];
  const NOT_ME_STEP = 'not-me';
  const NOT_ME_RESULT = 'reported-not-me';
  const PAGE = 50;
  const REALM_NAME = /^[A-Za-z0-9._-]{1,255}$/;

  // Where we are: {base}/realms/{loginRealm}/sspr-dashboard/
  const path = window.location.pathname;
  const at = path.indexOf('/realms/');
  const base = window.location.origin + path.substring(0, at);
  const loginRealm = decodeURIComponent(path.substring(at + 8).split('/')[0]);
  const redirectUri = window.location.origin + path;
  const oidc = base + '/realms/' + encodeURIComponent(loginRealm) + '/protocol/openid-connect';

  const VIEWS = ['activity', 'policy'];

  let messages = {};
  let language = 'en';
  let clientId = 'sspr-dashboard';
  let targetRealm = loginRealm;
  let view = 'activity';
  let tokens = null;
  let expiresAt = 0;
  let nextCursor = null;
  let shown = 0;

  const $ = (id) => document.getElementById(id);

  // --- messages -----------------------------------------------------------------------------------------------

  function has(key) {
    return Object.prototype.hasOwnProperty.call(messages, key);
  }

  function t(key, ...args) {
    const text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
    return text.replace(/\{(\d+)\}/g, (m, i) => (args[i] === undefined ? m : String(args[i])));
  }

  // The languages SSPR ships (README: Languages), by the bundle's file suffix. The browser's first language that has a
  // bundle wins, as Keycloak's pages follow Accept-Language; English otherwise.
  const BUNDLES = { en: 'en', de: 'de', fr: 'fr', es: 'es', pt: 'pt_BR', 'pt-br': 'pt_BR', ja: 'ja' };

  function bundleLanguage() {
    const wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (const tag of wanted) {
      const lower = String(tag).toLowerCase();
      const bundle = BUNDLES[lower] || BUNDLES[lower.split('-')[0]];
      if (bundle) {
        return bundle;
      }
    }
    return 'en';
  }

  async function loadMessages() {
    language = bundleLanguage();
    const response = await fetch('messages_' + language + '.json', { credentials: 'omit' });
    if (!response.ok && language !== 'en') {
      await loadMessages();
      return;
    }
    messages = await response.json();
    document.documentElement.lang = language.replace('_', '-');
  }

  function translatePage() {
    // A table's header row from its column list (data-columns: message keys, "-" for a column without a title).
    document.querySelectorAll('table[data-columns]').forEach((table) => {
      if (table.tHead) {
        return;
      }
      const row = table.createTHead().insertRow();
      table.getAttribute('data-columns').trim().split(/\s+/).forEach((key) => {
        const th = document.createElement('th');
        if (key !== '-') {
          th.setAttribute('data-msg', key);
        }
        row.appendChild(th);
      });
    });
    document.querySelectorAll('[data-msg]').forEach((el) => {
      el.textContent = t(el.getAttribute('data-msg'));
    });
    document.title = t('title');
  }

  // --- sign-in: authorization code + PKCE ------------------------------------------------------------------------

  function base64url(bytes) {
    let binary = '';
    bytes.forEach((b) => {
      binary += String.fromCharCode(b);
    });
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomString(byteCount) {
    const bytes = new Uint8Array(byteCount);
    window.crypto.getRandomValues(bytes);
    return base64url(bytes);
  }

  async function s256(verifier) {
    const digest = await window.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    return base64url(new Uint8Array(digest));
  }

  class Halt extends Error {}

  class HttpError extends Error {
    constructor(status, body) {
      super('HTTP ' + status);
      this.status = status;
      this.body = body;
    }
  }

  async function signIn() {
    if (!window.crypto || !window.crypto.subtle) {
      throw new Error(t('error.noCrypto'));
    }
    // 32 random bytes: a 43-character verifier, the shortest RFC 7636 allows, with 256 bits of entropy.
    const verifier = randomString(32);
    const state = randomString(16);
    sessionStorage.setItem(LOGIN_KEY, JSON.stringify({ verifier, state, search: window.location.search }));
    const query = new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      // The code comes back in the fragment: it never reaches a server log or a Referer header.
      response_mode: 'fragment',
      scope: 'openid',
      state,
      code_challenge: await s256(verifier),
      code_challenge_method: 'S256',
    });
    window.location.assign(oidc + '/auth?' + query.toString());
    throw new Halt();
  }

  /** Back from the login page: checks state, trades the code (with the verifier) for tokens. */
  async function completeSignIn() {
    const answer = new URLSearchParams(window.location.hash.substring(1));
    if (!answer.has('state')) {
      return false;
    }
    const saved = JSON.parse(sessionStorage.getItem(LOGIN_KEY) || 'null');
    sessionStorage.removeItem(LOGIN_KEY);
    window.history.replaceState(null, '', window.location.pathname + (saved && saved.search ? saved.search : ''));
    if (answer.has('error')) {
      throw new Error(t('error.signIn', answer.get('error')));
    }
    readParams(saved ? saved.search : '');
    if (!saved || saved.state !== answer.get('state') || !answer.get('code')) {
      throw new Error(t('error.signIn', 'state'));
    }
    await tokenRequest({
      grant_type: 'authorization_code',
      code: answer.get('code'),
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: saved.verifier,
    });
    return true;
  }

  /**
   * ?realm= reads another realm than the one signed in to (a master-realm admin reading realm "demo");
   * ?client= names another public client than "sspr-dashboard"; ?view=policy opens the policy editor.
   */
  function readParams(search) {
    const params = new URLSearchParams(search || '');
    if (VIEWS.includes(params.get('view'))) {
      view = params.get('view');
    }
    if (params.get('client') && REALM_NAME.test(params.get('client'))) {
      clientId = params.get('client');
    }
    if (params.get('realm') && REALM_NAME.test(params.get('realm'))) {
      targetRealm = params.get('realm');
    }
  }

  async function tokenRequest(form) {
    const response = await fetch(oidc + '/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      credentials: 'omit',
    });
    if (!response.ok) {
      throw new HttpError(response.status, await response.text());
    }
    tokens = await response.json();
    expiresAt = Date.now() + (tokens.expires_in || 60) * 1000;
  }

  async function accessToken() {
    if (tokens && Date.now() > expiresAt - 20000 && tokens.refresh_token) {
      try {
        await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: clientId });
      } catch (e) {
        tokens = null;
      }
    }
    if (!tokens) {
      await signIn();
    }
    return tokens.access_token;
  }

  function claims(jwt) {
    try {
      const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const json = decodeURIComponent(Array.from(atob(part), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0'))
        .join(''));
      return JSON.parse(json);
    } catch (e) {
      return {};
    }
  }

  function signOut() {
    const query = new URLSearchParams({ client_id: clientId, post_logout_redirect_uri: redirectUri });
    if (tokens && tokens.id_token) {
      query.set('id_token_hint', tokens.id_token);
    }
    tokens = null;
    window.location.assign(oidc + '/logout?' + query.toString());
  }

  // --- admin REST API --------------------------------------------------------------------------------------------

  async function api(resource, params, accept, method, body) {
    return adminApi('sspr/' + resource, params, accept, method, body);
  }

  /** Keycloak's admin REST API of the target realm ({@code users?search=…}) or, under sspr/, ours. */
  async function adminApi(resource, params, accept, method, body) {
    const query = params && params.toString() ? '?' + params.toString() : '';
    const url = base + '/admin/realms/' + encodeURIComponent(targetRealm) + '/' + resource + query;
    const headers = { Authorization: 'Bearer ' + (await accessToken()), Accept: accept || 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(url, {
      method: method || 'GET',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
    });
    if (response.status === 401) {
      tokens = null;
      await signIn();
    }
    if (!response.ok) {
      throw new HttpError(response.status, await response.text());
    }
    return response;
  }

  // --- rendering helpers -----------------------------------------------------------------------------------------

  function el(name, className, text) {
    const node = document.createElement(name);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function svg(name, attributes, parent) {
    const node = document.createElementNS(SVG, name);
    Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, String(value)));
    if (parent) {
      parent.appendChild(node);
    }
    return node;
  }

  function svgText(parent, x, y, text, attributes) {
    const node = svg('text', Object.assign({ x, y }, attributes || {}), parent);
    node.textContent = String(text);
    return node;
  }

  function tooltip(node, text) {
    svg('title', {}, node).textContent = String(text);
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function empty(container) {
    clear(container);
    container.appendChild(el('p', 'empty', t('chart.empty')));
  }

  function label(prefix, id) {
    const key = prefix + '.' + id;
    return Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : id;
  }

  /**
   * A failure reason in the reader's language: the id before ": " (an event error such as invalid_code) is
   * translated, the detail after it (the server's own words, e.g. a throttle rule) is kept in brackets.
   */
  function reasonText(reason) {
    if (!reason) {
      return '';
    }
    const at = reason.indexOf(': ');
    const id = at < 0 ? reason : reason.substring(0, at);
    return label('reason', id) + (at < 0 ? '' : ' (' + reason.substring(at + 2) + ')');
  }

  function methodsText(methods) {
    return (methods || []).map((m) => label('method', m)).join(', ');
  }

  function showError(text) {
    const box = $('error');
    box.textContent = text;
    box.hidden = false;
  }

  // --- charts ----------------------------------------------------------------------------------------------------

  function days(from, to) {
    const list = [];
    const day = new Date(from.substring(0, 10) + 'T00:00:00Z');
    const end = new Date(to.substring(0, 10) + 'T00:00:00Z');
    while (day <= end && list.length < 400) {
      list.push(day.toISOString().substring(0, 10));
      day.setUTCDate(day.getUTCDate() + 1);
    }
    return list;
  }

  /** Stacked bars: one column per UTC day, one segment per result. */
  function drawPerDay(summary) {
    const container = $('chart-per-day');
    const legend = $('legend-per-day');
    clear(legend);
    const counts = {};
    summary.byDayAndResult.forEach((c) => {
      counts[c.day] = counts[c.day] || {};
      counts[c.day][c.key] = (counts[c.day][c.key] || 0) + c.count;
    });
    if (summary.byDayAndResult.length === 0) {
      empty(container);
      return;
    }
    clear(container);
    const columns = days(summary.from, summary.to);
    const width = 900;
    const height = 220;
    const left = 36;
    const bottom = 24;
    const top = 8;
    const max = Math.max(1, ...columns.map((d) => Object.values(counts[d] || {}).reduce((a, b) => a + b, 0)));
    const plot = height - bottom - top;
    const step = (width - left) / columns.length;
    const chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', id: 'svg-per-day' }, container);
    svg('line', { x1: left, y1: top + plot, x2: width, y2: top + plot, class: 'axis' }, chart);
    svgText(chart, left - 6, top + 10, max, { 'text-anchor': 'end' });
    svgText(chart, left - 6, top + plot, 0, { 'text-anchor': 'end' });
    columns.forEach((day, i) => {
      let y = top + plot;
      RESULTS.forEach((result) => {
        const n = (counts[day] || {})[result] || 0;
        if (n === 0) {
          return;
        }
        const h = (n / max) * plot;
        y -= h;
        const bar = svg('rect', {
          x: left + i * step + 1, y, width: Math.max(1, step - 2), height: h, class: 'r-' + result,
          'data-day': day, 'data-result': result, 'data-count': n,
        }, chart);
        tooltip(bar, day + ' · ' + label('result', result) + ': ' + n);
      });
      if (i % Math.ceil(columns.length / 8) === 0) {
        svgText(chart, left + i * step + step / 2, height - 6, day.substring(5), { 'text-anchor': 'middle' });
      }
    });
    RESULTS.filter((r) => summary.byDayAndResult.some((c) => c.key === r)).forEach((result) => {
      legend.appendChild(el('span', 'r-' + result, label('result', result)));
    });
  }

  /** Horizontal bars for a ranked list of {key, count}. */
  function drawBars(containerId, entries, labelPrefix, barClass) {
    const container = $(containerId);
    if (entries.length === 0) {
      empty(container);
      return;
    }
    clear(container);
    const rowHeight = 24;
    const width = 400;
    const labelWidth = 130;
    const max = Math.max(1, ...entries.map((e) => e.count));
    const chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + (entries.length * rowHeight + 4), role: 'img' },
      container);
    entries.forEach((entry, i) => {
      const y = i * rowHeight + 2;
      svgText(chart, 0, y + 15, labelPrefix ? label(labelPrefix, entry.key) : entry.key);
      const w = Math.max(2, ((width - labelWidth - 40) * entry.count) / max);
      const bar = svg('rect', { x: labelWidth, y: y + 3, width: w, height: rowHeight - 8, class: barClass,
        'data-key': entry.key, 'data-count': entry.count }, chart);
      tooltip(bar, (labelPrefix ? label(labelPrefix, entry.key) : entry.key) + ': ' + entry.count);
      svgText(chart, labelWidth + w + 4, y + 15, entry.count);
    });
  }

  function drawMethods(summary) {
    const totals = {};
    summary.byDayAndMethod.forEach((c) => {
      totals[c.key] = (totals[c.key] || 0) + c.count;
    });
    const entries = Object.entries(totals).map(([key, count]) => ({ key, count }))
      .sort((a, b) => b.count - a.count);
    drawBars('chart-methods', entries, 'method', 'bar-method');
  }

  function drawReasons(summary) {
    const list = $('reasons');
    clear(list);
    if (summary.failureReasons.length === 0) {
      list.appendChild(el('li', 'empty', t('chart.empty')));
      return;
    }
    summary.failureReasons.slice(0, 8).forEach((r) => {
      const item = el('li', null, reasonText(r.key) + ' (' + r.count + ')');
      item.setAttribute('data-key', r.key);
      list.appendChild(item);
    });
  }

  function drawReadiness(readiness) {
    const container = $('chart-readiness');
    clear(container);
    const pct = readiness.users === 0 ? 0 : Math.round((readiness.ready * 100) / readiness.users);
    const chart = svg('svg', { viewBox: '0 0 200 150', role: 'img', id: 'svg-readiness',
      'data-ready': readiness.ready, 'data-users': readiness.users }, container);
    const r = 52;
    const circumference = 2 * Math.PI * r;
    svg('circle', { cx: 100, cy: 66, r, class: 'ring-bg', 'stroke-width': 14 }, chart);
    svg('circle', { cx: 100, cy: 66, r, class: 'ring', 'stroke-width': 14, transform: 'rotate(-90 100 66)',
      'stroke-dasharray': (circumference * pct) / 100 + ' ' + circumference }, chart);
    svgText(chart, 100, 76, pct + '%', { 'text-anchor': 'middle', class: 'big', id: 'readiness-percent' });
    svgText(chart, 100, 138, t('readiness.value', readiness.ready, readiness.users)
      + (readiness.complete ? '' : ' ' + t('readiness.sampled', readiness.users)), { 'text-anchor': 'middle',
      class: 'muted' });
    const methods = Object.entries(readiness.byMethod || {}).map(([key, count]) => key + ' ' + count).join(' · ');
    if (methods) {
      container.appendChild(el('p', 'info', methods));
    }
  }

  // --- activity table --------------------------------------------------------------------------------------------

  function fillSelect(select, prefix, ids) {
    select.appendChild(el('option', null, t('filter.any'))).value = '';
    ids.forEach((id) => {
      const option = el('option', null, label(prefix, id));
      option.value = id;
      select.appendChild(option);
    });
  }

  /** The filters as query parameters; dates are whole UTC days, "to" inclusive. */
  function filterParams() {
    const params = new URLSearchParams();
    ['type', 'result', 'user', 'method'].forEach((name) => {
      const value = $('f-' + name).value.trim();
      if (value) {
        params.set(name, value);
      }
    });
    const from = $('f-from').value;
    const to = $('f-to').value;
    if (from) {
      params.set('from', from + 'T00:00:00Z');
    }
    if (to) {
      const end = new Date(to + 'T00:00:00Z');
      end.setUTCDate(end.getUTCDate() + 1);
      params.set('to', end.toISOString());
    }
    return params;
  }

  function isNotMe(row) {
    return row.result === NOT_ME_RESULT || row.step === NOT_ME_STEP;
  }

  function addRow(row) {
    const tr = el('tr', isNotMe(row) ? 'not-me' : null);
    tr.setAttribute('data-id', row.id || '');
    tr.appendChild(el('td', null, new Date(row.time).toISOString().replace('T', ' ').substring(0, 19) + ' UTC'));
    tr.appendChild(el('td', null, label('type', row.type)));
    const result = el('td');
    result.appendChild(el('span', 'pill ' + row.result, label('result', row.result)));
    if (isNotMe(row)) {
      result.appendChild(el('span', 'badge', t('notMe.badge')));
    }
    tr.appendChild(result);
    tr.appendChild(el('td', 'user', row.username || row.userId || ''));
    tr.appendChild(el('td', null, methodsText(row.methods)));
    tr.appendChild(el('td', null, row.step ? label('step', row.step) : ''));
    tr.appendChild(el('td', null, reasonText(row.failureReason)));
    tr.appendChild(el('td', null, row.ipAddress || ''));
    tr.appendChild(el('td', null, row.clientId || ''));
    $('rows').appendChild(tr);
  }

  async function loadRows(append) {
    const params = filterParams();
    params.set('max', String(PAGE));
    if (append && nextCursor) {
      params.set('after', nextCursor);
    }
    let page;
    try {
      page = await (await api('activity', params)).json();
    } catch (e) {
      if (e instanceof HttpError && e.status === 400) {
        showError(t('error.badFilter', errorText(e)));
        return;
      }
      throw e;
    }
    $('error').hidden = true;
    if (!append) {
      clear($('rows'));
      shown = 0;
    }
    page.items.forEach(addRow);
    shown += page.items.length;
    nextCursor = page.next || null;
    $('more').hidden = !nextCursor;
    $('table-info').textContent = shown === 0 ? t('table.empty') : t('table.count', shown);
  }

  function errorText(e) {
    try {
      const body = JSON.parse(e.body);
      return String(body.error || body.errorMessage || e.status);
    } catch (ignored) {
      return String(e.status);
    }
  }

  async function downloadCsv() {
    try {
      const response = await api('activity.csv', filterParams(), 'text/csv');
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = 'sspr-activity-' + targetRealm.replace(/[^A-Za-z0-9._-]/g, '_') + '.csv';
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (e) {
      if (e instanceof Halt) {
        return;
      }
      showError(t('csv.failed', e instanceof HttpError ? e.status : e.message));
    }
  }

  // --- directories (sspr-ldap writeback health and connection test) ----------------------------------------------

  function connectionText(health) {
    return health.reachable
      ? t('dir.reachable', health.millis)
      : t('dir.unreachable', health.rawCode || health.failure || '?');
  }

  function writebackText(last) {
    if (!last || !last.at) {
      return t('dir.never');
    }
    // The record is the cluster's last writeback; the node that made it is named after the time.
    const when = new Date(last.at).toISOString().replace('T', ' ').substring(0, 19) + ' UTC'
      + (last.node ? ' (' + last.node + ')' : '');
    return last.ok ? t('dir.writeOk', when) : t('dir.writeFailed', when, (last.failure || '') + ' ' + (last.rawCode || ''));
  }

  function showConnection(cell, health) {
    cell.textContent = connectionText(health);
    cell.className = health.reachable ? 'ok' : 'down';
  }

  async function testDirectory(id, cell, button) {
    button.disabled = true;
    cell.className = '';
    cell.textContent = t('dir.testing');
    try {
      showConnection(cell, await (await api('ldap/' + encodeURIComponent(id) + '/test', null, null, 'POST')).json());
    } catch (e) {
      if (!(e instanceof HttpError && e.status === 403)) {
        throw e;
      }
      cell.textContent = t('dir.forbiddenTest');
    } finally {
      button.disabled = false;
    }
  }

  function directoryRow(health) {
    const tr = el('tr');
    tr.setAttribute('data-directory', health.name);
    tr.appendChild(el('td', null, health.name));
    tr.appendChild(el('td', null, label('vendor', health.vendor)));
    const connection = el('td');
    connection.setAttribute('data-field', 'connection');
    showConnection(connection, health);
    tr.appendChild(connection);
    const writeback = el('td', health.lastWriteback && health.lastWriteback.at && !health.lastWriteback.ok ? 'down' : null,
      writebackText(health.lastWriteback));
    writeback.setAttribute('data-field', 'writeback');
    tr.appendChild(writeback);
    const history = health.vendor !== 'ad' || health.historyOnReset === undefined
      ? t('dir.notAd')
      : t(health.historyOnReset ? 'dir.historyYes' : 'dir.historyNo');
    tr.appendChild(el('td', null, history));
    const action = el('td');
    const button = el('button', null, t('dir.test'));
    button.type = 'button';
    button.setAttribute('data-test', health.id);
    button.addEventListener('click', () => testDirectory(health.id, connection, button).catch(fatal));
    action.appendChild(button);
    tr.appendChild(action);
    return tr;
  }

  /** The realm's sspr-ldap directories, for admins who may view the realm (view-realm); nothing for the others. */
  async function loadDirectories() {
    let directories;
    try {
      directories = await (await api('ldap')).json();
    } catch (e) {
      if (e instanceof HttpError && e.status === 403) {
        return;
      }
      throw e;
    }
    if (!directories.length) {
      return;
    }
    const body = $('directory-rows');
    clear(body);
    directories.forEach((health) => body.appendChild(directoryRow(health)));
    $('directories').hidden = false;
  }

  // --- throttle blocks (docs/throttles.md): the blocks that hold now, each with a Lift button (manage-users), and
  // the near-blocks (counters at 80 % of their limit or more), filtered by user and reason ---------------------------

  const BLOCK_RULES = ['gate-failures', 'email-sends', 'phone-number-sends', 'phone-country-sends'];

  function blockRow(block) {
    const tr = el('tr', block.state === 'near' ? 'near' : null);
    tr.setAttribute('data-block', block.subject);
    tr.setAttribute('data-state', block.state);
    tr.appendChild(el('td', null, t('blocks.state.' + block.state)));
    tr.appendChild(el('td', null, block.username || t('blocks.noAccount')));
    tr.appendChild(el('td', null, block.target));
    tr.appendChild(el('td', null, label('rule', block.reason) + ' (' + block.count + ' / ' + block.limit + ')'));
    tr.appendChild(el('td', null, when(block.since)));
    tr.appendChild(el('td', null, when(block.until)));
    const action = el('td');
    if (block.state === 'blocked') {
      const button = el('button', null, t('blocks.lift'));
      button.type = 'button';
      button.setAttribute('data-lift', block.subject);
      button.addEventListener('click', () => liftBlock(block.subject, action, button).catch(fatal));
      action.appendChild(button);
    }
    tr.appendChild(action);
    return tr;
  }

  async function liftBlock(subject, cell, button) {
    button.disabled = true;
    try {
      await api('blocks/lift', null, null, 'POST', { subject });
      clear(cell);
      cell.appendChild(el('span', 'ok', t('blocks.lifted')));
    } catch (e) {
      if (!(e instanceof HttpError && (e.status === 403 || e.status === 404))) {
        throw e;
      }
      button.disabled = false;
      cell.appendChild(el('span', 'down', t(e.status === 403 ? 'blocks.forbiddenLift' : 'blocks.gone')));
    }
  }

  /** The blocks filters as query parameters (…/sspr/blocks?user=&reason=). */
  function blockParams() {
    const params = new URLSearchParams();
    const user = $('blocks-user').value.trim();
    if (user) {
      params.set('user', user);
    }
    if ($('blocks-reason').value) {
      params.set('reason', $('blocks-reason').value);
    }
    return params;
  }

  /** The realm's throttle blocks, for admins who may view users (view-users); nothing for the others. */
  async function loadBlocks() {
    let blocks;
    try {
      blocks = await (await api('blocks', blockParams())).json();
    } catch (e) {
      if (e instanceof HttpError && e.status === 403) {
        return;
      }
      throw e;
    }
    const body = $('blocks-rows');
    clear(body);
    blocks.forEach((block) => body.appendChild(blockRow(block)));
    $('blocks-empty').hidden = blocks.length > 0;
    $('blocks-table').hidden = blocks.length === 0;
    $('blocks').hidden = false;
  }

  function wireBlockFilters() {
    fillSelect($('blocks-reason'), 'rule', BLOCK_RULES);
    $('blocks-filters').addEventListener('submit', (event) => {
      event.preventDefault();
      loadBlocks().catch(fatal);
    });
    $('blocks-clear').addEventListener('click', () => {
      $('blocks-filters').reset();
      loadBlocks().catch(fatal);
    });
  }

  // --- helpdesk-assisted verification ----------------------------------------------------------------------------
  // The caller on the phone says who they are; the agent picks the account, sends a one-time code to a method the
  // account registered, and types the code the caller reads back (…/sspr/users/{id}/verify, manage-users).

  const RECOVERY_EMAIL = 'sspr-recovery-email';
  const RECOVERY_PHONE = 'sspr-recovery-phone';
  let helpdeskUser = null;

  function when(millis) {
    return new Date(millis).toISOString().replace('T', ' ').substring(0, 16) + ' UTC';
  }

  function hdErrorText(e) {
    try {
      const body = JSON.parse(e.body);
      const key = 'hd.error.' + body.error;
      if (Object.prototype.hasOwnProperty.call(messages, key)) {
        return t(key, body.retryAfterSeconds === undefined ? '' : body.retryAfterSeconds);
      }
    } catch (ignored) {
      // not JSON: the status says enough
    }
    return t('error.request', e.status);
  }

  async function searchUsers(query) {
    const list = $('hd-users');
    clear(list);
    $('hd-found').textContent = '';
    const params = new URLSearchParams({ search: query, max: '20', briefRepresentation: 'false' });
    const users = await (await adminApi('users', params)).json();
    $('hd-found').textContent = users.length ? '' : t('hd.noUsers');
    users.forEach((user) => {
      const item = el('li');
      const button = el('button', null, user.username + (user.email ? ' <' + user.email + '>' : ''));
      button.type = 'button';
      button.setAttribute('data-user', user.id);
      button.setAttribute('aria-pressed', 'false');
      button.addEventListener('click', () => {
        list.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
        pickUser(user).catch(fatal);
      });
      item.appendChild(button);
      list.appendChild(item);
    });
  }

  function attribute(user, name) {
    const values = user.attributes && user.attributes[name];
    return values && values.length ? values[0] : '';
  }

  async function pickUser(user) {
    helpdeskUser = user;
    $('hd-user').hidden = false;
    $('hd-name').textContent = user.username;
    $('hd-sent').textContent = '';
    $('hd-result').textContent = '';
    $('hd-check').hidden = true;
    // The lock's reason is an admin-only attribute of the user profile (a "This wasn't me" lock names its time).
    const reason = attribute(user, 'sspr.lockedReason');
    const state = $('hd-state');
    state.className = user.enabled ? '' : 'hd-bad';
    state.textContent = user.enabled
      ? t('hd.enabled')
      : (reason ? t('hd.locked', label('hd.lockReason', reason), attribute(user, 'sspr.lockedAt')) : t('hd.disabled'));
    const select = $('hd-method');
    clear(select);
    const types = (await (await adminApi('users/' + encodeURIComponent(user.id) + '/credentials')).json())
      .map((c) => c.type);
    const methods = [];
    if (types.includes(RECOVERY_EMAIL) || user.emailVerified) {
      methods.push('email');
    }
    if (types.includes(RECOVERY_PHONE)) {
      methods.push('sms', 'voice');
    }
    if (types.includes('otp')) {
      // Nothing is sent: the caller reads the code their authenticator app shows (docs/helpdesk.md).
      methods.push('otp');
    }
    methods.forEach((id) => {
      const option = el('option', null, label('method', id));
      option.value = id;
      select.appendChild(option);
    });
    $('hd-send-button').disabled = methods.length === 0;
    if (!methods.length) {
      $('hd-sent').textContent = t('hd.noMethods');
    }
    await showLatest();
  }

  async function showLatest() {
    const latest = await (await api('users/' + encodeURIComponent(helpdeskUser.id) + '/verify')).json();
    $('hd-latest').textContent = latest.result === 'none'
      ? t('hd.latestNone')
      : t('hd.latest', label('hd.result', latest.result), label('method', latest.method), latest.to || '',
        when(latest.time), latest.admin || '');
  }

  async function sendChallenge() {
    const method = $('hd-method').value;
    $('hd-result').textContent = '';
    try {
      const sent = await (await api('users/' + encodeURIComponent(helpdeskUser.id) + '/verify/send', null, null, 'POST',
        { method })).json();
      $('hd-sent').textContent = sent.askCaller ? t('hd.askApp') : t('hd.sent', sent.to, label('method', method));
      $('hd-check').hidden = false;
      $('hd-code').value = '';
      $('hd-code').focus();
    } catch (e) {
      if (!(e instanceof HttpError)) {
        throw e;
      }
      $('hd-sent').textContent = hdErrorText(e);
    }
  }

  async function checkCode() {
    const code = $('hd-code').value.trim();
    const result = $('hd-result');
    try {
      const checked = await (await api('users/' + encodeURIComponent(helpdeskUser.id) + '/verify/check', null, null,
        'POST', { code })).json();
      result.className = checked.verified ? 'hd-ok' : 'hd-bad';
      result.textContent = checked.verified
        ? t('hd.verified', helpdeskUser.username)
        : (checked.triesLeft > 0
          ? t('hd.resultWithTries', label('hd.result', checked.result), checked.triesLeft)
          : label('hd.result', checked.result));
      if (checked.verified || checked.triesLeft <= 0) {
        $('hd-check').hidden = true;
      }
    } catch (e) {
      if (!(e instanceof HttpError)) {
        throw e;
      }
      result.className = 'hd-bad';
      result.textContent = hdErrorText(e);
    }
    await showLatest();
  }

  /** The panel, for admins who may search users; nothing for the others. */
  async function startHelpdesk() {
    try {
      await adminApi('users/count');
    } catch (e) {
      if (e instanceof HttpError && e.status === 403) {
        return;
      }
      throw e;
    }
    $('hd-search').addEventListener('submit', (event) => {
      event.preventDefault();
      const query = $('hd-query').value.trim();
      if (query) {
        searchUsers(query).catch(fatal);
      }
    });
    $('hd-send').addEventListener('submit', (event) => {
      event.preventDefault();
      sendChallenge().catch(fatal);
    });
    $('hd-check').addEventListener('submit', (event) => {
      event.preventDefault();
      checkCode().catch(fatal);
    });
    $('helpdesk').hidden = false;
  }

  // --- start -----------------------------------------------------------------------------------------------------

  async function start() {
    await loadMessages();
    translatePage();
    $('status').textContent = t('signingIn');
    if (!(await completeSignIn())) {
      readParams(window.location.search);
      await accessToken();
    }
    $('realm').textContent = t('realm', targetRealm);
    $('who').textContent = claims(tokens.access_token).preferred_username || '';
    $('sign-out').hidden = false;
    $('sign-out').addEventListener('click', signOut);
    $('tabs').hidden = false;
    VIEWS.forEach((name) => $('tab-' + name).addEventListener('click', () => show(name).catch(fatal)));
    await show(view);
    document.body.setAttribute('data-ready', 'true');
  }

  const shownViews = {};

  /** One view at a time; each loads on first showing. The view is kept in the address (?view=), for reloads. */
  async function show(name) {
    view = name;
    const params = new URLSearchParams(window.location.search);
    if (name === 'activity') {
      params.delete('view');
    } else {
      params.set('view', name);
    }
    const query = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : ''));
    VIEWS.forEach((other) => {
      $('tab-' + other).setAttribute('aria-selected', String(other === name));
      $('view-' + other).hidden = other !== name;
    });
    $('error').hidden = true;
    document.title = t(name === 'policy' ? 'policy.title' : 'title');
    $('title').textContent = document.title;
    if (shownViews[name]) {
      return;
    }
    shownViews[name] = true;
    $('status').textContent = t('loading');
    if (name === 'policy') {
      await window.SsprPolicyEditor({ t, has, api, el, clear, HttpError, fatal, language });
    } else {
      await loadActivity();
    }
    $('status').textContent = '';
  }

  async function loadActivity() {
    await startHelpdesk();
    let summary;
    try {
      summary = await (await api('activity/summary')).json();
    } catch (e) {
      if (e instanceof HttpError && e.status === 403) {
        $('status').textContent = '';
        showError(t('error.forbidden'));
        document.body.setAttribute('data-ready', 'true');
        return;
      }
      throw e;
    }
    fillSelect($('f-type'), 'type', TYPES);
    fillSelect($('f-result'), 'result', RESULTS);
    $('content').hidden = false;
    drawPerDay(summary);
    drawMethods(summary);
    drawBars('chart-funnel', summary.dropOffByStep, 'step', 'bar-step');
    drawReasons(summary);
    $('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      loadRows(false).catch(fatal);
    });
    $('clear').addEventListener('click', () => {
      $('filters').reset();
      loadRows(false).catch(fatal);
    });
    $('more').addEventListener('click', () => loadRows(true).catch(fatal));
    $('csv').addEventListener('click', downloadCsv);
    await loadRows(false);
    try {
      drawReadiness(await (await api('activity/readiness/summary')).json());
    } catch (e) {
      if (!(e instanceof HttpError && e.status === 403)) {
        throw e;
      }
      $('chart-readiness').appendChild(el('p', 'empty', t('error.forbiddenReadiness')));
    }
    await window.SsprNotReady({ t, api, el, clear, HttpError, fatal, language });
    await loadDirectories();
    wireBlockFilters();
    await loadBlocks();
  }

  function fatal(e) {
    if (e instanceof Halt) {
      return;
    }
    $('status').textContent = '';
    showError(e instanceof HttpError ? t('error.request', e.status) : e.message);
  }

  start().catch(fatal);
})();
