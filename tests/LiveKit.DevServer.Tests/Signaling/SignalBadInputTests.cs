using System.Net;
using System.Net.WebSockets;
using Google.Protobuf;
using LiveKit.Api;
using LiveKit.DevServer.Tests.Support;
using LiveKit.Proto;
using Microsoft.Extensions.Time.Testing;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace LiveKit.DevServer.Tests.Signaling;

/// <summary>
/// Bad input on /rtc: each gets a clear error to the sender only; another client in the room sees
/// nothing, and the sender's session keeps working.
/// </summary>
public sealed class SignalBadInputTests
{
    public static TheoryData<string, byte[], WebSocketMessageType, RequestResponse.Types.Reason, string> BadFrames => new()
    {
        { "malformed", [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01], WebSocketMessageType.Binary, RequestResponse.Types.Reason.InvalidRequest, "malformed SignalRequest" },
        { "unknown type", UnknownField(99), WebSocketMessageType.Binary, RequestResponse.Types.Reason.UnsupportedType, "field 99" },
        { "text", "{\"ping\":\"1\"}"u8.ToArray(), WebSocketMessageType.Text, RequestResponse.Types.Reason.InvalidRequest, "binary protobuf" },
        { "oversized", new byte[(64 * 1024) + 1], WebSocketMessageType.Binary, RequestResponse.Types.Reason.LimitExceeded, "exceeds the limit of 65536 bytes" },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task BadFrame_ErrorToSenderOnly_SessionContinues(string name, byte[] frame, WebSocketMessageType type, RequestResponse.Types.Reason reason, string message)
    {
        await using var server = await TestServer.StartAsync(o => o.Limits.MaxSignalMessageBytes = 64 * 1024);
        using var rejected = new MetricCollector<long>(server.Services.GetRequiredService<IMeterFactory>(), DevServerMetrics.MeterName, "livekit.devserver.signal.rejected_messages");
        var (sender, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "sender"));
        await using var s = sender;
        var (other, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "other"));
        await using var o = other;
        await sender.WaitForParticipantAsync("other");

        await sender.SendRawAsync(frame, type);

        var error = await sender.WaitForAsync(SignalResponse.MessageOneofCase.RequestResponse);
        Assert.Equal(reason, error.RequestResponse.Reason);
        Assert.Contains(message, error.RequestResponse.Message, StringComparison.Ordinal);
        Assert.Empty(await other.DrainQuietAsync());

        await sender.SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = 99 } });
        Assert.Equal(99, (await sender.WaitForAsync(SignalResponse.MessageOneofCase.PongResp)).PongResp.LastPingTimestamp);
        Assert.Equal(2, server.Rooms().Find("room-a")!.ListParticipants().Count);
        Assert.Equal(name.Replace(' ', '_'), (string?)Assert.Single(rejected.GetMeasurementSnapshot()).Tags["reason"]);
    }

    [Fact]
    public async Task OnlyBadFrames_ConnectionClosedAsPolicyViolation_OthersUnaffected()
    {
        await using var server = await TestServer.StartAsync();
        var (sender, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "sender"));
        await using var s = sender;
        var (other, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "other"));
        await using var o = other;

        for (var i = 0; i < 20; i++)
        {
            await sender.SendRawAsync([0xFF]);
        }

        await sender.Closed.WaitAsync(TestTimeouts.Event);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, sender.CloseStatus);
        await other.WaitForParticipantAsync("sender", ParticipantInfo.Types.State.Disconnected);
        await other.SendAsync(new SignalRequest { PingReq = new Ping { Timestamp = 5 } });
        await other.WaitForAsync(SignalResponse.MessageOneofCase.PongResp);
    }

    [Fact]
    public async Task BadTrickleJson_RefusedWithReason()
    {
        await using var server = await TestServer.StartAsync();
        var (sender, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "sender"));
        await using var s = sender;

        await sender.SendAsync(new SignalRequest { Trickle = new TrickleRequest { CandidateInit = "{not json", Target = SignalTarget.Subscriber } });

        var error = await sender.WaitForAsync(SignalResponse.MessageOneofCase.RequestResponse);
        Assert.Equal(RequestResponse.Types.Reason.InvalidRequest, error.RequestResponse.Reason);
        Assert.Contains("not JSON", error.RequestResponse.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<DevServer, string>, string> BadTokens => new()
    {
        { "expired", s => Expired(s), "expired" },
        { "forged", s => Forged(s), "signature" },
        { "unknown key", s => Tokens.Join("otherkey", "othersecret", "room-a", "mallory"), "otherkey" },
        { "wrong secret", s => Tokens.Join(s.ApiKey, "not-the-secret", "room-a", "mallory"), "signature" },
        { "no join grant", s => new AccessToken(s.ApiKey, s.ApiSecret).WithIdentity("mallory").WithVideoGrants(new VideoGrants { Room = "room-a" }).ToJwt(), "roomJoin" },
        { "garbage", _ => "not-a-token", "JWT" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadToken_Refused401WithReason_RoomUnaffected(string name, Func<DevServer, string> token, string reason)
    {
        await using var server = await TestServer.StartAsync();
        var (member, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "room-a", "member"));
        await using var m = member;
        var bad = token(server);

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"{server.Url}/rtc?access_token={Uri.EscapeDataString(bad)}"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);

        using var http = new HttpClient();
        using var validate = await http.GetAsync(new Uri($"{server.HttpUrl}/rtc/validate?access_token={Uri.EscapeDataString(bad)}"));
        Assert.Equal(HttpStatusCode.Unauthorized, validate.StatusCode);
        Assert.Contains(reason, await validate.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        Assert.Empty(await member.DrainQuietAsync());
        Assert.Single(server.Rooms().Find("room-a")!.ListParticipants());
        Assert.NotNull(name);
    }

    [Fact]
    public async Task UnknownRoom_WithoutAutoCreate_Refused404RoomDoesNotExist()
    {
        await using var server = await TestServer.StartAsync(o => o.AutoCreateRooms = false);
        using var http = new HttpClient();
        var token = Tokens.Join(server, "nowhere", "alice");

        using var validate = await http.GetAsync(new Uri($"{server.HttpUrl}/rtc/validate?access_token={token}"));

        Assert.Equal(HttpStatusCode.NotFound, validate.StatusCode);
        Assert.Equal("requested room does not exist", await validate.Content.ReadAsStringAsync());
        Assert.Null(server.Rooms().Find("nowhere"));
    }

    private static byte[] UnknownField(int field)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString("from the future");
        output.Flush();
        return stream.ToArray();
    }

    private static string Expired(DevServer server)
    {
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        return new AccessToken(server.ApiKey, server.ApiSecret, past)
            .WithIdentity("mallory")
            .WithVideoGrants(new VideoGrants { RoomJoin = true, Room = "room-a" })
            .WithTtl(TimeSpan.FromMinutes(10))
            .ToJwt();
    }

    private static string Forged(DevServer server)
    {
        var genuine = Tokens.Join(server, "room-a", "alice").Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Base64Url(genuine[1])).Replace("\"alice\"", "\"admin\"", StringComparison.Ordinal);
        return $"{genuine[0]}.{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.{genuine[2]}";
    }

    private static byte[] Base64Url(string s)
    {
        var padded = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
