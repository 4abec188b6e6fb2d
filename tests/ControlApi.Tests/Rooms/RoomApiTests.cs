using System.Net;
using LiveKit.Api;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Rooms;

public sealed class RoomApiTests
{
    private static readonly TokenVerifier Verifier = new(FakeLiveKitServer.ApiKey, FakeLiveKitServer.ApiSecret);

    [Fact]
    public async Task CreateRoom_OwnedByAgent_BotDispatched_InviteGivesCallerTokenForThatRoomOnly()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        using var alice = await api.LoginAsync("alice");
        using var bob = await api.LoginAsync("bob");

        var (created, room, response) = await alice.PostAsync("/api/rooms", new { name = "outbound-7" });
        var (invite, caller, _) = await alice.PostAsync("/api/rooms/outbound-7/caller-token", new { name = "Sam" });
        var (reinvite, again, _) = await alice.PostAsync("/api/rooms/outbound-7/caller-token", new { });
        var (foreign, _, _) = await bob.PostAsync("/api/rooms/outbound-7/caller-token", new { });
        var (reserved, _, _) = await alice.PostAsync("/api/rooms", new { name = "handoff-x" });

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("/api/rooms/outbound-7", response.Headers.Location?.OriginalString);
        Assert.Equal("alice", room.Str("agent"));
        Assert.Contains(liveKit.Dispatches, d => d.Room == "outbound-7");
        Assert.Equal(HttpStatusCode.OK, invite);
        var claims = Verifier.VerifyForJoin(caller.Str("token"));
        Assert.Equal("outbound-7", claims.Video!.Room);
        Assert.Equal("caller", claims.Attributes["wt.role"]);
        Assert.Equal(HttpStatusCode.OK, reinvite);
        Assert.Equal(caller.Str("identity"), again.Str("identity"));
        Assert.Equal(HttpStatusCode.Forbidden, foreign);
        Assert.Equal(HttpStatusCode.BadRequest, reserved);
    }

    [Fact]
    public async Task ListAndParticipants_ShowCallRoomsWithCountsAndRoles()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var call = await CallScenario.StartAsync(api, liveKit);
        var transfer = await call.StartTransferAsync();
        liveKit.Join(call.Room, "bot-1", isAgent: true);
        using var carol = await api.LoginAsync("carol");

        var (_, aliceRooms, _) = await call.Alice.GetJsonAsync("/api/rooms");
        var (_, carolRooms, _) = await carol.GetJsonAsync("/api/rooms");
        var (status, participants, _) = await call.Alice.GetJsonAsync($"/api/rooms/{call.Room}/participants");
        var (carolStatus, _, _) = await carol.GetJsonAsync($"/api/rooms/{call.Room}/participants");

        Assert.Equal([call.Room, transfer.Str("handoffRoom")], aliceRooms.EnumerateArray().Select(r => r.Str("name")));
        Assert.Equal(3, aliceRooms[0].GetProperty("numParticipants").GetInt32());
        Assert.Equal([call.Room], carolRooms.EnumerateArray().Select(r => r.Str("name")));
        Assert.Equal(HttpStatusCode.OK, status);
        var roles = participants.EnumerateArray().ToDictionary(p => p.Str("identity"), p => p.Str("role"));
        Assert.Equal("caller", roles[call.Caller]);
        Assert.Equal("agent", roles["alice"]);
        Assert.Equal("bot", roles["bot-1"]);
        Assert.Equal(HttpStatusCode.Forbidden, carolStatus);
    }
}
