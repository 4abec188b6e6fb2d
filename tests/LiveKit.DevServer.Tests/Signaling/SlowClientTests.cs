using System.Net.WebSockets;
using LiveKit.DevServer.Tests.Support;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Signaling;

/// <summary>A client that stops reading must not hold up the room: its send queue overflows and it is dropped.</summary>
public sealed class SlowClientTests
{
    [Fact]
    public async Task ClientStopsReading_IsDisconnected_OthersKeepGettingUpdates()
    {
        await using var server = await TestServer.StartAsync(o =>
        {
            o.Limits.SendQueueCapacity = 16;
            o.Limits.MaxMetadataBytes = 1024 * 1024;
        });
        var (active, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "active", g => g.CanUpdateOwnMetadata = true));
        await using var a = active;
        var (reader, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "reader"));
        await using var r = reader;

        // A raw socket that joins and then never reads again.
        using var stalled = new ClientWebSocket();
        stalled.Options.SetBuffer(1024, 1024);
        await stalled.ConnectAsync(new Uri($"{server.Url}/rtc?protocol=17&access_token={Tokens.Join(server, "room-a", "stalled")}"), CancellationToken.None);
        await reader.WaitForParticipantAsync("stalled");

        // Large participant updates fill the socket buffers and then the stalled client's queue.
        var metadata = new string('m', 400 * 1024);
        for (uint i = 1; i <= 60; i++)
        {
            await active.SendAsync(new SignalRequest { UpdateMetadata = new UpdateParticipantMetadata { Metadata = metadata + i, RequestId = i } });
            await active.WaitForAsync(SignalResponse.MessageOneofCase.RequestResponse, m => m.RequestResponse.RequestId == i);
            if (server.Rooms().Find("room-a")!.GetParticipant("stalled") is null)
            {
                break;
            }
        }

        var gone = await reader.WaitForParticipantAsync("stalled", ParticipantInfo.Types.State.Disconnected);
        Assert.Equal(DisconnectReason.SignalClose, gone.DisconnectReason);
        await active.SendAsync(new SignalRequest { UpdateMetadata = new UpdateParticipantMetadata { Metadata = "small", RequestId = 1000 } });
        await reader.WaitForParticipantAsync("active", match: p => p.Metadata == "small");
        Assert.Equal(["active", "reader"], server.Rooms().Find("room-a")!.ListParticipants().Select(p => p.Identity));
    }
}
