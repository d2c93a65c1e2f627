// Signing in, for the tests: through the API (a token for setting the scene
// up) and through the sign-in page (as a user would).
import assert from 'node:assert/strict';

/** Signs in through the API; resolves to the access token. */
export async function apiToken(server, { email = server.email, password = server.password } = {}) {
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(login.status, 200, await login.clone().text());
  return (await login.json()).access_token;
}

/** Signs in through the sign-in page, by default as the server's admin. */
export async function signIn(page, server, { email = server.email, password = server.password } = {}) {
  await page.goto(`${server.baseUrl}/connexion`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('form [type="submit"]').click();
  await page.getByTestId('current-user').waitFor();
}

/** GETs an API path with the token; resolves to the JSON answer, which must be a 200. */
export async function apiGet(server, token, path) {
  const response = await fetch(`${server.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

/** Sends a JSON request with the token; resolves to the response, whatever its status. */
export function apiCall(server, token, method, path, body, headers = {}) {
  return fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** POSTs a JSON body with the token; resolves to what was created, which must be a 201. */
export async function apiCreate(server, token, path, body) {
  const response = await apiCall(server, token, 'POST', path, body);
  assert.equal(response.status, 201, `${path}: ${await response.clone().text()}`);
  return response.json();
}
