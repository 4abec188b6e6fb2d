// Encodes and decodes LiveKit protocol messages with the official generated code of
// @livekit/protocol (the version livekit-client pins), for the wire-compatibility tests.
// stdin:  JSON array of requests, each {"type": "livekit.X", "json": {...}} (protobuf JSON -> binary)
//         or {"type": "livekit.X", "base64": "..."} (binary -> protobuf JSON)
// stdout: JSON array of results, each {"base64": "..."} or {"json": {...}} or {"error": "..."}
import * as lk from '@livekit/protocol';

const types = new Map();
function register(m) {
  if (types.has(m.typeName)) return;
  types.set(m.typeName, m);
  for (const f of m.fields.list()) {
    if (f.kind === 'message') register(f.T);
    if (f.kind === 'map' && f.V.kind === 'message') register(f.V.T);
  }
}
for (const value of Object.values(lk)) {
  if (value && typeof value === 'function' && typeof value.typeName === 'string' && value.fields) {
    register(value);
  }
}

const input = await new Promise((resolve, reject) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', chunk => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
  process.stdin.on('error', reject);
});

const results = JSON.parse(input).map(request => {
  try {
    const type = types.get(request.type);
    if (!type) throw new Error('unknown type ' + request.type);
    if ('json' in request) {
      // Strict: a JSON field name the official code does not know is an error, not ignored.
      const message = type.fromJson(request.json);
      return { base64: Buffer.from(message.toBinary()).toString('base64') };
    }
    const message = type.fromBinary(Buffer.from(request.base64, 'base64'));
    return { json: message.toJson() };
  } catch (e) {
    return { error: String(e && e.message || e) };
  }
});

process.stdout.write(JSON.stringify(results));
