using System.Buffers.Binary;
using LiveKit.DevServer.Sctp;

namespace LiveKit.DevServer.Tests.Sctp;

/// <summary>Mixed traffic both ways over links with random loss, duplication and reordering, one seed per case.</summary>
public class SctpAssociationLossyLinkTests
{
    public static TheoryData<int> Seeds => new() { 101, 202, 303, 404, 505, 606, 707, 808, 909, 1010 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MixedTraffic_BothWays_ReliableCompleteOrderedKeptNothingDuplicated(int seed)
    {
        var random = new Random(seed);
        using var link = new SctpTestLink(seed)
        {
            DropRate = random.NextDouble() * 0.3,
            DuplicateRate = random.NextDouble() * 0.2,
            ReorderRate = random.NextDouble() * 0.5,
        };
        link.Connect();
        var reliable = new List<byte[]>();
        var lossy = new List<int>();
        var partial = new List<int>();
        var backwards = new List<int>();
        link.B.MessageReceived += (stream, _, payload) =>
        {
            switch (stream)
            {
                case 0: reliable.Add(payload.ToArray()); break;
                case 1: lossy.Add(BinaryPrimitives.ReadInt32BigEndian(payload)); break;
                default: partial.Add(BinaryPrimitives.ReadInt32BigEndian(payload)); break;
            }
        };
        link.A.MessageReceived += (_, _, payload) => backwards.Add(BinaryPrimitives.ReadInt32BigEndian(payload));
        var sentReliable = new List<byte[]>();

        for (int i = 0; i < 300; i++)
        {
            int kind = random.Next(3);
            byte[] message = new byte[random.Next(4, kind == 0 ? 9000 : 3000)];
            random.NextBytes(message);
            BinaryPrimitives.WriteInt32BigEndian(message, i);
            SctpSendOptions options = kind switch
            {
                0 => SctpSendOptions.Reliable,
                1 => new SctpSendOptions(Unordered: true, MaxRetransmits: 0),
                _ => new SctpSendOptions(MaxRetransmits: 2, Lifetime: TimeSpan.FromSeconds(1)),
            };
            if (kind == 0)
            {
                sentReliable.Add(message);
            }

            Assert.Equal(SctpSendStatus.Queued, link.A.SendMessage((ushort)kind, 53, message, options));
            link.B.SendMessage(5, 51, message, new SctpSendOptions(Unordered: random.Next(2) == 0, MaxRetransmits: random.Next(2) == 0 ? 0 : null));
            if (random.Next(4) == 0)
            {
                link.Pump();
            }

            if (random.Next(20) == 0)
            {
                link.Time.Advance(TimeSpan.FromMilliseconds(random.Next(1, 500)));
            }
        }

        link.RunUntil(() => link.A.BufferedAmount == 0 && link.B.BufferedAmount == 0 && reliable.Count == sentReliable.Count,
            TimeSpan.FromMinutes(30));

        Assert.Equal(sentReliable, reliable);
        Assert.Equal(partial.OrderBy(x => x), partial);
        Assert.Equal(lossy.Count, lossy.Distinct().Count());
        Assert.Equal(partial.Count, partial.Distinct().Count());
        Assert.Equal(backwards.Count, backwards.Distinct().Count());
        Assert.Equal(SctpAssociationState.Established, link.A.State);
        Assert.Equal(SctpAssociationState.Established, link.B.State);
    }
}
