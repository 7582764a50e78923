// The postMessage protocol between the embedding page (loader), the widget frame and the write-a-review popup.
// Types only: the loader bundle must stay tiny, and the frame and popup scripts (public/widget-*.js) are plain JS
// that follow the same shapes.

/** Frame → embedding page: the frame's content height in CSS pixels. */
export interface ResizeMessage {
  type: 'candor:resize';
  height: number;
}

/** Frame → embedding page: the reader clicked "Write a review"; the page opens the popup (it holds the activation). */
export interface WriteMessage {
  type: 'candor:write';
}

/** Popup → embedding page (its opener): a review was posted, with the state it landed in. */
export interface PostedMessage {
  type: 'candor:posted';
  state: 'published' | 'held' | 'rejected';
}

/** Embedding page → frame: reload, optionally showing the "thank you" note for a review just posted. */
export interface RefreshMessage {
  type: 'candor:refresh';
  posted?: PostedMessage['state'];
}

export type FrameMessage = ResizeMessage | WriteMessage;
export type PopupMessage = PostedMessage;
export type ParentMessage = RefreshMessage;
export type Theme = 'light' | 'dark' | 'auto';

/** What the loader exposes as window.Candor. */
export interface CandorApi {
  /** Renders every widget placeholder not yet rendered; safe to call any number of times. */
  render(root?: ParentNode): void;
}
