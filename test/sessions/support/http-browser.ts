/**
 * What a browser does in a sign-in flow, over plain HTTP: follows redirects and keeps each host's
 * cookies. `routes` maps an origin the pages name (the app's PUBLIC_URL) to where it really listens.
 */
export class HttpBrowser {
  private readonly cookies = new Map<string, Map<string, string>>();

  constructor(private readonly routes: Record<string, string> = {}) {}

  /** Requests `url`, then follows redirects while `follow(next)` says so; answers the last response. */
  async open(url: string, init: { method?: string; form?: Record<string, string>; follow?: (next: URL) => boolean } = {}): Promise<{ url: URL; status: number; location?: string; text: string }> {
    let current = new URL(url);
    let method = init.method ?? 'GET';
    let body = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let redirects = 0; redirects < 20; redirects++) {
      const response = await fetch(this.route(current), {
        method,
        redirect: 'manual',
        headers: { ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}), Cookie: this.cookieHeader(current) },
        body,
      });
      this.keepCookies(current, response.headers.getSetCookie());
      const location = response.headers.get('location') ?? undefined;
      if (response.status >= 300 && response.status < 400 && location) {
        const next = new URL(location, current);
        if (!(init.follow ?? (() => true))(next)) return { url: current, status: response.status, location: next.href, text: await response.text() };
        current = next;
        method = 'GET';
        body = undefined;
        continue;
      }
      return { url: current, status: response.status, location, text: await response.text() };
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }

  cookie(origin: string, name: string): string | undefined {
    return this.cookies.get(new URL(origin).host)?.get(name);
  }

  private route(url: URL): string {
    const target = this.routes[url.origin];
    return target ? `${target}${url.pathname}${url.search}` : url.href;
  }

  private cookieHeader(url: URL): string {
    return [...(this.cookies.get(url.host) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keepCookies(url: URL, headers: string[]): void {
    const jar = this.cookies.get(url.host) ?? new Map<string, string>();
    this.cookies.set(url.host, jar);
    for (const header of headers) {
      const [pair, ...attributes] = header.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      const expired = attributes.some((attribute) => /^max-age=0$/i.test(attribute) || (/^expires=/i.test(attribute) && new Date(attribute.slice(8)).getTime() <= Date.now()));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }
}
