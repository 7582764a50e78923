// The write-a-review popup (Candor's origin). After posting, tell the shop page that opened it — only when the
// server verified that page's origin (data-parent-origin) — and close, so that the widget refreshes.
(() => {
  document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('[data-close-popup]')) window.close();
  });
  const posted = document.querySelector('[data-candor-posted]');
  if (!posted) return;
  const state = posted.getAttribute('data-candor-posted');
  if (!state) return;
  const parentOrigin = posted.getAttribute('data-parent-origin');
  if (state && parentOrigin && window.opener) {
    try {
      window.opener.postMessage({ type: 'candor:posted', state }, parentOrigin);
    } catch {
      // The opener navigated elsewhere: the message is simply not delivered.
    }
  }
  // A moment to read "Thank you"; the shop page also refreshes when it sees the window closed.
  if (window.opener) setTimeout(() => window.close(), 1200);
})();

// The ask and answer popups: the widget frame that opened them is on Candor's own origin, so the message goes to
// exactly that origin; the frame checks it came from the window it opened.
(() => {
  const done = document.querySelector('[data-candor-asked], [data-candor-answered]');
  if (!done || !window.opener) return;
  const asked = done.hasAttribute('data-candor-asked');
  const state = done.getAttribute(asked ? 'data-candor-asked' : 'data-candor-answered');
  if (!state) return;
  try {
    window.opener.postMessage({ type: asked ? 'candor:asked' : 'candor:answered', state }, location.origin);
  } catch {
    // The opener navigated elsewhere: the message is simply not delivered.
  }
  setTimeout(() => window.close(), 1200);
})();
