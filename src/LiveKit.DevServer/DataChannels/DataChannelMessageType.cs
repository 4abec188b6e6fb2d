namespace LiveKit.DevServer.DataChannels;

/// <summary>Whether a message is text (UTF-8, PPID 51/56) or binary (PPID 53/57).</summary>
internal enum DataChannelMessageType
{
    Text,
    Binary,
}
