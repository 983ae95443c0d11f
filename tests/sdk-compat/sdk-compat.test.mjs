// Camunda's official JS SDK admin client (@camunda8/sdk AdminApiClient) against console-sandbox.
//
// Run (from the repository root, after building the sandbox binary):
//   cargo build -p console-sandbox
//   cd tests/sdk-compat && npm ci && SANDBOX_BIN=/abs/path/to/target/debug/console-sandbox node --test
//
// The test starts the sandbox binary on a free loopback port (--addr 127.0.0.1:0), reads the
// credentials it prints, and drives the SDK's cluster and client operations unchanged. The SDK
// uses ZEEBE_CLIENT_ID/SECRET for every audience when the token URL is not Camunda SaaS, so both
// credential pairs are set; its on-disk token cache is disabled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Admin } = require('@camunda8/sdk');

const SANDBOX_BIN = process.env.SANDBOX_BIN;

let sandbox;
let env;
let admin;

function startSandbox() {
  if (!SANDBOX_BIN || !existsSync(SANDBOX_BIN)) {
    throw new Error(
      `SANDBOX_BIN must point to the built console-sandbox binary (got ${JSON.stringify(SANDBOX_BIN)})`,
    );
  }
  const child = spawn(
    SANDBOX_BIN,
    ['--addr', '127.0.0.1:0', '--seed', 'demo', '--ready-after', '1s'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    const vars = {};
    let base = null;
    const timer = setTimeout(() => reject(new Error('sandbox did not print its credentials in 20 s')), 20_000);
    child.once('exit', (code) => reject(new Error(`sandbox exited early with code ${code}`)));
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const listening = line.match(/^sandbox listening on (http:\/\/127\.0\.0\.1:\d+)$/);
      if (listening) base = listening[1];
      const exp = line.match(/^export ([A-Z_]+)='(.*)'$/);
      if (exp) vars[exp[1]] = exp[2];
      if (base && Object.keys(vars).length === 5) {
        clearTimeout(timer);
        resolve({ child, base, vars });
      }
    });
  });
}

function adminClient(clientId, clientSecret) {
  return new Admin.AdminApiClient({
    config: {
      CAMUNDA_AUTH_STRATEGY: 'OAUTH',
      CAMUNDA_OAUTH_URL: env.CAMUNDA_OAUTH_URL,
      CAMUNDA_CONSOLE_BASE_URL: env.CAMUNDA_CONSOLE_BASE_URL,
      CAMUNDA_CONSOLE_OAUTH_AUDIENCE: env.CAMUNDA_CONSOLE_OAUTH_AUDIENCE,
      CAMUNDA_CONSOLE_CLIENT_ID: clientId,
      CAMUNDA_CONSOLE_CLIENT_SECRET: clientSecret,
      ZEEBE_CLIENT_ID: clientId,
      ZEEBE_CLIENT_SECRET: clientSecret,
      CAMUNDA_TOKEN_DISK_CACHE_DISABLE: true,
    },
  });
}

async function control(method, path, body) {
  const res = await fetch(`${env.CAMUNDA_CONSOLE_BASE_URL}/__sandbox/${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(res.ok, `${method} /__sandbox/${path}: ${res.status}`);
  return res.status === 204 ? null : res.json();
}

before(async () => {
  const started = await startSandbox();
  sandbox = started.child;
  env = started.vars;
  assert.equal(env.CAMUNDA_CONSOLE_BASE_URL, started.base);
  admin = adminClient(env.CAMUNDA_CONSOLE_CLIENT_ID, env.CAMUNDA_CONSOLE_CLIENT_SECRET);
});

after(() => {
  if (sandbox) sandbox.kill('SIGTERM');
});

const counters = () => control('GET', 'counters');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('lists and gets the demo clusters', async () => {
  const clusters = await admin.getClusters();
  const names = clusters.map((c) => c.name).sort();
  assert.deepEqual(names, ['analytics-dev', 'fraud-detection', 'legacy-batch', 'orders-prod', 'payments-staging']);
  const orders = clusters.find((c) => c.name === 'orders-prod');
  assert.equal(orders.status.ready, 'Healthy');
  assert.equal(orders.channel.name, 'Stable');
  const one = await admin.getCluster(orders.uuid);
  assert.equal(one.uuid, orders.uuid);
  assert.equal(one.name, 'orders-prod');
  assert.match(one.links.operate, new RegExp(`^https://[a-z0-9-]+\\.operate\\.camunda\\.io/${orders.uuid}$`));
  await assert.rejects(admin.getCluster('does-not-exist'), (err) => {
    assert.match(String(err?.message ?? err), /404/);
    return true;
  });
});

