using System.Net;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Calls;

/// <summary>The agents' consoles ring when a caller starts a call, and stop when one agent takes it.</summary>
public sealed class CallEventTests
{
    [Fact]
    public async Task StartCall_OnlineAgents_ReceiveCallIncomingWithCallerName()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        using var alice = await api.LoginAsync("alice");
        using var bob = await api.LoginAsync("bob");
        await using var aliceEvents = await EventStreamReader.OpenAsync(alice, "/api/events");
        await using var bobEvents = await EventStreamReader.OpenAsync(bob, "/api/events");
        await aliceEvents.NextOfAsync("ready");
        await bobEvents.NextOfAsync("ready");

        var (status, call, _) = await api.Client.PostAsync("/api/calls", new { name = "Pat" });

        Assert.Equal(HttpStatusCode.Created, status);
        foreach (var events in new[] { aliceEvents, bobEvents })
        {
            var incoming = await events.NextOfAsync("call.incoming");
            Assert.Null(incoming.Id);
            Assert.Equal(call.Str("room"), incoming.Data.Str("room"));
            Assert.Equal("Pat", incoming.Data.Str("callerName"));
        }
    }

    [Fact]
    public async Task AgentToken_ClaimsWaitingCall_OtherAgentsReceiveCallAnsweredOnce()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        using var alice = await api.LoginAsync("alice");
        using var bob = await api.LoginAsync("bob");
        await using var bobEvents = await EventStreamReader.OpenAsync(bob, "/api/events");
        await bobEvents.NextOfAsync("ready");
        var (_, call, _) = await api.Client.PostAsync("/api/calls", new { name = "Pat" });
        var room = call.Str("room");
        await bobEvents.NextOfAsync("call.incoming");

        var (first, _, _) = await alice.PostAsync("/api/tokens/agent", new { room });
        var (again, _, _) = await alice.PostAsync("/api/tokens/agent", new { room });
        var (second, _, _) = await api.Client.PostAsync("/api/calls", new { name = "Sam" });

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(HttpStatusCode.Created, second);
        var answered = await bobEvents.NextAsync();
        Assert.Equal("call.answered", answered.Type);
        Assert.Equal(room, answered.Data.Str("room"));
        Assert.Equal("alice", answered.Data.Str("agent"));

        // Alice's second token request (a rejoin) claims nothing: the next event Bob sees is the next call ringing.
        var next = await bobEvents.NextAsync();
        Assert.Equal("call.incoming", next.Type);
        Assert.Equal("Sam", next.Data.Str("callerName"));
    }
}
