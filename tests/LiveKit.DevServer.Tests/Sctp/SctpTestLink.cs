using LiveKit.DevServer.Dtls;
using LiveKit.DevServer.Sctp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LiveKit.DevServer.Tests.Sctp;

/// <summary>
/// Two of our associations joined by an in-memory link on virtual time: packets queue in flight and are delivered
/// by <see cref="Pump"/> on the test thread, with seeded drops, duplicates and reordering; timers fire when
/// <see cref="RunUntil"/> advances the <see cref="FakeTimeProvider"/>. Deterministic for a given seed.
/// </summary>
internal sealed class SctpTestLink : IDisposable
{
    private readonly List<(byte[] Packet, bool ToB)> _inFlight = [];
    private readonly Random _random;

    public SctpTestLink(int seed = 1, SctpOptions? optionsA = null, SctpOptions? optionsB = null)
    {
        _random = new Random(seed);
        Time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        A = new SctpAssociation(optionsA ?? new SctpOptions(), new Sender(this, toB: true), Time, NullLogger.Instance);
        B = new SctpAssociation(optionsB ?? new SctpOptions(), new Sender(this, toB: false), Time, NullLogger.Instance);
    }

    public FakeTimeProvider Time { get; }

    public SctpAssociation A { get; }

    public SctpAssociation B { get; }

    public double DropRate { get; set; }

    public double DuplicateRate { get; set; }

    public double ReorderRate { get; set; }

    /// <summary>When set, decides per packet (bytes, direction A-to-B) whether the link loses it.</summary>
    public Func<byte[], bool, bool>? Drop { get; set; }

    /// <summary>Every packet offered to the link, before loss.</summary>
    public List<(byte[] Packet, bool ToB)> Sent { get; } = [];

    public int InFlight => _inFlight.Count;

    /// <summary>Delivers the oldest packet in flight only.</summary>
    public void DeliverNext()
    {
        (byte[] packet, bool toB) = _inFlight[0];
        _inFlight.RemoveAt(0);
        (toB ? B : A).HandlePacket(packet);
    }

    /// <summary>Delivers queued packets (and whatever they trigger) until the link is quiet.</summary>
    public void Pump()
    {
        for (int guard = 0; _inFlight.Count > 0; guard++)
        {
            if (guard > 1_000_000)
            {
                throw new InvalidOperationException("The link never went quiet.");
            }

            int index = ReorderRate > 0 && _inFlight.Count > 1 && _random.NextDouble() < ReorderRate
                ? _random.Next(_inFlight.Count)
                : 0;
            (byte[] packet, bool toB) = _inFlight[index];
            _inFlight.RemoveAt(index);
            (toB ? B : A).HandlePacket(packet);
        }
    }

    /// <summary>Pumps, then advances virtual time in steps (firing timers) until the condition holds.</summary>
    public void RunUntil(Func<bool> condition, TimeSpan? limit = null, TimeSpan? step = null)
    {
        TimeSpan budget = limit ?? TimeSpan.FromMinutes(10);
        TimeSpan tick = step ?? TimeSpan.FromMilliseconds(50);
        TimeSpan elapsed = TimeSpan.Zero;
        while (true)
        {
            Pump();
            if (condition())
            {
                return;
            }

            if (elapsed >= budget)
            {
                throw new TimeoutException($"Condition not met within {budget} of virtual time.");
            }

            Time.Advance(tick);
            elapsed += tick;
        }
    }

    public void Connect()
    {
        B.Connect();
        RunUntil(() => A.State == SctpAssociationState.Established && B.State == SctpAssociationState.Established);
    }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }

    private void Offer(ReadOnlySpan<byte> datagram, bool toB)
    {
        byte[] packet = datagram.ToArray();
        Sent.Add((packet, toB));
        if (Drop?.Invoke(packet, toB) == true || (DropRate > 0 && _random.NextDouble() < DropRate))
        {
            return;
        }

        _inFlight.Add((packet, toB));
        if (DuplicateRate > 0 && _random.NextDouble() < DuplicateRate)
        {
            _inFlight.Add((packet, toB));
        }
    }

    private sealed class Sender(SctpTestLink link, bool toB) : IDatagramSender
    {
        public void Send(ReadOnlySpan<byte> datagram) => link.Offer(datagram, toB);
    }
}