test('reads the creation parameters', async () => {
  const params = await admin.getParameters();
  assert.deepEqual(params.channels.map((c) => c.name), ['Stable', 'Alpha']);
  for (const ch of params.channels) {
    assert.ok(ch.allowedGenerations.some((g) => g.uuid === ch.defaultGeneration.uuid));
  }
  assert.ok(params.regions.some((r) => r.provider === 'gcp'));
  assert.ok(params.regions.some((r) => r.provider === 'aws'));
  assert.ok(params.clusterPlanTypes.length > 0);
});

test('lists and reads the clients of a demo cluster', async () => {
  const clusters = await admin.getClusters();
  const orders = clusters.find((c) => c.name === 'orders-prod');
  const clients = await admin.getClients(orders.uuid);
  const worker = clients.find((c) => c.name === 'worker-1');
  assert.ok(worker, 'worker-1 exists');
  const details = await admin.getClient(orders.uuid, worker.clientId);
  assert.equal(details.ZEEBE_CLIENT_ID, worker.clientId);
  assert.equal(details.ZEEBE_ADDRESS, orders.links.zeebe);
  assert.equal(details.ZEEBE_AUTHORIZATION_SERVER_URL, env.CAMUNDA_OAUTH_URL);
});

test('sets the IP allowlist under both names and reads the egress ranges', async () => {
  const orders = (await admin.getClusters()).find((c) => c.name === 'orders-prod');
  const list = [{ ip: '203.0.113.0/24', description: 'office' }];
  await admin.updateIpAllowlist(orders.uuid, list);
  assert.deepEqual((await admin.getCluster(orders.uuid)).ipallowlist, list);
  const older = [{ ip: '2001:db8::/32', description: 'vpn' }];
  await admin.whitelistIPs(orders.uuid, older);
  const cluster = await admin.getCluster(orders.uuid);
  assert.deepEqual(cluster.ipallowlist, older);
  assert.deepEqual(cluster.ipwhitelist, older);
  await assert.rejects(
    admin.updateIpAllowlist(orders.uuid, [{ ip: '10.0.0.0/33', description: 'bad' }]),
    (e) => String(e?.response?.statusCode ?? e?.statusCode ?? e?.message).includes('400'),
  );
  await admin.updateIpAllowlist(orders.uuid, []);
  assert.deepEqual((await admin.getCluster(orders.uuid)).ipallowlist, []);
  const ranges = await admin.getIpRanges();
  assert.ok(Array.isArray(ranges['web-modeler']) && ranges['web-modeler'].length > 0);
});

test('creates, lists, updates and deletes connector secrets', async () => {
  const orders = (await admin.getClusters()).find((c) => c.name === 'payments-staging');
  await admin.createSecret({ clusterUuid: orders.uuid, secretName: 'SDK_TOKEN', secretValue: 'v-1' });
  assert.deepEqual(await admin.getSecrets(orders.uuid), { SDK_TOKEN: 'v-1' });
  await assert.rejects(
    admin.createSecret({ clusterUuid: orders.uuid, secretName: 'SDK_TOKEN', secretValue: 'v-2' }),
    (e) => String(e?.response?.statusCode ?? e?.statusCode ?? e?.message).includes('409'),
  );
  await admin.updateSecret(orders.uuid, 'SDK_TOKEN', 'v-3');
  assert.deepEqual(await admin.getSecrets(orders.uuid), { SDK_TOKEN: 'v-3' });
  await admin.deleteSecret(orders.uuid, 'SDK_TOKEN');
  // Eventual consistency: still listed for a short while after the delete, as in the Console.
  assert.deepEqual(await admin.getSecrets(orders.uuid), { SDK_TOKEN: 'v-3' });
  await assert.rejects(
    admin.updateSecret(orders.uuid, 'SDK_TOKEN', 'v-4'),
    (e) => String(e?.response?.statusCode ?? e?.statusCode ?? e?.message).includes('404'),
  );
});

