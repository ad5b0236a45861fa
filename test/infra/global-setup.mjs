// Jest globalSetup of the integration and e2e projects: every server the tests need is up before
// the first test file loads, and its address is in the environment the workers inherit.
import { ensureAll } from '../../scripts/infra/index.mjs';

export default async function globalSetup() {
  const { env } = await ensureAll(process.env);
  Object.assign(process.env, env);
}
