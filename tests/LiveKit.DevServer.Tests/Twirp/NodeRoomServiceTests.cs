using System.Text.Json.Nodes;
using LiveKit.Api;
using LiveKit.DevServer.Rooms.Media;
using LiveKit.DevServer.Tests.Rooms.Fakes;
using LiveKit.DevServer.Tests.Support;
using LiveKit.Proto;
using Microsoft.Extensions.DependencyInjection;

namespace LiveKit.DevServer.Tests.Twirp;

/// <summary>LiveKit's official Node server SDK (livekit-server-sdk 2.19, JSON Twirp) against the dev server, with real clients in the room.</summary>
public sealed class NodeRoomServiceTests
{
    [Fact]
    public async Task RoomServiceClient_EveryMethod_BehavesAsLiveKit()
    {
        var media = new FakeMediaPlane();
        await using var server = await TestServer.StartAsync(services: b => b.Services.AddSingleton<IMediaPlane>(media));
        var (alice, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "call", "alice"));
        await using var a = alice;
        var (bob, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "call", "bob"));
        await using var b = bob;
        var (carol, carolJoin) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "call", "carol"));
        await using var c = carol;
        await alice.SendAsync(new SignalRequest { AddTrack = new AddTrackRequest { Cid = "mic", Name = "mic", Type = TrackType.Audio, Source = TrackSource.Microphone } });
        var trackSid = (await alice.WaitForAsync(SignalResponse.MessageOneofCase.TrackPublished)).TrackPublished.Track.Sid;
        media.Of("alice").Arrive("mic");
        await bob.WaitForParticipantAsync("alice", match: p => p.Tracks.Count == 1);

        var r = await NodeScript.RunAsync("room-service.mjs", server.HttpUrl, server.ApiKey, server.ApiSecret, "call", "handoff");

        var created = Ok(r, "createRoom");
        Assert.Equal("sdk-created", (string?)created["name"]);
        Assert.StartsWith("RM_", (string?)created["sid"], StringComparison.Ordinal);
        Assert.Equal(120, (int?)created["emptyTimeout"]);
        Assert.Equal(7, (int?)created["maxParticipants"]);
        Assert.Equal("made by sdk", (string?)created["metadata"]);
        Assert.Equal((string?)created["sid"], (string?)Ok(r, "createRoomAgain")["sid"]);
        Assert.Equal(["call", "sdk-created"], Strings(Ok(r, "listRooms")));
        Assert.Equal(["sdk-created"], Strings(Ok(r, "listRoomsByName")));
        Assert.Equal(["alice", "bob", "carol"], Strings(Ok(r, "listParticipants")));
        Assert.Equal(trackSid, (string?)Ok(r, "getParticipant")["tracks"]![0]!["sid"]);

        Assert.Equal("on hold", (string?)Ok(r, "updateParticipant")["metadata"]);
        await bob.WaitForParticipantAsync("alice", match: p => p.Metadata == "on hold" && p.Attributes.GetValueOrDefault("role") == "caller");

        Assert.True((bool?)Ok(r, "mutePublishedTrack")["muted"]);
        Assert.True((await alice.WaitForAsync(SignalResponse.MessageOneofCase.Mute)).Mute.Muted);

        var data = Assert.Single(media.Of("bob").SentPackets);
        Assert.Equal("{\"state\":\"Requested\"}", data.User.Payload.ToStringUtf8());
        Assert.Equal("wt.transfer", data.User.Topic);
        Assert.Empty(media.Of("carol").SentPackets);

        Assert.Equal("room meta", (string?)Ok(r, "updateRoomMetadata")["metadata"]);
        Assert.Equal("room meta", (await alice.WaitForAsync(SignalResponse.MessageOneofCase.RoomUpdate)).RoomUpdate.Room.Metadata);
        Assert.True((bool?)Ok(r, "updateSubscriptions"));

        var forwarded = Assert.Single(Ok(r, "listForwarded").AsArray());
        Assert.Equal("alice", (string?)forwarded!["identity"]);
        Assert.Contains((int)ParticipantInfo.Types.KindDetail.Forwarded, forwarded["kindDetails"]!.AsArray().Select(k => (int)k!));

        var moved = (await carol.WaitForAsync(SignalResponse.MessageOneofCase.RoomMoved)).RoomMoved;
        Assert.Equal("handoff", moved.Room.Name);
        Assert.Equal(carolJoin.Participant.Sid, moved.Participant.Sid);
        var claims = new TokenVerifier(server.ApiKey, server.ApiSecret).VerifyForJoin(moved.Token);
        Assert.Equal("carol", claims.Identity);
        Assert.Equal("handoff", claims.Video!.Room);
        Assert.Equal(["alice", "carol"], Strings(Ok(r, "listAfterMove")));
        await alice.WaitForParticipantAsync("carol", ParticipantInfo.Types.State.Disconnected);

        Assert.Equal(DisconnectReason.ParticipantRemoved, (await bob.WaitForAsync(SignalResponse.MessageOneofCase.Leave)).Leave.Reason);

        AssertError(r, "getMissingParticipant", 404, "not_found", "participant does not exist");
        AssertError(r, "moveToSameRoom", 400, "invalid_argument", "destination room cannot be the same as source room");
        Assert.True((bool?)Ok(r, "deleteRoom"));
        AssertError(r, "deleteMissingRoom", 404, "not_found", "requested room does not exist");
        Assert.DoesNotContain("sdk-created", Strings(Ok(r, "listAfterDelete")));
        AssertError(r, "wrongSecret", 401, "unauthenticated", "signature");
    }

    private static JsonNode Ok(JsonNode results, string step) =>
        results[step]!["ok"] ?? throw new Xunit.Sdk.XunitException($"{step} failed: {results[step]!["error"]!.ToJsonString()}");

    private static void AssertError(JsonNode results, string step, int status, string code, string message)
    {
        var error = results[step]!["error"] ?? throw new Xunit.Sdk.XunitException($"{step} should have failed: {results[step]!.ToJsonString()}");
        Assert.Equal(status, (int?)error["status"]);
        Assert.Equal(code, (string?)error["code"]);
        Assert.Contains(message, (string?)error["message"], StringComparison.Ordinal);
        Assert.True((bool?)error["twirp"]);
    }

    private static string[] Strings(JsonNode node) => [.. node.AsArray().Select(n => (string)n!)];
}
