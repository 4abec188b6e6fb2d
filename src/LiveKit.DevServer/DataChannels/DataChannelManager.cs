using System.Buffers;
using LiveKit.DevServer.Dtls;
using LiveKit.DevServer.Sctp;
using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.DataChannels;

/// <summary>
/// The data channels of one SCTP association: opens ours with DCEP (RFC 8832), accepts the peer's, maps PPIDs to
/// text/binary messages (RFC 8831 §6.6), and closes channels by stream reset (RFC 8831 §6.7).
/// </summary>
/// <remarks>
/// Stream ids follow RFC 8832 §6: the DTLS client uses even ids and the DTLS server odd ones, so both sides can open
/// channels without clashing. Channels created before the association is established are opened when it is.
/// Threading: association events arrive on its dispatching thread; the public members are thread-safe. The manager
/// never calls the association or raises events while holding its own lock.
/// </remarks>
internal sealed class DataChannelManager : IDisposable
{
    private static readonly SctpSendOptions ControlSendOptions = SctpSendOptions.Reliable;

    private readonly Lock _gate = new();
    private readonly SctpAssociation _association;
    private readonly ILogger _logger;
    private readonly Dictionary<ushort, DataChannel> _channels = [];
    private readonly HashSet<ushort> _resettingIds = [];
    private readonly List<DataChannel> _awaitingAssociation = [];
    private readonly ushort _localParity;
    private bool _associationUp;
    private bool _associationClosed;

    public DataChannelManager(SctpAssociation association, DtlsRole localDtlsRole, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(association);
        ArgumentNullException.ThrowIfNull(logger);
        _association = association;
        _logger = logger;
        _localParity = localDtlsRole == DtlsRole.Client ? (ushort)0 : (ushort)1;
        _association.MessageReceived += OnMessage;
        _association.StateChanged += OnAssociationStateChanged;
        _association.IncomingStreamsReset += OnIncomingStreamsReset;
        _associationUp = association.State == SctpAssociationState.Established;
    }

    /// <summary>A channel the peer opened (W3C ondatachannel); raised after our DATA_CHANNEL_ACK was queued.</summary>
    public event Action<DataChannel>? RemoteChannelOpened;

    public DataChannelCounters Counters { get; } = new();

    public IReadOnlyList<DataChannel> Channels
    {
        get
        {
            lock (_gate)
            {
                return [.. _channels.Values];
            }
        }
    }

    /// <summary>
    /// Opens a channel towards the peer. It is <see cref="DataChannelState.Connecting"/> until the association is
    /// up and DATA_CHANNEL_OPEN is sent, then <see cref="DataChannelState.Open"/>; until the peer's ACK, messages
    /// go ordered (RFC 8832 §6).
    /// </summary>
    /// <exception cref="InvalidOperationException">No stream id of our parity is free, or the association is closed.</exception>
    public DataChannel CreateChannel(DataChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        DataChannel channel;
        bool openNow;
        lock (_gate)
        {
            if (_associationClosed)
            {
                throw new InvalidOperationException("The SCTP association is closed.");
            }

            channel = new DataChannel(this, AllocateId(), options, isLocal: true, DataChannelState.Connecting);
            _channels.Add(channel.Id, channel);
            openNow = _associationUp;
            if (!openNow)
            {
                _awaitingAssociation.Add(channel);
            }
        }

        Counters.OnOpenedLocally();
        if (openNow)
        {
            SendOpen(channel);
        }

        return channel;
    }

    public void Dispose()
    {
        _association.MessageReceived -= OnMessage;
        _association.StateChanged -= OnAssociationStateChanged;
        _association.IncomingStreamsReset -= OnIncomingStreamsReset;
    }

