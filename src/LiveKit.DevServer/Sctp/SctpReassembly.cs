using System.Buffers;

namespace LiveKit.DevServer.Sctp;

/// <summary>
/// Receive-side reassembly (RFC 4960 §6.9) and ordering (§6.5, §6.6): fragments of a message carry consecutive
/// TSNs from a B fragment to an E fragment; ordered messages are delivered per stream in SSN order, unordered ones
/// as soon as complete. FORWARD TSN (RFC 3758 §3.6) skips abandoned messages.
/// </summary>
/// <remarks>Not thread-safe; used under the association lock. Delivered buffers are pooled and owned by the
/// delivery callback, which must return them to <see cref="ArrayPool{T}.Shared"/>.</remarks>
internal sealed class SctpReassembly
{
    /// <summary>Receives a complete message: stream, PPID, pooled buffer (ownership passes), length.</summary>
    public delegate void Delivery(ushort streamId, uint ppid, byte[] buffer, int length);

    private readonly Dictionary<ushort, OrderedStream> _ordered = [];
    private readonly Dictionary<uint, SctpInboundFragment> _unordered = [];
    private readonly int _maxMessageSize;
    private readonly SctpCounters _counters;
    private readonly Delivery _deliver;

    public SctpReassembly(int maxMessageSize, SctpCounters counters, Delivery deliver)
    {
        _maxMessageSize = maxMessageSize;
        _counters = counters;
        _deliver = deliver;
    }

    /// <summary>Payload bytes held, waiting for missing fragments or earlier messages; subtracted from a_rwnd.</summary>
    public long BufferedBytes { get; private set; }

    /// <summary>Takes a fragment whose TSN was accepted (not a duplicate); delivers whatever became complete.</summary>
    public void Add(SctpInboundFragment fragment)
    {
        BufferedBytes += fragment.Length;
        if (fragment.Unordered)
        {
            AddUnordered(fragment);
            return;
        }

        OrderedStream stream = GetStream(fragment.StreamId);
        if (SctpSerial.IsBefore(fragment.StreamSequence, stream.NextSsn))
        {
            // A message we already delivered or skipped: a stale copy, not a new message.
            Drop(fragment);
            return;
        }

        if (!stream.Pending.TryGetValue(fragment.StreamSequence, out PendingMessage? message))
        {
            message = new PendingMessage();
            stream.Pending.Add(fragment.StreamSequence, message);
        }

        message.Add(fragment);
        DeliverInOrder(stream);
    }

    /// <summary>
    /// RFC 3758 §3.6: drop unordered fragments up to the new cumulative TSN; for each listed ordered stream deliver
    /// complete messages up to the skipped SSN, drop incomplete ones, and continue from SSN + 1.
    /// </summary>
    public void ForwardTsn(uint newCumulativeTsn, IReadOnlyList<(ushort StreamId, ushort StreamSequence)> skipped)
    {
        List<uint>? stale = null;
        foreach ((uint tsn, SctpInboundFragment fragment) in _unordered)
        {
            if (SctpSerial.IsBeforeOrEqual(tsn, newCumulativeTsn))
            {
                (stale ??= []).Add(tsn);
            }
        }

        foreach (uint tsn in stale ?? [])
        {
            _unordered.Remove(tsn, out SctpInboundFragment? fragment);
            Drop(fragment!);
        }

        foreach ((ushort streamId, ushort ssn) in skipped)
        {
            OrderedStream stream = GetStream(streamId);
            var upTo = stream.Pending.Keys.Where(s => SctpSerial.IsBeforeOrEqual(s, ssn)).ToList();
            upTo.Sort((a, b) => ((short)(a - b)).CompareTo(0));
            foreach (ushort s in upTo)
            {
                stream.Pending.Remove(s, out PendingMessage? message);
                if (!TryDeliver(message!))
                {
                    foreach (SctpInboundFragment fragment in message!.Fragments)
                    {
                        Drop(fragment);
                    }
                }
            }

            if (SctpSerial.IsBeforeOrEqual(stream.NextSsn, ssn))
            {
                stream.NextSsn = (ushort)(ssn + 1);
            }

            DeliverInOrder(stream);
        }
    }

    /// <summary>RFC 6525 §5.2.2: after an incoming stream reset the stream's SSNs start again at 0.</summary>
    public void ResetStream(ushort streamId)
    {
        if (_ordered.Remove(streamId, out OrderedStream? stream))
        {
            foreach (PendingMessage message in stream.Pending.Values)
            {
                foreach (SctpInboundFragment fragment in message.Fragments)
                {
                    Drop(fragment);
                }
            }
        }
    }

