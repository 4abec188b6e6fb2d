using System.Text;
using Google.Protobuf;
using LiveKit.Proto;
using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.Rooms;

// Data packets: the relay rules of srv:rtc/participant.go (onDataMessage) and room.go (BroadcastDataPacket),
// RoomService.SendData, and server-initiated RPC (RoomService.PerformRpc).
internal sealed partial class ServerRoom
{
    private const int MaxRpcPayloadBytes = 15 * 1024;
    private const int RecentNonceCapacity = 256;
    private static readonly TimeSpan RpcAckTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DefaultRpcResponseTimeout = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, PendingRpc> _pendingRpcs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _recentNonces = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentNonceOrder = new();

    /// <summary>
    /// Relays one data-channel message from <paramref name="sender"/>, arrived on the channel of
    /// <paramref name="channel"/>: checks size and permission, stamps the sender (empty when hidden) and
    /// the kind, resolves destinations, and sends the same bytes to each. The packet's sequence is left
    /// alone (livekit-client drops reliable packets whose sequence does not increase per sender).
    /// </summary>
    public DataRelayOutcome RelayData(ServerParticipant sender, ReadOnlySpan<byte> bytes, DataPacket.Types.Kind channel)
    {
        if (bytes.Length > _context.Limits.MaxDataPacketBytes)
        {
            LogDataRejected(_logger, Name, sender.Sid, DataRelayOutcome.TooLarge, bytes.Length);
            return DataRelayOutcome.TooLarge;
        }

        DataPacket packet;
        try
        {
            packet = DataPacket.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            LogDataRejected(_logger, Name, sender.Sid, DataRelayOutcome.Malformed, bytes.Length);
            return DataRelayOutcome.Malformed;
        }

        var outcome = DataRelayOutcome.SenderGone;
        InRoomOf(sender, room => outcome = room.RelayDataLocked(sender, packet, channel));
        if (outcome is DataRelayOutcome.NotAllowed)
        {
            LogDataRejected(_logger, Name, sender.Sid, outcome, bytes.Length);
        }

        return outcome;
    }

    /// <summary>RoomService.SendData: a user packet with no sender, to the given identities or everyone.</summary>
    public void SendData(SendDataRequest request)
    {
        var user = new UserPacket { Payload = request.Data, Nonce = request.Nonce };
        if (request.HasTopic)
        {
            user.Topic = request.Topic;
        }

        user.DestinationIdentities.AddRange(request.DestinationIdentities);
        user.DestinationSids.AddRange(request.DestinationSids);
        var packet = new DataPacket { Kind = request.Kind, User = user };
        packet.DestinationIdentities.AddRange(request.DestinationIdentities);

        lock (_gate)
        {
            if (!request.Nonce.IsEmpty && !RememberNonceLocked(request.Nonce.ToBase64()))
            {
                return;
            }

            DeliverLocked(sender: null, packet, request.Kind);
        }
    }

