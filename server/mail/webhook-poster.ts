/** Sends one signed webhook request; throws on a network error or a non-2xx answer so the outbox retries. */
export type WebhookPoster = (url: string, body: string, headers: Record<string, string>) => Promise<void>;

export function createFetchPoster(timeoutMs = 10_000): WebhookPoster {
  return async (url, body, headers) => {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'Candor-Webhooks/1', ...headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Drain the body so the connection can be reused; its content is not used.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status >= 300) throw new Error(`webhook endpoint answered ${response.status}`);
  };
}