    internal SctpSendStatus Send(DataChannel channel, DataChannelMessageType type, ReadOnlySpan<byte> data)
    {
        if (channel.State != DataChannelState.Open)
        {
            return SctpSendStatus.NotConnected;
        }

        // RFC 8831 §6.6: an empty message is one zero byte with the "empty" PPID.
        uint ppid = (type, data.IsEmpty) switch
        {
            (DataChannelMessageType.Text, false) => DataChannelPpid.String,
            (DataChannelMessageType.Text, true) => DataChannelPpid.StringEmpty,
            (_, false) => DataChannelPpid.Binary,
            _ => DataChannelPpid.BinaryEmpty,
        };
        ReadOnlySpan<byte> payload = data.IsEmpty ? [0] : data;
        bool ordered = channel.Options.Ordered || (channel.IsLocal && !channel.Acknowledged);
        var options = new SctpSendOptions(!ordered, channel.Options.MaxRetransmits, channel.Options.MaxPacketLifeTime);
        return _association.SendMessage(channel.Id, ppid, payload, options);
    }

    internal void CloseChannel(DataChannel channel)
    {
        lock (_gate)
        {
            if (channel.State == DataChannelState.Closed || !_channels.Remove(channel.Id))
            {
                return;
            }

            channel.SetState(DataChannelState.Closed);
            _awaitingAssociation.Remove(channel);
            _resettingIds.Add(channel.Id);
        }

        // The id stays reserved until the peer resets its side too; if the peer cannot (no RE-CONFIG), it is free now.
        if (!_association.ResetStreams([channel.Id]))
        {
            lock (_gate)
            {
                _resettingIds.Remove(channel.Id);
            }
        }

        DataChannelLog.Closed(_logger, channel.Id);
        Raise(channel.RaiseClosed);
    }

    private ushort AllocateId()
    {
        int limit = _association.OutboundStreamCount is > 0 and var count ? count : 65535;
        for (int id = _localParity; id < limit; id += 2)
        {
            if (!_channels.ContainsKey((ushort)id) && !_resettingIds.Contains((ushort)id))
            {
                return (ushort)id;
            }
        }

        throw new InvalidOperationException("No free SCTP stream identifier for a new data channel.");
    }

    private void SendOpen(DataChannel channel)
    {
        DcepOpenMessage open = channel.Options.ToOpenMessage();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(open.EncodedLength);
        SctpSendStatus status;
        try
        {
            int length = open.Write(buffer);
            status = _association.SendMessage(channel.Id, DataChannelPpid.Dcep, buffer.AsSpan(0, length), ControlSendOptions);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (status != SctpSendStatus.Queued)
        {
            DataChannelLog.OpenNotSent(_logger, channel.Id, status);
            CloseChannel(channel);
            return;
        }

        channel.SetState(DataChannelState.Open);
        DataChannelLog.Opened(_logger, channel.Id, channel.Label, "us");
        Raise(channel.RaiseOpened);
    }

    private void OnMessage(ushort streamId, uint ppid, ReadOnlySpan<byte> payload)
    {
        switch (ppid)
        {
            case DataChannelPpid.Dcep:
                OnDcep(streamId, payload);
                return;
            case DataChannelPpid.String:
            case DataChannelPpid.StringEmpty:
            case DataChannelPpid.Binary:
            case DataChannelPpid.BinaryEmpty:
                break;
            default:
                Counters.OnUnsupportedPpid();
                return;
        }

        DataChannel? channel;
        lock (_gate)
        {
            _channels.TryGetValue(streamId, out channel);
        }

        if (channel is null || channel.State != DataChannelState.Open)
        {
            Counters.OnUnknownChannel();
            return;
        }

        // RFC 8832 §6: any message from the peer on the channel also acknowledges our DATA_CHANNEL_OPEN.
        channel.Acknowledged = true;
        DataChannelMessageType type = ppid is DataChannelPpid.String or DataChannelPpid.StringEmpty
            ? DataChannelMessageType.Text
            : DataChannelMessageType.Binary;
        ReadOnlySpan<byte> data = ppid is DataChannelPpid.StringEmpty or DataChannelPpid.BinaryEmpty ? [] : payload;
        try
        {
            channel.RaiseMessage(type, data);
        }
#pragma warning disable CA1031 // A subscriber's fault must not reach the SCTP layer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            DataChannelLog.HandlerFailed(_logger, ex);
        }
    }