test('upgrades a cluster to its channel\'s latest generation', async () => {
  const staging = (await admin.getClusters()).find((c) => c.name === 'payments-staging');
  const done = await admin.upgradeCluster(staging.uuid);
  assert.equal(done.oldGeneration.name, 'Camunda 8.6.14');
  assert.equal(done.newGeneration.name, 'Camunda 8.7.6');
  assert.equal((await admin.getCluster(staging.uuid)).status.ready, 'Updating');
  await assert.rejects(
    admin.upgradeCluster(staging.uuid),
    (e) => String(e?.response?.statusCode ?? e?.statusCode ?? e?.message).includes('412'),
  );
});

test('lists, creates and deletes backups', async () => {
  const orders = (await admin.getClusters()).find((c) => c.name === 'orders-prod');
  const seeded = await admin.getBackups(orders.uuid);
  assert.equal(seeded.length, 1);
  assert.equal(seeded[0].status, 'Complete');
  const made = await admin.createBackup(orders.uuid);
  assert.equal(made.status, 'In progress');
  await assert.rejects(
    admin.createBackup(orders.uuid),
    (e) => String(e?.response?.statusCode ?? e?.statusCode ?? e?.message).includes('400'),
  );
  const deleted = await admin.deleteBackup(orders.uuid, made.uuid);
  assert.equal(deleted.uuid, made.uuid);
  assert.equal((await admin.getBackups(orders.uuid)).length, 1);
});

test('activates monitoring, creates, rotates and deletes a monitoring client', async () => {
  const orders = (await admin.getClusters()).find((c) => c.name === 'fraud-detection');
  await admin.activateMonitoring(orders.uuid);
  const made = await admin.createMonitoringClient(orders.uuid, 'sdk-grafana');
  assert.equal(made.username, 'sdk-grafana');
  assert.ok(made.password.length >= 16);
  const rotated = await admin.rotateMonitoringClientPassword(orders.uuid, made.uuid);
  assert.notEqual(rotated.password, made.password);
  const listed = await admin.getMonitoringClients(orders.uuid);
  assert.deepEqual(listed.clients.map((c) => c.uuid), [made.uuid]);
  assert.equal(listed.status.metricsEndpoint.scheme, 'https');
  await admin.deleteMonitoringClient(orders.uuid, made.uuid);
  assert.deepEqual((await admin.getMonitoringClients(orders.uuid)).clients, []);
  await admin.deactivateMonitoring(orders.uuid);
  assert.deepEqual((await admin.getMonitoringClients(orders.uuid)).status, {});
});

test('updates a cluster (the hardware packages of an Advanced one too) and runs secure connectivity on an AWS one', async () => {
  const clusters = await admin.getClusters();
  const fraud = clusters.find((c) => c.name === 'fraud-detection');
  await admin.updateCluster(fraud.uuid, { description: 'Scores payments', numberOfAllocatedHwPackages: 2 });
  const after = await admin.getCluster(fraud.uuid);
  assert.equal(after.description, 'Scores payments');
  assert.equal(after.hardwarePackages, 2);
  const staging = clusters.find((c) => c.name === 'payments-staging');
  const principal = 'arn:aws:iam::123456789012:root';
  assert.deepEqual((await admin.getSecureConnectivityStatus(staging.uuid)).status, {});
  await admin.activateSecureConnectivity(staging.uuid, { allowedPrincipals: [principal], allowedRegions: ['eu-central-1'] });
  const on = await admin.getSecureConnectivityStatus(staging.uuid);
  assert.deepEqual(on.status.spec.allowedPrincipals, [principal]);
  assert.match(on.status.status.endpoint.serviceName, /^com\.amazonaws\.vpce\.eu-central-1\./);
  await admin.deactivateSecureConnectivity(staging.uuid);
  assert.deepEqual((await admin.getSecureConnectivityStatus(staging.uuid)).status, {});
});

test('lists, invites and removes members, and reads the activity log as JSON and CSV', async () => {
  const before = await admin.getUsers();
  assert.ok(before.some((m) => m.roles.includes('owner')));
  await admin.createMember('sdk-member@example.com', ['developer']);
  const invited = (await admin.getUsers()).find((m) => m.email === 'sdk-member@example.com');
  assert.equal(invited.invitePending, true);
  assert.deepEqual(invited.roles, ['developer']);
  await admin.deleteMember('sdk-member@example.com');
  assert.equal((await admin.getUsers()).length, before.length);
  const events = await admin.getActivityEvents();
  const mine = events.filter((e) => e.entityId === 'sdk-member@example.com');
  assert.deepEqual(mine.map((e) => e.auditType), ['d', 'u'], 'newest first');
  const csv = await admin.getActivityEventsCsv();
  assert.match(csv.split('\n')[0], /^timestamp,service,auditType,entity,entityId/);
  assert.ok(csv.includes('sdk-member@example.com'));
});