    public void Clear()
    {
        foreach (ushort streamId in _ordered.Keys.ToList())
        {
            ResetStream(streamId);
        }

        foreach (SctpInboundFragment fragment in _unordered.Values)
        {
            Drop(fragment);
        }

        _unordered.Clear();
    }

    private void AddUnordered(SctpInboundFragment fragment)
    {
        if (fragment.Beginning && fragment.Ending)
        {
            var single = new PendingMessage();
            single.Add(fragment);
            TryDeliver(single);
            return;
        }

        _unordered[fragment.Tsn] = fragment;

        // Walk back to the B fragment and forward to the E fragment over consecutive TSNs of the same stream.
        uint first = fragment.Tsn;
        while (!_unordered[first].Beginning)
        {
            if (!_unordered.TryGetValue(first - 1, out SctpInboundFragment? previous)
                || previous.StreamId != fragment.StreamId || previous.Ending)
            {
                return;
            }

            first--;
        }

        uint last = fragment.Tsn;
        while (!_unordered[last].Ending)
        {
            if (!_unordered.TryGetValue(last + 1, out SctpInboundFragment? next)
                || next.StreamId != fragment.StreamId || next.Beginning)
            {
                return;
            }

            last++;
        }

        var message = new PendingMessage();
        for (uint tsn = first; tsn != last + 1; tsn++)
        {
            _unordered.Remove(tsn, out SctpInboundFragment? part);
            message.Add(part!);
        }

        TryDeliver(message);
    }

    private void DeliverInOrder(OrderedStream stream)
    {
        while (stream.Pending.TryGetValue(stream.NextSsn, out PendingMessage? message) && message.IsComplete)
        {
            stream.Pending.Remove(stream.NextSsn);
            stream.NextSsn++;
            TryDeliver(message);
        }
    }

    /// <summary>Delivers a complete message (or discards it if oversize); false if incomplete.</summary>
    private bool TryDeliver(PendingMessage message)
    {
        if (!message.IsComplete)
        {
            return false;
        }

        List<SctpInboundFragment> parts = message.Fragments;
        parts.Sort(static (a, b) => SctpSerial.TsnComparer.Compare(a.Tsn, b.Tsn));
        if (message.Bytes > _maxMessageSize)
        {
            _counters.AddMessagesDroppedOversize();
            foreach (SctpInboundFragment fragment in parts)
            {
                Drop(fragment);
            }

            return true;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(message.Bytes, 1));
        int length = 0;
        foreach (SctpInboundFragment fragment in parts)
        {
            fragment.Data.CopyTo(buffer.AsSpan(length));
            length += fragment.Length;
            Drop(fragment);
        }

        _counters.AddMessagesDelivered();
        _deliver(parts[0].StreamId, parts[0].Ppid, buffer, length);
        return true;
    }

    private void Drop(SctpInboundFragment fragment)
    {
        BufferedBytes -= fragment.Length;
        fragment.Release();
    }

    private OrderedStream GetStream(ushort streamId)
    {
        if (!_ordered.TryGetValue(streamId, out OrderedStream? stream))
        {
            stream = new OrderedStream();
            _ordered.Add(streamId, stream);
        }

        return stream;
    }

    private sealed class OrderedStream
    {
        public ushort NextSsn { get; set; }

        public Dictionary<ushort, PendingMessage> Pending { get; } = [];
    }

    /// <summary>Fragments of one message; complete when B and E are present and every TSN between them.</summary>
    private sealed class PendingMessage
    {
        private uint? _beginTsn;
        private uint? _endTsn;

        public List<SctpInboundFragment> Fragments { get; } = [];

        public int Bytes { get; private set; }

        public bool IsComplete => _beginTsn is uint b && _endTsn is uint e
            && SctpSerial.IsBeforeOrEqual(b, e) && Fragments.Count == (int)(e - b) + 1;

        public void Add(SctpInboundFragment fragment)
        {
            Fragments.Add(fragment);
            Bytes += fragment.Length;
            if (fragment.Beginning)
            {
                _beginTsn = fragment.Tsn;
            }

            if (fragment.Ending)
            {
                _endTsn = fragment.Tsn;
            }
        }
    }
}
