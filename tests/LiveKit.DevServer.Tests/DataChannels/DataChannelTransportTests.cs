using System.Threading.Channels;
using LiveKit.DevServer.DataChannels;
using LiveKit.DevServer.Dtls;
using LiveKit.DevServer.Sctp;
using LiveKit.DevServer.Tests.Dtls;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveKit.DevServer.Tests.DataChannels;

/// <summary>The whole stack on real threads and the system clock: DCEP over SCTP over our DTLS, in memory.</summary>
public class DataChannelTransportTests
{
    [Fact]
    public async Task Stack_BothSidesOpenChannels_MessagesEchoIncludingA64KiBMessage()
    {
        await using var dtls = DtlsPair.Create();
        using var server = new DataChannelTransport(dtls.Server, new SctpOptions(), TimeProvider.System, NullLogger.Instance);
        using var client = new DataChannelTransport(dtls.Client, new SctpOptions(), TimeProvider.System, NullLogger.Instance);
        var atServer = Channel.CreateUnbounded<DataChannel>();
        var atClient = Channel.CreateUnbounded<DataChannel>();
        server.Channels.RemoteChannelOpened += c => atServer.Writer.TryWrite(c);
        client.Channels.RemoteChannelOpened += c => atClient.Writer.TryWrite(c);
        // The server echoes every message on the channel it came from.
        server.Channels.RemoteChannelOpened += c => c.MessageReceived += (channel, type, payload) =>
        {
            if (type == DataChannelMessageType.Text)
            {
                channel.SendText(System.Text.Encoding.UTF8.GetString(payload));
            }
            else
            {
                channel.Send(payload);
            }
        };

        dtls.Server.Start();
        dtls.Client.Start();
        Task<bool> serverUp = server.StartAsync(CancellationToken.None);
        Task<bool> clientUp = client.StartAsync(CancellationToken.None);
        Assert.True(await serverUp.WaitAsync(DtlsPair.Patience));
        Assert.True(await clientUp.WaitAsync(DtlsPair.Patience));

        // Client-created channels (as a LiveKit client's publisher connection), echoed by the server.
        DataChannel reliable = client.Channels.CreateChannel(DataChannelOptions.LiveKitReliable);
        DataChannel lossy = client.Channels.CreateChannel(DataChannelOptions.LiveKitLossy);
        var echoes = Channel.CreateUnbounded<(string Label, byte[] Payload)>();
        reliable.MessageReceived += (c, _, p) => echoes.Writer.TryWrite((c.Label, p.ToArray()));
        lossy.MessageReceived += (c, _, p) => echoes.Writer.TryWrite((c.Label, p.ToArray()));
        Assert.Equal("_reliable", (await atServer.Reader.ReadAsync().AsTask().WaitAsync(DtlsPair.Patience)).Label);
        Assert.Equal("_lossy", (await atServer.Reader.ReadAsync().AsTask().WaitAsync(DtlsPair.Patience)).Label);

        byte[] big = new byte[64 * 1024];
        Random.Shared.NextBytes(big);
        Assert.Equal(SctpSendStatus.Queued, reliable.SendText("ping"));
        Assert.Equal(SctpSendStatus.Queued, reliable.Send(big));
        Assert.Equal(SctpSendStatus.Queued, lossy.Send([42]));

        var got = new List<(string Label, byte[] Payload)>();
        for (int i = 0; i < 3; i++)
        {
            got.Add(await echoes.Reader.ReadAsync().AsTask().WaitAsync(DtlsPair.Patience));
        }

        Assert.Equal("ping"u8.ToArray(), got.Single(g => g.Label == "_reliable" && g.Payload.Length == 4).Payload);
        Assert.Equal(big, got.Single(g => g.Payload.Length == big.Length).Payload);
        Assert.Equal([42], got.Single(g => g.Label == "_lossy").Payload);

        // Server-created channels (as on a LiveKit subscriber connection) reach the client with odd ids.
        server.Channels.CreateChannel(DataChannelOptions.LiveKitReliable);
        server.Channels.CreateChannel(DataChannelOptions.LiveKitLossy);
        DataChannel first = await atClient.Reader.ReadAsync().AsTask().WaitAsync(DtlsPair.Patience);
        DataChannel second = await atClient.Reader.ReadAsync().AsTask().WaitAsync(DtlsPair.Patience);
        Assert.Equal([("_reliable", 1), ("_lossy", 3)], new[] { (first.Label, (int)first.Id), (second.Label, (int)second.Id) });
        Assert.Equal(0, server.Association.Counters.MalformedPacketsDropped);
        Assert.Equal(0, client.Association.Counters.MalformedPacketsDropped);
    }

    [Fact]
    public async Task Stack_DtlsClosed_AssociationAndChannelsClose()
    {
        await using var dtls = DtlsPair.Create();
        using var server = new DataChannelTransport(dtls.Server, new SctpOptions(), TimeProvider.System, NullLogger.Instance);
        using var client = new DataChannelTransport(dtls.Client, new SctpOptions(), TimeProvider.System, NullLogger.Instance);
        dtls.Server.Start();
        dtls.Client.Start();
        Task<bool> serverUp = server.StartAsync(CancellationToken.None);
        Assert.True(await client.StartAsync(CancellationToken.None).WaitAsync(DtlsPair.Patience));
        Assert.True(await serverUp.WaitAsync(DtlsPair.Patience));
        DataChannel channel = server.Channels.CreateChannel(DataChannelOptions.LiveKitReliable);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Closed += _ => closed.TrySetResult();

        await dtls.Client.CloseAsync();

        await closed.Task.WaitAsync(DtlsPair.Patience);
        Assert.Equal(SctpAssociationState.Closed, server.Association.State);
    }
}