test('creates a cluster and a client, then deletes both', async () => {
  const params = await admin.getParameters();
  const stable = params.channels.find((c) => c.name === 'Stable');
  const created = await admin.createCluster({
    name: 'sdk-compat',
    planTypeId: params.clusterPlanTypes[0].uuid,
    channelId: stable.uuid,
    generationId: stable.defaultGeneration.uuid,
    regionId: params.regions[0].uuid,
  });
  assert.equal(typeof created.clusterId, 'string');
  const clusterId = created.clusterId;

  let cluster = await admin.getCluster(clusterId);
  assert.equal(cluster.name, 'sdk-compat');
  assert.equal(cluster.status.ready, 'Creating');
  for (let i = 0; i < 50 && cluster.status.ready !== 'Healthy'; i++) {
    await sleep(200);
    cluster = await admin.getCluster(clusterId);
  }
  assert.equal(cluster.status.ready, 'Healthy', 'the sandbox was started with --ready-after 1s');

  const client = await admin.createClient({ clusterUuid: clusterId, clientName: 'sdk-worker', permissions: ['Zeebe'] });
  assert.equal(client.name, 'sdk-worker');
  assert.equal(client.clientId.length, 32);
  assert.equal(client.clientSecret.length, 64);
  assert.deepEqual(client.permissions, ['Zeebe']);

  const all = await admin.createClient({ clusterUuid: clusterId, clientName: 'sdk-all' });
  assert.deepEqual(all.permissions, ['Zeebe', 'Operate', 'Tasklist', 'Optimize', 'Secrets']);

  await assert.rejects(
    admin.createClient({ clusterUuid: clusterId, clientName: 'sdk-worker' }),
    (err) => /400/.test(String(err?.message ?? err)),
  );

  const listed = await admin.getClients(clusterId);
  assert.deepEqual(listed.map((c) => c.name).sort(), ['sdk-all', 'sdk-worker']);
  assert.ok(!JSON.stringify(listed).includes(client.clientSecret), 'the list never carries the secret');

  const details = await admin.getClient(clusterId, client.clientId);
  assert.equal(details.ZEEBE_CLIENT_ID, client.clientId);
  assert.equal(details.ZEEBE_ADDRESS, `${clusterId}.${details.ZEEBE_ADDRESS.split('.')[1]}.zeebe.camunda.io:443`);

  await admin.deleteClient(clusterId, client.clientId);
  assert.deepEqual((await admin.getClients(clusterId)).map((c) => c.name), ['sdk-all']);

  await admin.deleteCluster(clusterId);
  await assert.rejects(admin.getCluster(clusterId), (err) => /404/.test(String(err?.message ?? err)));
  assert.ok(!(await admin.getClusters()).some((c) => c.uuid === clusterId));
});

test('the SDK cached its token and leaked no secret or token', async () => {
  const c = await counters();
  assert.ok(c.token_requests >= 1 && c.token_requests <= 2, `token requests: ${c.token_requests}`);
  assert.equal(c.admin_secret_misuse, 0);
  assert.equal(c.token_misuse, 0);
  assert.ok(c.routes['GET /clusters'] >= 3);
  assert.equal(c.routes['POST /clusters'], 1);
  assert.equal(c.routes['DELETE /clusters/{id}/clients/{clientId}'], 1);
});

test('an API client without a permission gets 403 through the SDK', async () => {
  const creds = await control('POST', 'api-clients', { permissions: ['get_clusters'] });
  const reader = adminClient(creds.clientId, creds.clientSecret);
  assert.equal((await reader.getClusters()).length, 5);
  await assert.rejects(
    reader.getClients((await reader.getClusters())[0].uuid),
    (err) => /403/.test(String(err?.message ?? err)),
  );
});

test('the SDK retries an injected 503 and then succeeds', async () => {
  const before = (await counters()).routes['GET /clusters/parameters'] ?? 0;
  await control('POST', 'faults', {
    route: 'GET /clusters/parameters',
    times: 1,
    kind: { type: 'status', status: 503, body: '{"message":"busy"}', contentType: 'application/json' },
  });
  const params = await admin.getParameters();
  assert.equal(params.channels.length, 2);
  assert.equal((await counters()).routes['GET /clusters/parameters'], before + 2);
});
