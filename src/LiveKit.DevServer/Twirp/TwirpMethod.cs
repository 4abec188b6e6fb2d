using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace LiveKit.DevServer.Twirp;

/// <summary>A Twirp method: the request type (for decoding either encoding) and the handler.</summary>
internal sealed record TwirpMethod(MessageDescriptor Request, Func<IMessage, TwirpCall, Task<IMessage>> Invoke);
