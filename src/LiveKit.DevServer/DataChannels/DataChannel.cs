using System.Buffers;
using System.Text;
using LiveKit.DevServer.Sctp;

namespace LiveKit.DevServer.DataChannels;

/// <summary>
/// One WebRTC data channel: a pair of SCTP streams with the same id (RFC 8831 §6.5), opened with DCEP
/// (RFC 8832) by us or by the peer. Created by <see cref="DataChannelManager"/>.
/// </summary>
/// <remarks>Events run on the thread dispatching the association's events (the DTLS worker, or a timer). Sending is
/// thread-safe and never blocks.</remarks>
internal sealed class DataChannel
{
    private readonly DataChannelManager _manager;
    private volatile DataChannelState _state;
    private volatile bool _acknowledged;

    internal DataChannel(DataChannelManager manager, ushort id, DataChannelOptions options, bool isLocal, DataChannelState state)
    {
        _manager = manager;
        Id = id;
        Options = options;
        IsLocal = isLocal;
        _state = state;
    }

    /// <summary>SCTP stream identifier (even when the DTLS client opened it, odd for the server; RFC 8832 §6).</summary>
    public ushort Id { get; }

    public string Label => Options.Label;

    public DataChannelOptions Options { get; }

    /// <summary>True when we opened it; false when the peer did.</summary>
    public bool IsLocal { get; }

    public DataChannelState State => _state;

    /// <summary>Set once the peer acknowledged our DATA_CHANNEL_OPEN, or sent anything on the channel (RFC 8832 §6).
    /// Written by the dispatching thread, read by senders.</summary>
    internal bool Acknowledged
    {
        get => _acknowledged;
        set => _acknowledged = value;
    }

    public event DataChannelMessageHandler? MessageReceived;

    public event Action<DataChannel>? Opened;

    public event Action<DataChannel>? Closed;

    /// <summary>Sends a binary message (PPID 53, or 57 when empty).</summary>
    public SctpSendStatus Send(ReadOnlySpan<byte> data) => _manager.Send(this, DataChannelMessageType.Binary, data);

    /// <summary>Sends a text message as UTF-8 (PPID 51, or 56 when empty).</summary>
    public SctpSendStatus SendText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            int length = Encoding.UTF8.GetBytes(text, buffer);
            return _manager.Send(this, DataChannelMessageType.Text, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Closes the channel by resetting our outgoing stream (RFC 8831 §6.7); the channel is closed at once.</summary>
    public void Close() => _manager.CloseChannel(this);

    internal void SetState(DataChannelState state) => _state = state;

    internal void RaiseMessage(DataChannelMessageType type, ReadOnlySpan<byte> payload) => MessageReceived?.Invoke(this, type, payload);

    internal void RaiseOpened() => Opened?.Invoke(this);

    internal void RaiseClosed() => Closed?.Invoke(this);
}
