namespace LiveKit.DevServer.Sctp;

/// <summary>Receives one reassembled user message. The span is only valid during the call.</summary>
internal delegate void SctpMessageHandler(ushort streamId, uint ppid, ReadOnlySpan<byte> payload);
