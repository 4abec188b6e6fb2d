// Drives the dev server's RoomService with LiveKit's official Node SDK (livekit-server-sdk) and prints
// what each call returned (or the error it threw) as JSON, for the C# test to assert on.
// Usage: node room-service.mjs <httpUrl> <apiKey> <apiSecret> <callRoom> <otherRoom>
import { RoomServiceClient, DataPacket_Kind, TwirpError } from 'livekit-server-sdk';

const [url, key, secret, callRoom, otherRoom] = process.argv.slice(2);
const client = new RoomServiceClient(url, key, secret);
const out = {};

async function step(name, fn) {
  try {
    out[name] = { ok: await fn() };
  } catch (e) {
    out[name] = { error: { status: e.status, code: e.code, message: e.message, twirp: e instanceof TwirpError } };
  }
}

const plain = (v) => JSON.parse(JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? Number(x) : x)));

await step('createRoom', async () => plain(await client.createRoom({ name: 'sdk-created', emptyTimeout: 120, maxParticipants: 7, metadata: 'made by sdk' })));
await step('createRoomAgain', async () => plain(await client.createRoom({ name: 'sdk-created' })));
await step('listRooms', async () => (await client.listRooms()).map((r) => r.name).sort());
await step('listRoomsByName', async () => (await client.listRooms(['sdk-created', 'nope'])).map((r) => r.name));
await step('listParticipants', async () => (await client.listParticipants(callRoom)).map((p) => p.identity).sort());
await step('getParticipant', async () => plain(await client.getParticipant(callRoom, 'alice')));
await step('updateParticipant', async () => plain(await client.updateParticipant(callRoom, 'alice', { metadata: 'on hold', attributes: { role: 'caller' } })));
const alice = await client.getParticipant(callRoom, 'alice');
const trackSid = alice.tracks[0]?.sid;
await step('mutePublishedTrack', async () => plain(await client.mutePublishedTrack(callRoom, 'alice', trackSid, true)));
await step('sendData', async () => {
  await client.sendData(callRoom, new TextEncoder().encode('{"state":"Requested"}'), DataPacket_Kind.RELIABLE, { topic: 'wt.transfer', destinationIdentities: ['bob'] });
  return true;
});
await step('updateRoomMetadata', async () => plain(await client.updateRoomMetadata(callRoom, 'room meta')));
await step('updateSubscriptions', async () => { await client.updateSubscriptions(callRoom, 'bob', [trackSid], false); return true; });
await step('forwardParticipant', async () => { await client.forwardParticipant(callRoom, 'alice', otherRoom); return true; });
await step('listForwarded', async () => (await client.listParticipants(otherRoom)).map((p) => ({ identity: p.identity, kindDetails: p.kindDetails })));
await step('moveParticipant', async () => { await client.moveParticipant(callRoom, 'carol', otherRoom); return true; });
await step('listAfterMove', async () => (await client.listParticipants(otherRoom)).map((p) => p.identity).sort());
await step('removeParticipant', async () => { await client.removeParticipant(callRoom, 'bob'); return true; });
await step('getMissingParticipant', async () => plain(await client.getParticipant(callRoom, 'nobody')));
await step('moveToSameRoom', async () => { await client.moveParticipant(callRoom, 'alice', callRoom); return true; });
await step('deleteRoom', async () => { await client.deleteRoom('sdk-created'); return true; });
await step('deleteMissingRoom', async () => { await client.deleteRoom('sdk-created'); return true; });
await step('listAfterDelete', async () => (await client.listRooms()).map((r) => r.name).sort());
await step('wrongSecret', async () => (await new RoomServiceClient(url, key, 'wrong-secret').listRooms()).length);

console.log(JSON.stringify(out));
