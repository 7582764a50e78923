// Candor's embed loader: finds placeholders, puts one cross-origin iframe in each, sizes it from the frame's
// messages and opens the write-a-review popup. Budget: 3 KB gzip (scripts/check-widget-size.ts), so no
// dependencies and only the protocol's types are imported.
import type { CandorApi, FrameMessage, PostedMessage, RefreshMessage, Theme } from './messages.js';

declare global {
  interface Window {
    Candor?: CandorApi;
  }
}

interface Mounted {
  frame: HTMLIFrameElement;
  merchant: string;
  product: string;
  popup: Window | null;
}

// Same colours as the frame's stylesheet (public/widget.css), so the box never shows white before it paints.
const BACKGROUND = { light: '#ffffff', dark: '#16181d' };
const MAX_HEIGHT = 100_000;

(() => {
  // Loaded twice (two snippets, or an SPA re-injecting it): the first copy does the work.
  if (window.Candor) {
    window.Candor.render();
    return;
  }
  const script = (document.currentScript ?? document.querySelector('script[src$="/widget.js"]')) as HTMLScriptElement | null;
  if (!script) return;
  const base = new URL(script.src, location.href).origin;
  const defaults = script.dataset;
  let mounted: Mounted[] = [];

  const setting = (el: HTMLElement, name: string) => el.dataset[name] || defaults[name] || '';

  const mount = (box: HTMLElement, config: HTMLElement) => {
    const merchant = setting(config, 'candorMerchant');
    const product = config.dataset.candorProduct || '';
    const theme = (setting(config, 'candorTheme') || 'light') as Theme;
    const accent = setting(config, 'candorAccent');
    const dark = theme === 'dark' || (theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
    const query = new URLSearchParams({ merchant, product, theme, origin: location.origin });
    if (accent) query.set('accent', accent);
    // The small star badge for category pages.
    if (config.dataset.candorVariant === 'badge') query.set('variant', 'badge');
    const frame = document.createElement('iframe');
    frame.title = 'Customer reviews';
    // Hidden until the frame reports its height: no empty or white box, and nothing at all where the
    // merchant's allowed origins refuse this page.
    const style = frame.style;
    style.cssText = 'width:100%;height:0;border:0;border-radius:12px;display:block;visibility:hidden';
    style.colorScheme = theme === 'auto' ? 'light dark' : theme;
    style.background = dark ? BACKGROUND.dark : BACKGROUND.light;
    frame.src = `${base}/widget/frame?${query}`;
    // A frame the browser refused (origin not allowed, shop unverified or suspended) never reports its height:
    // ask Candor why and say it in this page's console, where the shop's developer looks.
    frame.addEventListener('load', () =>
      setTimeout(() => {
        if (frame.style.visibility !== 'hidden') return;
        fetch(`${base}/widget/status?${new URLSearchParams({ merchant, origin: location.origin })}`)
          .then((r) => r.json())
          .then((s: { allowed: boolean; message: string }) => s.allowed || console.warn(`Candor reviews (merchant ${merchant}): ${s.message}`))
          .catch(() => {});
      }, 3000),
    );
    box.appendChild(frame);
    mounted.push({ frame, merchant, product, popup: null });
  };

  const render = (root: ParentNode = document) => {
    mounted = mounted.filter((m) => m.frame.isConnected);
    const selector = '[data-candor-product]:not([data-candor-rendered])';
    const found = [...root.querySelectorAll<HTMLElement>(selector)];
    if (root instanceof HTMLElement && root.matches(selector)) found.unshift(root);
    for (const el of found) {
      el.setAttribute('data-candor-rendered', '');
      let box: HTMLElement | null = el;
      if (el.tagName === 'SCRIPT') {
        const target = el.dataset.candorContainer;
        box = target ? document.querySelector<HTMLElement>(target) : null;
        if (box?.hasAttribute('data-candor-rendered')) continue;
        if (!box) {
          // The snippet alone: the reviews go where the script is (at the end of <body> if it sits in <head>).
          box = document.createElement('div');
          if (el.parentNode === document.head) document.body.append(box);
          else el.after(box);
        }
        box.setAttribute('data-candor-rendered', '');
      }
      mount(box, el);
    }
  };

  const refresh = (m: Mounted, posted?: PostedMessage['state']) => {
    const message: RefreshMessage = posted ? { type: 'candor:refresh', posted } : { type: 'candor:refresh' };
    m.frame.contentWindow?.postMessage(message, base);
  };

  const openPopup = (m: Mounted) => {
    if (m.popup && !m.popup.closed) return m.popup.focus();
    const query = new URLSearchParams({ merchant: m.merchant, product: m.product, origin: location.origin });
    const popup = open(`${base}/widget/write?${query}`, 'candor-write', 'popup,width=540,height=760');
    m.popup = popup;
    if (!popup) return;
    // Closed without posting (or the message was lost): refresh anyway, the review may be there.
    const timer = setInterval(() => {
      if (!popup.closed) return;
      clearInterval(timer);
      if (m.popup === popup) {
        m.popup = null;
        refresh(m);
      }
    }, 400);
  };

  addEventListener('message', (event: MessageEvent<FrameMessage | PostedMessage>) => {
    const data = event.data;
    if (event.origin !== base || !data || typeof data !== 'object') return;
    for (const m of mounted) {
      if (event.source === m.frame.contentWindow) {
        if (data.type === 'candor:resize' && typeof data.height === 'number' && data.height >= 0) {
          m.frame.style.height = `${Math.min(Math.ceil(data.height), MAX_HEIGHT)}px`;
          m.frame.style.visibility = '';
        }
        if (data.type === 'candor:write') openPopup(m);
      } else if (m.popup && event.source === m.popup && data.type === 'candor:posted') {
        m.popup = null;
        refresh(m, data.state);
      }
    }
  });

  window.Candor = { render };
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', () => render());
  else render();
})();
