// Starts a real Innov'Action server for a test file: the debug binary, a fresh
// SQLite database in a temporary DATA_DIR, the built SPA, and one admin account;
// optionally the demonstration portfolio (`innovaction seed-demo`) as well.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const binary = process.env.INNOVACTION_BIN || join(repoRoot, 'target/debug/innovaction');
const staticDir = process.env.STATIC_DIR || join(repoRoot, 'frontend/dist');

const ADMIN_EMAIL = 'admin@e2e.test';
const ADMIN_NAME = 'Admin E2E';
const READY_TIMEOUT_MS = 30_000;

/** Asks the kernel for a free TCP port on the loopback interface. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** A password no policy should refuse: long, mixed case, digits and a symbol. */
function strongPassword() {
  return `${randomBytes(18).toString('base64url')}-Aa9!`;
}

/** The environment of both commands: only what the test decides, plus PATH & co. */
function serverEnv(dataDir, port) {
  const env = { ...process.env };
  // Never let the caller's settings leak in: the test wants SQLite in its own
  // temporary directory, whatever the developer's shell exports.
  for (const name of ['DATABASE_URL', 'JWT_SECRET', 'JWT_SECRET_FILE', 'LOG_FORMAT']) {
    delete env[name];
  }
  return {
    ...env,
    DATA_DIR: dataDir,
    STATIC_DIR: staticDir,
    BIND: `127.0.0.1:${port}`,
    RUST_LOG: 'warn',
  };
}

/** Runs `innovaction create-user`, giving the password on standard input. */
function createUser(env, password) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      binary,
      ['create-user', '--email', ADMIN_EMAIL, '--role', 'admin', '--display-name', ADMIN_NAME, '--password-stdin'],
      { env, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`create-user failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
    child.stdin.end(`${password}\n`);
  });
}

/**
 * Runs `innovaction seed-demo` against the same DATA_DIR: the demo portfolio
 * (96 projects, 214 actors) and its own admin account, whose login it prints.
 */
function seedDemo(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['seed-demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`seed-demo failed (${signal ?? `exit ${code}`}):\n${output}`));
        return;
      }
      const email = output.match(/e-mail:\s+(\S+)/)?.[1];
      const password = output.match(/mot de passe:\s+(\S+)/)?.[1];
      resolve({ email, password, output });
    });
  });
}

async function waitUntilReady(baseUrl, child, logs) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server stopped before it was ready:\n${logs()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server was not ready after ${READY_TIMEOUT_MS / 1000} s:\n${logs()}`);
}

/**
 * Starts a server and resolves to { baseUrl, email, password, displayName, stop },
 * plus `demo` ({ email, password } of the demo admin) with { seedDemo: true }.
 * Always call stop(), e.g. in an after() hook.
 */
export async function startServer({ seedDemo: withDemo = false } = {}) {
  if (!existsSync(binary)) {
    throw new Error(`${binary} not found: run \`cargo build -p backend\` first`);
  }
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`${staticDir}/index.html not found: run scripts/build-frontend.sh first`);
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'innovaction-e2e-'));
  let child;
  try {
    const port = await freePort();
    const env = serverEnv(dataDir, port);
    const password = strongPassword();
    await createUser(env, password);
    // Before `serve`: the demo portfolio is loaded once, into an empty database.
    const demo = withDemo ? await seedDemo(env) : undefined;

    // The server's output is kept and shown only if something goes wrong.
    let output = '';
    const logs = () => output.slice(-8_000) || '(no output)';
    child = spawn(binary, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', (error) => (output += `\n${error}`));

    const baseUrl = `http://127.0.0.1:${port}`;
    await waitUntilReady(baseUrl, child, logs);

    const server = child;
    return {
      baseUrl,
      email: ADMIN_EMAIL,
      password,
      displayName: ADMIN_NAME,
      demo,
      logs,
      async stop() {
        await terminate(server);
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (child) await terminate(child);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** SIGTERM, then SIGKILL if the process has not exited within five seconds. */
async function terminate(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
