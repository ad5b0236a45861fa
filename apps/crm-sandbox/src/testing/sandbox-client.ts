import { type CrmSandbox, type CrmSandboxOptions, startCrmSandbox } from '../start-crm-sandbox';

export interface SandboxClient {
  readonly sandbox: CrmSandbox;
  token: string;
  /** Authenticated request against `/services/data/v62.0<path>` (or an absolute path). */
  call(path: string, init?: RequestInit): Promise<Response>;
  json<T>(path: string, init?: RequestInit): Promise<T>;
  login(): Promise<string>;
}

export const API = '/services/data/v62.0';

/** A sandbox on a free port and a logged-in plain-fetch client (username-password flow). */
export async function startSandboxClient(options: CrmSandboxOptions = {}): Promise<SandboxClient> {
  const sandbox = await startCrmSandbox(options);
  const client: SandboxClient = {
    sandbox,
    token: '',
    async login() {
      const credentials = sandbox.salesforce.credentials();
      const response = await fetch(`${sandbox.url}/services/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: credentials.consumerKey,
          client_secret: credentials.consumerSecret,
          username: credentials.username,
          password: credentials.password,
        }),
      });
      const body = (await response.json()) as { access_token: string };
      client.token = body.access_token;
      return client.token;
    },
    call(path, init = {}) {
      const url = path.startsWith('/services/') ? path : `${API}${path}`;
      return fetch(`${sandbox.url}${url}`, {
        ...init,
        headers: {
          Authorization: `Bearer ${client.token}`,
          ...(init.headers as Record<string, string> | undefined),
        },
      });
    },
    async json<T>(path: string, init?: RequestInit) {
      const response = await client.call(path, init);
      return (await response.json()) as T;
    },
  };
  await client.login();
  return client;
}

export function soql(query: string): string {
  return `/query?q=${encodeURIComponent(query)}`;
}
