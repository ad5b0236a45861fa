import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** The CRM sandbox in a process of its own, so its memory is not the sync's. */
export class SandboxProcess {
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly url: string,
  ) {}

  /** Starts apps/crm-sandbox on a free port with the Salesforce options in `optionsFile`. */
  static async start(optionsFile: string): Promise<SandboxProcess> {
    const child = spawn(
      process.execPath,
      [
        '--max-old-space-size=4096',
        '-r',
        '@swc-node/register',
        join(ROOT, 'apps', 'crm-sandbox', 'src', 'main.ts'),
      ],
      {
        cwd: ROOT,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: process.env['HOME'] ?? '',
          CRM_SANDBOX_PORT: '0',
          CRM_SANDBOX_SEED: '20240301',
          CRM_SANDBOX_SALESFORCE_OPTIONS: optionsFile,
        },
      },
    );
    let said = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (said += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        said += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(said);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) =>
        reject(new Error(`crm-sandbox exited (${code}) before listening: ${said.trim()}`)),
      );
    });
    return new SandboxProcess(child, url);
  }

  /** A call to the control API under /__sandbox/salesforce. */
  async control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/__sandbox/salesforce${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}
