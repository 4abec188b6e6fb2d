// Drives AgentDispatchService with LiveKit's official Node SDK (AgentDispatchClient) and prints the
// results as JSON. Usage: node agent-dispatch.mjs <httpUrl> <apiKey> <apiSecret> <room> <agentName>
import { AgentDispatchClient } from 'livekit-server-sdk';

const [url, key, secret, room, agentName] = process.argv.slice(2);
const client = new AgentDispatchClient(url, key, secret);
const out = {};
const plain = (v) => JSON.parse(JSON.stringify(v ?? null));

async function step(name, fn) {
  try {
    out[name] = { ok: await fn() };
  } catch (e) {
    out[name] = { error: { status: e.status, code: e.code, message: e.message } };
  }
}

let id;
await step('createDispatch', async () => {
  const d = await client.createDispatch(room, agentName, { metadata: '{"kind":"call"}' });
  id = d.id;
  return plain(d);
});
await step('listDispatch', async () => plain(await client.listDispatch(room)));
await step('getDispatch', async () => plain(await client.getDispatch(id, room)));
await step('deleteDispatch', async () => plain(await client.deleteDispatch(id, room)));
await step('getDeleted', async () => plain(await client.getDispatch(id, room)));
await step('listUnknownRoom', async () => plain(await client.listDispatch('no-such-room')));

console.log(JSON.stringify(out));