    private void OnDcep(ushort streamId, ReadOnlySpan<byte> payload)
    {
        if (payload.Length == 1 && payload[0] == (byte)DcepMessageType.DataChannelAck)
        {
            lock (_gate)
            {
                if (_channels.TryGetValue(streamId, out DataChannel? ours) && ours.IsLocal)
                {
                    ours.Acknowledged = true;
                    return;
                }
            }

            Counters.OnUnknownChannel();
            return;
        }

        if (DcepOpenMessage.TryParse(payload, out DcepOpenMessage? open) != OperationStatus.Done)
        {
            Counters.OnMalformedDcep();
            return;
        }

        DataChannel channel;
        lock (_gate)
        {
            string? rejection = (streamId % 2) == _localParity ? "the stream id has our parity"
                : _channels.ContainsKey(streamId) || _resettingIds.Contains(streamId) ? "the stream id is in use"
                : null;
            if (rejection is not null)
            {
                Counters.OnOpenRejected();
                DataChannelLog.OpenRejected(_logger, streamId, rejection);
                return;
            }

            channel = new DataChannel(this, streamId, DataChannelOptions.FromOpenMessage(open!), isLocal: false, DataChannelState.Open);
            _channels.Add(streamId, channel);
        }

        Counters.OnOpenedByPeer();
        _association.SendMessage(streamId, DataChannelPpid.Dcep, [(byte)DcepMessageType.DataChannelAck], ControlSendOptions);
        DataChannelLog.Opened(_logger, streamId, channel.Label, "peer");
        Raise(() => RemoteChannelOpened?.Invoke(channel));
        Raise(channel.RaiseOpened);
    }

    /// <summary>RFC 8831 §6.7: the peer reset its outgoing stream; reset ours too (unless we started) and close.</summary>
    private void OnIncomingStreamsReset(SctpAssociation association, IReadOnlyList<ushort> streams)
    {
        var closed = new List<DataChannel>();
        var toReset = new List<ushort>();
        lock (_gate)
        {
            foreach (ushort id in streams)
            {
                if (_resettingIds.Remove(id))
                {
                    continue; // We closed it first; both directions are now reset.
                }

                if (_channels.Remove(id, out DataChannel? channel))
                {
                    channel.SetState(DataChannelState.Closed);
                    _awaitingAssociation.Remove(channel);
                    closed.Add(channel);
                    toReset.Add(id);
                }
            }
        }

        if (toReset.Count > 0)
        {
            association.ResetStreams(toReset);
        }

        foreach (DataChannel channel in closed)
        {
            DataChannelLog.Closed(_logger, channel.Id);
            Raise(channel.RaiseClosed);
        }
    }

    private void OnAssociationStateChanged(SctpAssociation association, SctpAssociationState state)
    {
        List<DataChannel> affected;
        lock (_gate)
        {
            if (state == SctpAssociationState.Established && !_associationUp)
            {
                _associationUp = true;
                affected = [.. _awaitingAssociation];
                _awaitingAssociation.Clear();
            }
            else if (state == SctpAssociationState.Closed && !_associationClosed)
            {
                _associationClosed = true;
                affected = [.. _channels.Values];
                _channels.Clear();
                _awaitingAssociation.Clear();
                foreach (DataChannel channel in affected)
                {
                    channel.SetState(DataChannelState.Closed);
                }
            }
            else
            {
                return;
            }
        }

        foreach (DataChannel channel in affected)
        {
            if (state == SctpAssociationState.Established)
            {
                SendOpen(channel);
            }
            else
            {
                Raise(channel.RaiseClosed);
            }
        }
    }

    private void Raise(Action raise)
    {
        try
        {
            raise();
        }
#pragma warning disable CA1031 // A subscriber's fault must not reach the SCTP layer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            DataChannelLog.HandlerFailed(_logger, ex);
        }
    }
}