    /// <summary>
    /// RoomService.PerformRpc: sends an RPC request to one participant over its data channel and waits
    /// for the ack (2 s) and the response (the request's timeout, default 10 s).
    /// </summary>
    /// <exception cref="RpcCallException">The call failed; the code says how.</exception>
    public async Task<string> PerformRpcAsync(string identity, string method, string payload, uint responseTimeoutMs, CancellationToken cancellationToken)
    {
        if (Encoding.UTF8.GetByteCount(payload) > MaxRpcPayloadBytes)
        {
            throw new RpcCallException(RpcCallException.RequestPayloadTooLarge, "Request payload too large");
        }

        var timeout = responseTimeoutMs > 0 ? TimeSpan.FromMilliseconds(responseTimeoutMs) : DefaultRpcResponseTimeout;
        var id = Guid.NewGuid().ToString();
        var pending = new PendingRpc(identity);
        lock (_gate)
        {
            if (!_participants.TryGetValue(identity, out var p))
            {
                throw new RpcCallException(RpcCallException.RecipientNotFound, "Recipient not found");
            }

            _pendingRpcs[id] = pending;
            var packet = new DataPacket
            {
                Kind = DataPacket.Types.Kind.Reliable,
                ParticipantIdentity = id,
                RpcRequest = new RpcRequest { Id = id, Method = method, Payload = payload, ResponseTimeoutMs = (uint)timeout.TotalMilliseconds, Version = 1 },
            };
            p.Media.SendData(packet.ToByteArray(), DataPacket.Types.Kind.Reliable);
        }

        try
        {
            try
            {
                await pending.Ack.Task.WaitAsync(RpcAckTimeout, _context.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new RpcCallException(RpcCallException.ConnectionTimeout, "Connection timeout");
            }

            try
            {
                return await pending.Response.Task.WaitAsync(timeout, _context.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new RpcCallException(RpcCallException.ResponseTimeout, "Response timeout");
            }
        }
        finally
        {
            lock (_gate)
            {
                _pendingRpcs.Remove(id);
            }
        }
    }

    private DataRelayOutcome RelayDataLocked(ServerParticipant sender, DataPacket packet, DataPacket.Types.Kind channel)
    {
        if (!sender.Permission.CanPublishData)
        {
            return DataRelayOutcome.NotAllowed;
        }

        switch (packet.ValueCase)
        {
            case DataPacket.ValueOneofCase.RpcAck when TryTakeRpcLocked(packet.RpcAck.RequestId, sender, out var pending):
                pending.Ack.TrySetResult();
                return DataRelayOutcome.Consumed;
            case DataPacket.ValueOneofCase.RpcResponse when TryTakeRpcLocked(packet.RpcResponse.RequestId, sender, out var pending):
                pending.Ack.TrySetResult();
                if (packet.RpcResponse.ValueCase == RpcResponse.ValueOneofCase.Error)
                {
                    var error = packet.RpcResponse.Error;
                    pending.Response.TrySetException(new RpcCallException((int)error.Code, error.Message, error.Data));
                }
                else
                {
                    pending.Response.TrySetResult(packet.RpcResponse.Payload);
                }

                _pendingRpcs.Remove(packet.RpcResponse.RequestId);
                return DataRelayOutcome.Consumed;
            case DataPacket.ValueOneofCase.Metrics:
                return DataRelayOutcome.Dropped;
            case DataPacket.ValueOneofCase.Transcription when !sender.IsAgent:
                return DataRelayOutcome.Dropped;
            default:
                break;
        }

        var identity = sender.IsHidden ? string.Empty : sender.Identity;
        var sid = sender.IsHidden ? string.Empty : sender.Sid;
        packet.ParticipantIdentity = identity;
        packet.ParticipantSid = sid;
        packet.Kind = channel;
        if (packet.User is { } user)
        {
            user.ParticipantIdentity = identity;
            user.ParticipantSid = sid;
        }

        DeliverLocked(sender, packet, channel);
        return DataRelayOutcome.Relayed;
    }

    /// <summary>Resolves destinations (packet identities, else user-packet identities, else legacy sids; none means everyone) and sends one serialization to each.</summary>
    private void DeliverLocked(ServerParticipant? sender, DataPacket packet, DataPacket.Types.Kind kind)
    {
        var user = packet.User;
        List<string> destinations = packet.DestinationIdentities.Count > 0
            ? [.. packet.DestinationIdentities]
            : user is { DestinationIdentities.Count: > 0 }
                ? [.. user.DestinationIdentities]
                : user is { DestinationSids.Count: > 0 }
                    ? [.. _participants.Values.Where(p => user.DestinationSids.Contains(p.Sid)).Select(p => p.Identity)]
                    : [];

        if (destinations.Count > 0)
        {
            packet.DestinationIdentities.Clear();
            packet.DestinationIdentities.AddRange(destinations);
            if (user is not null)
            {
                user.DestinationIdentities.Clear();
                user.DestinationIdentities.AddRange(destinations);
            }
        }

        var bytes = packet.ToByteArray();
        if (destinations.Count == 0)
        {
            foreach (var p in _participants.Values)
            {
                if (!ReferenceEquals(p, sender))
                {
                    p.Media.SendData(bytes, kind);
                }
            }

            return;
        }

        foreach (var identity in destinations.Distinct(StringComparer.Ordinal))
        {
            if (_participants.TryGetValue(identity, out var p) && !ReferenceEquals(p, sender))
            {
                p.Media.SendData(bytes, kind);
            }
        }
    }

    private bool TryTakeRpcLocked(string requestId, ServerParticipant responder, out PendingRpc pending) =>
        _pendingRpcs.TryGetValue(requestId, out pending!) && pending.Identity == responder.Identity;

    private bool RememberNonceLocked(string nonce)
    {
        if (!_recentNonces.Add(nonce))
        {
            return false;
        }

        _recentNonceOrder.Enqueue(nonce);
        if (_recentNonceOrder.Count > RecentNonceCapacity)
        {
            _recentNonces.Remove(_recentNonceOrder.Dequeue());
        }

        return true;
    }

    /// <summary>Fails the server-initiated RPCs waiting on a participant that left.</summary>
    private void FailRpcsOfLocked(ServerParticipant p)
    {
        foreach (var pending in _pendingRpcs.Values)
        {
            if (pending.Identity == p.Identity)
            {
                pending.Response.TrySetException(new RpcCallException(RpcCallException.RecipientDisconnected, "Recipient disconnected"));
                pending.Ack.TrySetException(new RpcCallException(RpcCallException.RecipientDisconnected, "Recipient disconnected"));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Room {Room}: data packet of {Bytes} bytes from {ParticipantSid} not relayed ({Outcome})")]
    private static partial void LogDataRejected(ILogger logger, string room, string participantSid, DataRelayOutcome outcome, int bytes);

    private sealed class PendingRpc(string identity)
    {
        public string Identity { get; } = identity;

        public TaskCompletionSource Ack { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<string> Response { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
