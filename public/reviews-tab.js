// Progressive enhancement for the reviews tab: everything works without this file.
document.documentElement.classList.add('js');

document.addEventListener('change', (event) => {
  const field = event.target;
  if (field instanceof HTMLElement && field.matches('[data-autosubmit]')) field.form?.submit();
});

// Helpful votes without a page reload; on any failure the normal form post happens instead.
document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.matches('[data-vote-form]')) return;
  event.preventDefault();
  const button = form.querySelector('button');
  const input = form.querySelector('input[name=helpful]');
  button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(form)),
    });
    if (!response.ok) throw new Error(String(response.status));
    const result = await response.json();
    const card = form.closest('.review');
    const count = card?.querySelector('[data-helpful-count]');
    if (count) count.textContent = `${result.helpfulCount} ${result.helpfulCount === 1 ? 'person' : 'people'} found this helpful`;
    input.value = result.voted ? 'false' : 'true';
    button.setAttribute('aria-pressed', String(result.voted));
    button.textContent = result.voted ? 'Helpful ✓ (undo)' : 'Helpful';
  } catch {
    form.submit();
  } finally {
    button.disabled = false;
  }
});

// After posting, reporting or replying the server sends the person back to the item (#review-…, #comment-…).
// The outcome message is printed at the top of the page, which is then off-screen: move it next to the item.
function placeFlashAtTarget() {
  const flash = document.querySelector('.flash');
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!flash || !target) return;
  flash.classList.add('flash-at-item');
  target.prepend(flash);
  target.scrollIntoView({ block: 'start' });
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', placeFlashAtTarget);
else placeFlashAtTarget();
