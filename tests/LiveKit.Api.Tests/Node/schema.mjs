// Prints the schema of every livekit.* message and enum in the official generated code of
// @livekit/protocol (the version livekit-client pins) as JSON on stdout, in the same shape our
// C# schema dump uses, so the test can compare field numbers, names and types one by one.
import * as lk from '@livekit/protocol';

const scalarNames = {
  1: 'double', 2: 'float', 3: 'int64', 4: 'uint64', 5: 'int32', 6: 'fixed64', 7: 'fixed32', 8: 'bool',
  9: 'string', 12: 'bytes', 13: 'uint32', 15: 'sfixed32', 16: 'sfixed64', 17: 'sint32', 18: 'sint64',
};

const messages = {};
const enums = {};

function describeValue(kind, T) {
  switch (kind) {
    case 'scalar': return scalarNames[T];
    case 'enum': addEnum(T); return 'enum:' + T.typeName;
    case 'message': addMessage(T); return 'message:' + T.typeName;
    default: throw new Error('unexpected kind ' + kind);
  }
}

function addEnum(e) {
  if (enums[e.typeName]) return;
  enums[e.typeName] = e.values.map(v => ({ number: v.no, name: v.name }));
}

function addMessage(m) {
  if (messages[m.typeName]) return;
  const fields = [];
  messages[m.typeName] = fields;
  for (const f of m.fields.list()) {
    let type;
    if (f.kind === 'map') {
      type = 'map<' + scalarNames[f.K] + ',' + describeValue(f.V.kind, f.V.T) + '>';
    } else {
      type = describeValue(f.kind, f.T);
    }
    fields.push({
      number: f.no,
      name: f.name,
      type,
      repeated: !!f.repeated,
      oneof: f.oneof ? f.oneof.name : null,
      optional: !!f.opt && !f.oneof,
    });
  }
}

for (const value of Object.values(lk)) {
  if (value && typeof value === 'function' && typeof value.typeName === 'string'
      && value.typeName.startsWith('livekit.') && value.fields) {
    addMessage(value);
  }
}

process.stdout.write(JSON.stringify({ messages, enums }));
