/*
 * SSPR dashboard: the realm's policy editor. The form is built from the setting declarations the server sends
 * (GET .../sspr/policy/schema), filled with the policy in force (GET .../sspr/policy) and saved with PUT
 * .../sspr/policy (manage-realm). A refused save comes back with one error per field; each is shown under its field.
 * Same safety rules as dashboard.js: server values reach the page through textContent, value and setAttribute only.
 */
(function () {
  'use strict';

  /** ctx: t, has (key exists in the bundle), api, el, clear, HttpError, language (bundle suffix). */
  window.SsprPolicyEditor = async function (ctx) {
    const { t, has, api, el, clear, HttpError } = ctx;
    const root = document.getElementById('policy');
    const form = document.getElementById('policy-form');
    const formError = document.getElementById('policy-error');
    const status = document.getElementById('policy-status');
    const source = document.getElementById('policy-source');

    /** The bundle's text for key, else the server's (English, from the declarations). */
    function text(key, fallback) {
      return has(key) ? t(key) : fallback;
    }

    let schema;
    let policy;
    try {
      schema = await (await api('policy/schema', new URLSearchParams({ lang: ctx.language }))).json();
      policy = await (await api('policy')).json();
    } catch (e) {
      if (e instanceof HttpError && e.status === 403) {
        formError.textContent = t('policy.forbidden');
        formError.hidden = false;
        root.hidden = false;
        return;
      }
      throw e;
    }

    function bounds(field) {
      const unit = field.unit ? ' ' + t('policy.unit.' + field.unit) : '';
      switch (field.kind) {
        case 'integer':
          return t('policy.allowed', t(field.max === field.min + 1 ? 'policy.rangeOr' : 'policy.range', field.min,
            field.max) + unit);
        case 'text':
        case 'group':
          return field.max ? t('policy.maxLength', field.max) : '';
        case 'text-list':
          return t('policy.onePerLine') + (field.max ? ' ' + t('policy.itemLength', field.min, field.max) : '');
        default:
          return '';
      }
    }

    function defaultText(field) {
      const value = field.default;
      if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
        return t('policy.none');
      }
      if (typeof value === 'boolean') {
        return t(value ? 'policy.on' : 'policy.off');
      }
      if (Array.isArray(value)) {
        return value.length > 4 ? t('policy.count', value.length) : value.map((v) => optionLabel(field, v)).join(', ');
      }
      return field.kind === 'choice' ? optionLabel(field, value) : String(value);
    }

    function optionLabel(field, option) {
      if (field.optionLabels && field.optionLabels[option]) {
        return field.optionLabels[option];
      }
      return text('policy.option.' + field.key + '.' + option, option);
    }

    function control(field, id) {
      let input;
      switch (field.kind) {
        case 'boolean':
          input = el('input');
          input.type = 'checkbox';
          break;
        case 'integer':
          input = el('input');
          input.type = 'number';
          input.min = String(field.min);
          input.max = String(field.max);
          input.step = '1';
          break;
        case 'number-choice':
        case 'choice':
          input = el('select');
          field.options.forEach((option) => {
            const item = el('option', null, optionLabel(field, option));
            item.value = option;
            input.appendChild(item);
          });
          break;
        case 'multi-choice': {
          input = el('fieldset', 'choices');
          field.options.forEach((option) => {
            const label = el('label', 'choice');
            const box = el('input');
            box.type = 'checkbox';
            box.value = option;
            box.name = field.key;
            label.appendChild(box);
            label.appendChild(el('span', null, optionLabel(field, option)));
            input.appendChild(label);
          });
          break;
        }
        case 'text-list':
          input = el('textarea');
          input.rows = 4;
          break;
        default:
          input = el('input');
          input.type = 'text';
          if (field.max) {
            input.maxLength = field.max;
          }
      }
      input.id = id;
      input.setAttribute('data-key', field.key);
      return input;
    }

    function render() {
      clear(form);
      schema.forEach((field) => {
        const id = 'p-' + field.key;
        const row = el('div', 'field');
        row.setAttribute('data-field', field.key);
        const label = el(field.kind === 'multi-choice' ? 'span' : 'label', 'field-label',
          text('policy.' + field.key + '.label', field.label));
        if (field.kind !== 'multi-choice') {
          label.htmlFor = id;
        }
        row.appendChild(label);
        const input = control(field, id);
        const helpId = 'h-' + field.key;
        const errorId = 'e-' + field.key;
        input.setAttribute('aria-describedby', helpId + ' ' + errorId);
        if (field.kind === 'multi-choice') {
          input.setAttribute('aria-label', label.textContent);
        }
        row.appendChild(input);
        const help = el('p', 'help', text('policy.' + field.key + '.help', field.help));
        help.id = helpId;
        const more = [bounds(field), t('policy.default', defaultText(field))].filter((s) => s).join(' · ');
        help.appendChild(el('span', 'bounds', ' ' + more));
        row.appendChild(help);
        const error = el('p', 'field-error');
        error.id = errorId;
        error.setAttribute('role', 'alert');
        error.hidden = true;
        row.appendChild(error);
        form.appendChild(row);
      });
      const actions = el('div', 'actions');
      const save = el('button', null, t('policy.save'));
      save.type = 'submit';
      save.id = 'policy-save';
      actions.appendChild(save);
      form.appendChild(actions);
      const impact = el('div', 'impact-box');
      impact.id = 'policy-impact';
      impact.setAttribute('role', 'status');
      impact.hidden = true;
      form.appendChild(impact);
      fill(policy);
    }

    function fill(values) {
      source.textContent = values.source === 'defaults' ? t('policy.source.defaults') : '';
      schema.forEach((field) => {
        const input = document.getElementById('p-' + field.key);
        const value = values[field.key];
        switch (field.kind) {
          case 'boolean':
            input.checked = value === true;
            break;
          case 'multi-choice':
            input.querySelectorAll('input').forEach((box) => {
              box.checked = Array.isArray(value) && value.includes(box.value);
            });
            break;
          case 'text-list':
            input.value = (value || []).join('\n');
            break;
          default:
            input.value = value === null || value === undefined ? '' : String(value);
        }
      });
    }

    function collect() {
      const body = {};
      schema.forEach((field) => {
        const input = document.getElementById('p-' + field.key);
        switch (field.kind) {
          case 'boolean':
            body[field.key] = input.checked;
            break;
          case 'integer':
          case 'number-choice':
            body[field.key] = /^-?\d+$/.test(input.value.trim()) ? Number(input.value.trim()) : input.value;
            break;
          case 'multi-choice':
            body[field.key] = Array.from(input.querySelectorAll('input'))
              .filter((box) => box.checked)
              .map((box) => box.value);
            break;
          case 'text-list':
            body[field.key] = input.value.split('\n').map((line) => line.trim()).filter((line) => line);
            break;
          default:
            body[field.key] = input.value.trim() === '' ? null : input.value.trim();
        }
      });
      return body;
    }

    /** What the browser can tell before asking the server, in the admin's language. */
    function localErrors(body) {
      const errors = [];
      schema.forEach((field) => {
        const value = body[field.key];
        if (field.kind === 'integer') {
          if (typeof value !== 'number') {
            errors.push({ field: field.key, message: t('policy.error.number') });
          } else if (value < field.min || value > field.max) {
            errors.push({ field: field.key, message: t('policy.error.range', field.min, field.max) });
          }
        }
        if (field.kind === 'multi-choice' && field.required && value.length === 0) {
          errors.push({ field: field.key, message: t('policy.error.required') });
        }
      });
      return errors;
    }

    function clearErrors() {
      formError.hidden = true;
      form.querySelectorAll('.field').forEach((row) => row.classList.remove('invalid'));
      form.querySelectorAll('.field-error').forEach((p) => {
        p.hidden = true;
        p.textContent = '';
      });
      form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
    }

    function showErrors(errors) {
      const general = [];
      let first = null;
      errors.forEach((error) => {
        const row = form.querySelector('.field[data-field="' + CSS.escape(String(error.field)) + '"]');
        if (!row) {
          general.push(error.field + ': ' + error.message);
          return;
        }
        row.classList.add('invalid');
        const p = row.querySelector('.field-error');
        p.textContent = p.textContent ? p.textContent + ' ' + error.message : error.message;
        p.hidden = false;
        const input = row.querySelector('[data-key]');
        input.setAttribute('aria-invalid', 'true');
        first = first || input;
      });
      formError.textContent = general.length ? t('policy.invalid') + ' ' + general.join('; ') : t('policy.invalid');
      formError.hidden = false;
      if (first) {
        first.focus();
      }
    }

    // The draft whose impact the admin has seen (its JSON), and whether it takes anything away from anyone.
    let simulated = null;
    let simulatedEffects = false;

    /**
     * Shows what the draft would do (POST .../sspr/policy/simulate): counts and a few users per effect. Returns false
     * when the draft changes nothing for anyone (or the admin may not read users), so that Save goes straight on.
     */
    async function showImpact(body) {
      const box = document.getElementById('policy-impact');
      clear(box);
      let result;
      try {
        result = await (await api('policy/simulate', new URLSearchParams({ sample: '10' }), null, 'POST', body)).json();
      } catch (e) {
        if (e instanceof HttpError && e.status === 403) {
          return false;
        }
        throw e;
      }
      const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
      box.setAttribute('data-users', String(result.users));
      box.appendChild(el('p', 'info', t('impact.intro', result.users, result.readyNow, result.readyDraft)));
      const list = el('ul', 'impact');
      Object.entries(result.counts).forEach(([effect, count]) => {
        const item = el('li', null, t('impact.' + effect, count));
        item.setAttribute('data-effect', effect);
        item.setAttribute('data-count', String(count));
        const names = (result.samples[effect] || []).map((u) => u.username).join(', ');
        if (names) {
          item.appendChild(el('span', 'sample', ' (' + names + (count > result.samples[effect].length ? ', …' : '') + ')'));
        }
        list.appendChild(item);
      });
      box.appendChild(list);
      box.hidden = false;
      return total > 0;
    }

    async function save(event) {
      event.preventDefault();
      clearErrors();
      status.textContent = '';
      const body = collect();
      const local = localErrors(body);
      if (local.length) {
        showErrors(local);
        return;
      }
      const button = document.getElementById('policy-save');
      button.disabled = true;
      const draft = JSON.stringify(body);
      try {
        if (simulated !== draft) {
          // First Save of a draft: show its impact; if it takes something from someone, a second Save confirms.
          status.textContent = t('impact.checking');
          simulated = draft;
          simulatedEffects = await showImpact(body);
          if (simulatedEffects) {
            status.textContent = t('impact.confirm');
            button.textContent = t('impact.saveAnyway');
            return;
          }
        }
        status.textContent = t('policy.saving');
        const params = simulatedEffects ? new URLSearchParams({ impact: 'true' }) : null;
        policy = await (await api('policy', params, null, 'PUT', body)).json();
        simulated = null;
        simulatedEffects = false;
        button.textContent = t('policy.save');
        document.getElementById('policy-impact').hidden = true;
        fill(policy);
        status.textContent = t('policy.saved');
        root.setAttribute('data-saved', String(Date.now()));
      } catch (e) {
        status.textContent = '';
        if (e instanceof HttpError && e.status === 400) {
          let answer = {};
          try {
            answer = JSON.parse(e.body);
          } catch (ignored) {
            answer = {};
          }
          showErrors(answer.errors || [{ field: '', message: answer.errorMessage || String(e.status) }]);
        } else if (e instanceof HttpError && e.status === 403) {
          formError.textContent = t('policy.forbiddenSave');
          formError.hidden = false;
        } else {
          throw e;
        }
      } finally {
        button.disabled = false;
      }
    }

    render();
    form.addEventListener('submit', (event) => save(event).catch(ctx.fatal));
    root.hidden = false;
  };
})();
