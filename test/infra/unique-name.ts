import { randomBytes } from 'node:crypto';

/** A lower-case name safe as an unquoted SQL identifier: the prefix, then 12 random hex digits. */
export function uniqueName(prefix: string): string {
  const clean = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const start = /^[a-z_]/.test(clean) ? clean : `t_${clean}`;
  return `${start.slice(0, 40)}_${randomBytes(6).toString('hex')}`;
}

/** The variable globalSetup filled in; its absence means the test ran without that setup. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run integration tests through jest's integration or e2e project (npm test), whose globalSetup provides it`,
    );
  }
  return value;
}
