using System.Net;
using WarmTransfer.ControlApi.Tests.TestSupport;
using WarmTransfer.ControlApi.Transfers;

namespace WarmTransfer.ControlApi.Tests.Transfers;

/// <summary>The caller hanging up mid-transfer ends it as Abandoned, learned from webhooks or, failing those, by polling.</summary>
public sealed class TransferAbandonTests
{
    [Fact]
    public async Task CallerHangsUp_ParticipantLeftWebhook_TransferAbandoned()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        var transfer = await call.StartTransferAsync();
        await using var aliceEvents = await EventStreamReader.OpenAsync(call.Alice, "/api/events");

        liveKit.Leave(call.Room, call.Caller);
        await liveKit.WaitForSignalAsync(call.Room, "Abandoned");

        var stored = await call.GetTransferAsync(transfer.Str("id"));
        Assert.Equal("Abandoned", stored.Str("state"));
        Assert.Equal("the caller hung up", stored.Str("reason"));
        Assert.False(liveKit.HasRoom(transfer.Str("handoffRoom")));
        var pushed = await aliceEvents.NextOfAsync("transfer.state", e => e.GetProperty("transfer").Str("state") == "Abandoned");
        Assert.Equal("the caller hung up", pushed.Data.GetProperty("transition").Str("reason"));
    }

    [Fact]
    public async Task AgentLeavesCallRoom_Webhook_TransferContinues()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        var transfer = await call.StartTransferAsync();

        liveKit.Leave(call.Room, "alice");
        await liveKit.WebhooksDeliveredAsync();

        Assert.Equal("Briefing", (await call.GetTransferAsync(transfer.Str("id"))).Str("state"));
    }

    [Fact]
    public async Task CallerGone_NoWebhooks_PresencePollAbandons()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        liveKit.WebhookTarget = new Uri("http://127.0.0.1:9/unreachable");
        await using var api = await ControlApiHost.StartAsync(liveKit, new Dictionary<string, string?> { ["Transfers:PresencePollInterval"] = "00:00:05" });
        var call = await CallScenario.StartAsync(api, liveKit);
        var id = (await call.StartTransferAsync()).Str("id");
        var monitor = api.Service<CallerPresenceCheck>();

        await monitor.CheckCallersAsync(CancellationToken.None);
        Assert.Equal("Briefing", (await call.GetTransferAsync(id)).Str("state"));

        liveKit.Leave(call.Room, call.Caller);
        api.Time.Advance(TimeSpan.FromSeconds(5));
        await liveKit.WaitForSignalAsync(call.Room, "Abandoned");

        var stored = await call.GetTransferAsync(id);
        Assert.Equal("the caller left the call", stored.Str("reason"));
    }

    [Fact]
    public async Task CallRoomClosedByAgent_TransferAbandonedAndRoomDeleted()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        var transfer = await call.StartTransferAsync();
        using var carol = await api.LoginAsync("carol");

        var (byCarol, _, _) = await carol.DeleteJsonAsync($"/api/rooms/{call.Room}");
        var (byAlice, _, _) = await call.Alice.DeleteJsonAsync($"/api/rooms/{call.Room}");

        Assert.Equal(HttpStatusCode.Forbidden, byCarol);
        Assert.Equal(HttpStatusCode.NoContent, byAlice);
        Assert.False(liveKit.HasRoom(call.Room));
        Assert.False(liveKit.HasRoom(transfer.Str("handoffRoom")));
        var stored = await call.GetTransferAsync(transfer.Str("id"));
        Assert.Equal("Abandoned", stored.Str("state"));
        Assert.Equal("the call room was closed by alice", stored.Str("reason"));
        var (again, _, _) = await call.Alice.DeleteJsonAsync($"/api/rooms/{call.Room}");
        Assert.Equal(HttpStatusCode.NotFound, again);
    }
}
