import { spawn } from 'node:child_process';
import path from 'node:path';

export interface OidcProviderProcess {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/** test/support/oidc-provider.mjs in a child process, with one client whose redirect URI is `redirectUri`. */
export async function startOidcProvider(redirectUri: string): Promise<OidcProviderProcess> {
  const clientId = 'crm-test';
  const clientSecret = 'a-test-client-secret-of-some-length';
  const child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'support', 'oidc-provider.mjs')], {
    env: { ...process.env, OIDC_TEST_CLIENT_ID: clientId, OIDC_TEST_CLIENT_SECRET: clientSecret, OIDC_TEST_REDIRECT_URI: redirectUri },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the OIDC provider did not start in 20 s:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((text) => text.startsWith('{"issuer"'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { issuer: string }).issuer);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the OIDC provider exited with ${code}:\n${output}`));
    });
  });
  return {
    issuer,
    clientId,
    clientSecret,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
