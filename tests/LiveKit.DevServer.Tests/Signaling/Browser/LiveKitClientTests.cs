using System.Text;
using LiveKit.Api;
using LiveKit.DevServer.Tests.Support;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Signaling.Browser;

/// <summary>
/// livekit-client 2.23 (the official browser SDK) in headless Chromium against the dev server with its
/// WebRTC media plane: the v1-to-v0 fallback, a full connect, participants, pongs, audio, data, leave, move.
/// </summary>
public sealed class LiveKitClientTests
{
    [Fact]
    public async Task TwoBrowsers_FallBackToV0_Connect_SeeEachOther_GetPongs_LeaveCleanly()
    {
        await using var server = await StartAsync();
        await using var browser = await BrowserHarness.StartAsync();
        await using var alice = await browser.OpenAsync();
        await using var bob = await browser.OpenAsync();

        await alice.StartAsync(server.Url, Tokens.Join(server, "browser-room", "alice", token: t => t.WithName("Alice")));
        Assert.Equal("connected", await alice.Page.EvaluateAsync<string>("() => window.connectResult"));

        // The client tried /rtc/v1, read the 404 of /rtc/v1/validate across origins, and fell back to /rtc.
        Assert.Contains(alice.SocketUrls, u => u.Contains("/rtc/v1?", StringComparison.Ordinal));
        Assert.Contains(alice.SocketUrls, u => u.Contains("/rtc?", StringComparison.Ordinal));
        Assert.Contains(alice.Responses, r => r.Url.Contains("/rtc/v1/validate", StringComparison.Ordinal) && r.Status == 404);

        await bob.StartAsync(server.Url, Tokens.Join(server, "browser-room", "bob"));
        Assert.Equal("connected", await bob.Page.EvaluateAsync<string>("() => window.connectResult"));
        var bobJoin = (await bob.WaitForResponseAsync(r => r.MessageCase == SignalResponse.MessageOneofCase.Join, "bob's join")).Join;
        Assert.Equal("alice", Assert.Single(bobJoin.OtherParticipants).Identity);
        await alice.Page.WaitForFunctionAsync("() => window.log.includes('participantConnected:bob')");
        await bob.Page.WaitForFunctionAsync("() => window.remoteIdentities().includes('alice')");

        // Pings every ping_interval (5 s) are answered with pong_resp echoing the ping's timestamp.
        var pong = await alice.WaitForResponseAsync(r => r.MessageCase == SignalResponse.MessageOneofCase.PongResp, "a pong");
        Assert.Contains(alice.Sent, s => s.MessageCase == SignalRequest.MessageOneofCase.PingReq && s.PingReq.Timestamp == pong.PongResp.LastPingTimestamp);

        // Bob leaves: a leave request goes out, alice sees him go.
        await bob.Page.EvaluateAsync("() => window.room.disconnect()");
        await bob.WaitForAsync(c => c.Sent.FirstOrDefault(s => s.MessageCase == SignalRequest.MessageOneofCase.Leave), "bob's leave");
        await alice.Page.WaitForFunctionAsync("() => window.log.some(l => l.startsWith('participantDisconnected:bob'))");
        Assert.Equal(["alice"], server.Rooms().Find("browser-room")!.ListParticipants().Select(p => p.Identity));
    }

    [Fact]
    public async Task Microphone_ReachesTheOtherBrowser_DataAndServerDataDelivered()
    {
        await using var server = await StartAsync();
        await using var browser = await BrowserHarness.StartAsync();
        await using var speaker = await browser.OpenAsync();
        await using var listener = await browser.OpenAsync();
        await using var bystander = await browser.OpenAsync();
        foreach (var (client, identity) in new[] { (speaker, "speaker"), (listener, "listener"), (bystander, "bystander") })
        {
            await client.StartAsync(server.Url, Tokens.Join(server, "audio-room", identity));
            Assert.Equal("connected", await client.Page.EvaluateAsync<string>("() => window.connectResult"));
        }

        Assert.Equal("published", await speaker.Page.EvaluateAsync<string>("() => window.publishMicrophone()"));

        // The listener subscribes to the speaker's microphone and receives its audio.
        await listener.Page.WaitForFunctionAsync("() => window.log.includes('subscribed:speaker:audio')");
        await listener.Page.WaitForFunctionAsync("async () => (await window.inboundAudioBytes()) > 2000", null, new() { PollingInterval = 250 });

        // Reliable data to one identity reaches only it, stamped with the sender; RoomService.SendData reaches everyone.
        await speaker.Page.EvaluateAsync("() => window.sendData('{\"action\":\"repeat\"}', ['listener'])");
        await listener.Page.WaitForFunctionAsync("() => window.log.includes('data:wt.briefing:{\"action\":\"repeat\"}:speaker')");
        await new RoomServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret).SendDataAsync("audio-room", Encoding.UTF8.GetBytes("state"), "wt.transfer");
        await bystander.Page.WaitForFunctionAsync("() => window.log.includes('data:wt.transfer:state:')");
        Assert.DoesNotContain(await bystander.LogAsync(), l => l.StartsWith("data:wt.briefing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MoveParticipant_BrowserGetsRoomMoved_RoomEventMovedFires_SeesTheNewRoom()
    {
        await using var server = await StartAsync();
        await using var browser = await BrowserHarness.StartAsync();
        await using var agent = await browser.OpenAsync();
        await using var caller = await browser.OpenAsync();
        await caller.StartAsync(server.Url, Tokens.Join(server, "call", "caller"));
        Assert.Equal("connected", await caller.Page.EvaluateAsync<string>("() => window.connectResult"));
        Assert.Equal("published", await caller.Page.EvaluateAsync<string>("() => window.publishMicrophone()"));
        await agent.StartAsync(server.Url, Tokens.Join(server, "handoff", "agent-b"));
        Assert.Equal("connected", await agent.Page.EvaluateAsync<string>("() => window.connectResult"));

        await new RoomServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret).MoveParticipantAsync("handoff", "agent-b", "call");

        var moved = (await agent.WaitForResponseAsync(r => r.MessageCase == SignalResponse.MessageOneofCase.RoomMoved, "room_moved")).RoomMoved;
        Assert.Equal("call", new TokenVerifier(server.ApiKey, server.ApiSecret).VerifyForJoin(moved.Token).Video!.Room);
        await agent.Page.WaitForFunctionAsync("() => window.log.includes('moved:call')");
        await agent.Page.WaitForFunctionAsync("() => window.room.name === 'call' && window.remoteIdentities().includes('caller')");
        await caller.Page.WaitForFunctionAsync("() => window.log.includes('participantConnected:agent-b')");

        // On its existing connections, the moved agent now hears the caller.
        await agent.Page.WaitForFunctionAsync("() => window.log.includes('subscribed:caller:audio')");
        await agent.Page.WaitForFunctionAsync("async () => (await window.inboundAudioBytes()) > 2000", null, new() { PollingInterval = 250 });
        Assert.Equal(["caller", "agent-b"], server.Rooms().Find("call")!.ListParticipants().Select(p => p.Identity));
    }

    private static Task<DevServer> StartAsync() => TestServer.StartAsync(o => o.Media = DevServerMediaMode.WebRtc);
}
