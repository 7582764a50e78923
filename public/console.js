// Moderation console keyboard shortcuts: j/k move, a/Enter open, p publish, r reject/remove (reason picker),
// d dismiss reports, u back to the queue, ? help, Esc closes. No inline script (CSP): this file only.
(function () {
  'use strict';
  const help = document.getElementById('shortcut-help');
  const list = document.querySelector('[data-queue]');
  const items = list ? Array.from(list.querySelectorAll('.queue-item')) : [];
  const single = document.querySelector('[data-console="item"]');
  let index = -1;

  function toggleHelp(force) {
    if (!help) return;
    help.hidden = typeof force === 'boolean' ? !force : !help.hidden;
  }
  document.querySelectorAll('[data-help-toggle]').forEach((b) => b.addEventListener('click', () => toggleHelp()));

  function select(i) {
    if (items.length === 0) return;
    index = Math.max(0, Math.min(items.length - 1, i));
    items.forEach((el, k) => el.classList.toggle('current', k === index));
    items[index].focus();
    items[index].scrollIntoView({ block: 'nearest' });
  }
  items.forEach((el, k) =>
    el.addEventListener('focusin', () => {
      index = k;
      items.forEach((x, n) => x.classList.toggle('current', n === k));
    }),
  );

  /** The scope the shortcut acts on: the selected queue row, or the whole item page. */
  function scope() {
    if (items.length) return index >= 0 ? items[index] : null;
    return single;
  }

  function submit(form) {
    if (!form) return;
    const button = form.querySelector('button[type=submit]');
    if (typeof form.requestSubmit === 'function') form.requestSubmit(button || undefined);
    else form.submit();
  }

  // In a reason picker, Enter sends the form once a reason is chosen (type the reason's number to choose it).
  document.querySelectorAll('select.reason-picker').forEach((sel) => {
    sel.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && sel.value) {
        event.preventDefault();
        submit(sel.form);
      } else if (event.key === 'Escape') {
        sel.blur();
        if (index >= 0 && items[index]) items[index].focus();
      }
    });
  });

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.matches('input, textarea, select') || target.isContentEditable);
    if (event.key === 'Escape') return toggleHelp(false);
    if (typing) return;
    const here = scope();
    switch (event.key) {
      case 'j':
        select(index + 1);
        break;
      case 'k':
        select(index < 0 ? 0 : index - 1);
        break;
      case '?':
        toggleHelp();
        break;
      case 'a':
      case 'Enter':
        if (items.length && here && (event.key === 'a' || target === here)) {
          const link = here.querySelector('a.qi-title');
          if (link) window.location.assign(link.href);
        } else return;
        break;
      case 'u': {
        const back = document.querySelector('[data-shortcut-back]');
        if (back) window.location.assign(back.href);
        else return;
        break;
      }
      case 'p':
      case 'd':
        if (!here) return;
        submit(here.querySelector(`form[data-shortcut="${event.key}"]`));
        break;
      case 'r': {
        if (!here) return;
        const form = here.querySelector('form[data-shortcut="r"]');
        const picker = form?.querySelector('select.reason-picker');
        if (picker) picker.focus();
        else return;
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  });

  if (items.length) select(0);
})();
