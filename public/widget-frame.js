// Runs inside the widget frame (Candor's origin). Talks only to the embedding page, and only when the server
// verified that page's origin against the merchant's allowed list (data-parent-origin on <html>).
(() => {
  const parentOrigin = document.documentElement.dataset.parentOrigin;
  if (!parentOrigin || window.parent === window) return;
  const post = (message) => window.parent.postMessage(message, parentOrigin);

  // Height of the content, not of the viewport: the frame must be able to shrink as well as grow.
  const root = document.querySelector('[data-candor-root]') ?? document.body;
  let last = -1;
  const report = () => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    post({ type: 'candor:resize', height });
  };
  new ResizeObserver(report).observe(root);
  report();

  // "Write a review" opens a popup on Candor's own site, from the embedding page so that it can follow the
  // popup; without the loader the link still opens Candor in a new tab.
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('[data-candor-write]') : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    post({ type: 'candor:write' });
  });

  const POSTED = ['published', 'held', 'rejected'];
  window.addEventListener('message', (event) => {
    // Only the page that embeds us, and only if it is the origin the server checked.
    if (event.source !== window.parent || event.origin !== parentOrigin) return;
    const data = event.data;
    if (data?.type !== 'candor:refresh') return;
    const url = new URL(location.href);
    url.searchParams.delete('posted');
    url.searchParams.delete('page');
    if (POSTED.includes(data.posted)) url.searchParams.set('posted', data.posted);
    location.replace(url.href);
  });
})();

// "Ask a question" and each question's "Answer" open a popup on Candor's own site from the frame itself: the popup
// shares the frame's origin, so it reports back here directly (checked: Candor's origin, and the window this frame
// opened), and the shop's page needs no new code. Without scripts the links open Candor's page in a new tab.
(() => {
  let popup = null;
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('[data-candor-ask], [data-candor-answer]') : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    // One popup at a time; another question's "Answer" takes it over rather than stacking windows.
    popup = window.open(link.href, 'candor-ask', 'popup,width=540,height=640');
    if (popup) {
      event.preventDefault();
      popup.focus();
    }
  });

  const STATES = ['published', 'held', 'rejected'];
  const PARAMS = { 'candor:asked': 'asked', 'candor:answered': 'answered' };
  window.addEventListener('message', (event) => {
    if (event.origin !== location.origin || !popup || event.source !== popup) return;
    const data = event.data;
    const param = PARAMS[data?.type];
    if (!param || !STATES.includes(data.state)) return;
    const url = new URL(location.href);
    for (const name of ['posted', 'page', 'asked', 'answered']) url.searchParams.delete(name);
    url.searchParams.set(param, data.state);
    location.replace(url.href);
  });
})();
