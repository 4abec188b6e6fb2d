namespace LiveKit.DevServer.DataChannels;

/// <summary>Receives one message on a data channel. The span is only valid during the call.</summary>
internal delegate void DataChannelMessageHandler(DataChannel channel, DataChannelMessageType type, ReadOnlySpan<byte> payload);
