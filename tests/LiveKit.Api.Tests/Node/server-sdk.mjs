// Drives LiveKit's official Node server SDK (livekit-server-sdk) for the interop tests.
// Usage: node server-sdk.mjs <command>, with a JSON request on stdin; prints a JSON result on stdout.
//   mint             {apiKey, apiSecret, identity?, name?, metadata?, attributes?, kind?, ttl?, video?, sip?, roomConfig?, sha256?}
//                    -> {"token": "..."}
//   verify           {apiKey, apiSecret, token, clockTolerance?} -> {"claims": {...}} | {"error": "..."}
//   webhook-sign     {apiKey, apiSecret, body}  -> {"authorization": "..."}   (the way LiveKit's server signs)
//   webhook-receive  {apiKey, apiSecret, body, authorization} -> {"event": {...}} | {"error": "..."}
import { createHash } from 'node:crypto';
import { AccessToken, TokenVerifier, WebhookReceiver, RoomConfiguration } from 'livekit-server-sdk';

const command = process.argv[2];
const input = JSON.parse(await new Promise((resolve, reject) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', chunk => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
  process.stdin.on('error', reject);
}));

async function run() {
  switch (command) {
    case 'mint': {
      const at = new AccessToken(input.apiKey, input.apiSecret, {
        identity: input.identity, name: input.name, metadata: input.metadata, attributes: input.attributes, ttl: input.ttl,
      });
      if (input.video) at.addGrant(input.video);
      if (input.sip) at.addSIPGrant(input.sip);
      if (input.kind) at.kind = input.kind;
      if (input.sha256) at.sha256 = input.sha256;
      if (input.roomConfig) at.roomConfig = RoomConfiguration.fromJson(input.roomConfig);
      return { token: await at.toJwt() };
    }
    case 'verify': {
      try {
        const claims = await new TokenVerifier(input.apiKey, input.apiSecret).verify(input.token, input.clockTolerance);
        return { claims };
      } catch (e) {
        return { error: String(e && e.message || e) };
      }
    }
    case 'webhook-sign': {
      const sha256 = createHash('sha256').update(input.body, 'utf8').digest('base64');
      const at = new AccessToken(input.apiKey, input.apiSecret, { ttl: '5m' });
      at.sha256 = sha256;
      return { authorization: await at.toJwt() };
    }
    case 'webhook-receive': {
      try {
        const event = await new WebhookReceiver(input.apiKey, input.apiSecret).receive(input.body, input.authorization);
        return { event: event.toJson() };
      } catch (e) {
        return { error: String(e && e.message || e) };
      }
    }
    default:
      throw new Error('unknown command ' + command);
  }
}

process.stdout.write(JSON.stringify(await run()));
