using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using LiveKit.Proto;
using LiveKit.Rtc;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.WithDevServer;

/// <summary>Tokens the control API issues, judged by the real dev server: who may join which room and call which API.</summary>
public sealed class RoleRulesWithDevServerTests
{
    [Fact]
    public async Task CallerToken_JoinsItsCallRoomOnly_DevServerRefusesItElsewhere()
    {
        await using var host = await DevServerControlApiHost.StartAsync();
        var (status, call, _) = await host.Client.PostAsync("/api/calls", new { name = "Pat Caller" });
        Assert.Equal(HttpStatusCode.Created, status);
        var room = call.Str("room");
        var callerToken = call.Str("token");
        Assert.Equal(host.LiveKit.Url, call.Str("wsUrl"));
        using var alice = await host.LoginAsync("alice");
        var (created, _, _) = await alice.PostAsync("/api/rooms", new { name = "other-call" });
        Assert.Equal(HttpStatusCode.Created, created);

        // The token joins its own room, and the server reports the caller there.
        await using (var caller = await RtcParticipant.ConnectAsync(call.Str("wsUrl"), callerToken))
        {
            Assert.Equal(room, caller.Room.Name);
            var participants = await host.Rooms.ListParticipantsAsync(room);
            Assert.Equal([call.Str("identity")], participants.Select(p => p.Identity));
            Assert.False(participants[0].Permission.CanPublishData);
            Assert.Equal([global::LiveKit.Proto.TrackSource.Microphone], participants[0].Permission.CanPublishSources);
        }

        // The same token with its room claim rewritten to another room: the server checks the signature and refuses.
        var forged = await Assert.ThrowsAsync<RoomConnectException>(() => RtcParticipant.ConnectAsync(host.LiveKit.Url, WithRoom(callerToken, "other-call")));
        Assert.Equal(401, forged.StatusCode);
        Assert.Empty(await host.Rooms.ListParticipantsAsync("other-call"));

        // Nor may it use the server API on another room (no roomAdmin): listing or moving people is refused.
        var (listStatus, listError) = await TwirpWithTokenAsync(host, "ListParticipants", new ListParticipantsRequest { Room = "other-call" }, callerToken);
        var (moveStatus, moveError) = await TwirpWithTokenAsync(host, "MoveParticipant", new MoveParticipantRequest { Room = room, Identity = call.Str("identity"), DestinationRoom = "other-call" }, callerToken);
        Assert.Equal(HttpStatusCode.Unauthorized, listStatus);
        Assert.Contains("roomAdmin", listError, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, moveStatus);
        Assert.Empty(await host.Rooms.ListParticipantsAsync("other-call"));

        // And the control API will not give a caller a token for any other room.
        using var asCaller = host.NewClient();
        asCaller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", callerToken);
        var (agentToken, _, _) = await asCaller.PostAsync("/api/tokens/agent", new { room = "other-call" });
        Assert.Equal(HttpStatusCode.Unauthorized, agentToken);
    }

    [Fact]
    public async Task AgentToken_JoinsItsCallRoom_WithTheCallerThere_ButNotAnotherAgentsCall()
    {
        await using var host = await DevServerControlApiHost.StartAsync();
        var (_, call, _) = await host.Client.PostAsync("/api/calls", new { name = "Pat Caller" });
        var room = call.Str("room");
        await using var caller = await RtcParticipant.ConnectAsync(call.Str("wsUrl"), call.Str("token"));
        using var alice = await host.LoginAsync("alice");
        using var bob = await host.LoginAsync("bob");

        var (status, token, _) = await alice.PostAsync("/api/tokens/agent", new { room });
        Assert.Equal(HttpStatusCode.OK, status);
        await using var agent = await RtcParticipant.ConnectAsync(token.Str("wsUrl"), token.Str("token"));

        Assert.Equal(room, agent.Room.Name);
        Assert.True(agent.Room.RemoteParticipants.ContainsKey(call.Str("identity")));
        Assert.Equal("alice", (await caller.WaitAsync<ParticipantConnectedEvent>()).Participant.Identity);
        var participants = await host.Rooms.ListParticipantsAsync(room);
        Assert.Equal([call.Str("identity"), "alice"], participants.Select(p => p.Identity));
        Assert.True(participants.Single(p => p.Identity == "alice").Permission.CanPublishData);

        // The call is alice's now: bob gets no token for it.
        var (bobStatus, _, _) = await bob.PostAsync("/api/tokens/agent", new { room });
        Assert.Equal(HttpStatusCode.Forbidden, bobStatus);
    }

    /// <summary>Re-encodes a JWT's payload with video.room replaced, keeping the original signature.</summary>
    private static string WithRoom(string jwt, string room)
    {
        var parts = jwt.Split('.');
        var payload = JsonNode.Parse(Base64UrlDecode(parts[1]))!;
        payload["video"]!["room"] = room;
        return parts[0] + "." + Base64UrlEncode(Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[2];
    }

    private static byte[] Base64UrlDecode(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Calls the dev server's RoomService with a participant's own token (as a misbehaving client would).</summary>
    private static async Task<(HttpStatusCode Status, string Body)> TwirpWithTokenAsync(DevServerControlApiHost host, string method, IMessage request, string token)
    {
        using var http = new HttpClient { Timeout = TestDefaults.Timeout };
        using var message = new HttpRequestMessage(HttpMethod.Post, $"{host.LiveKit.HttpUrl}/twirp/livekit.RoomService/{method}")
        {
            Content = new ByteArrayContent(request.ToByteArray()),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/protobuf");
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        using (JsonDocument.Parse(body))
        {
            // Twirp errors are JSON ({"code","msg"}) whatever the request's content type.
        }

        return (response.StatusCode, body);
    }
}
