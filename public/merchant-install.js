// The install page, enhanced: a copy button for the tag, the preview updated as choices change, and the preview
// frame sized from its own height messages. Without JavaScript the tag is selectable text and the form submits.
(() => {
  const copy = document.querySelector('[data-copy]');
  const status = document.querySelector('[data-copy-status]');
  if (copy) {
    const code = document.getElementById(copy.dataset.copy);
    copy.hidden = false;
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(code.textContent);
        status.textContent = 'Copied. Paste it into your product page.';
      } catch {
        // No clipboard permission: select the text so that Ctrl+C / Cmd+C copies it.
        const range = document.createRange();
        range.selectNodeContents(code);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        status.textContent = 'Selected: press Ctrl+C (or Cmd+C) to copy.';
      }
    });
  }

  const form = document.querySelector('[data-install-form]');
  form?.addEventListener('change', (event) => {
    if (event.target.name === 'accent' && !event.target.checkValidity()) return;
    form.requestSubmit();
  });

  const preview = document.querySelector('[data-install-preview]');
  window.addEventListener('message', (event) => {
    if (!preview || event.origin !== location.origin || event.source !== preview.contentWindow) return;
    const data = event.data;
    if (data?.type === 'candor:resize' && typeof data.height === 'number' && data.height >= 0) {
      // Long product pages scroll inside the preview rather than stretching this page.
      preview.style.height = `${Math.min(Math.ceil(data.height), 820)}px`;
    }
  });
})();
