using System.Text;
using LiveKit.Api.Tests.Support;
using LiveKit.Proto;

namespace LiveKit.Api.Tests.Webhooks;

/// <summary>Webhooks against LiveKit's official Node server SDK, in both directions.</summary>
public sealed class WebhookInteropTests
{
    private const string Key = "APIhooks";
    private const string Secret = "hooks-secret-0123456789abcdefghijklmnopq";

    private const string Body = """{"event":"room_finished","room":{"sid":"RM_9","name":"handoff-3","numParticipants":0},"id":"EV_42","createdAt":"1760000100"}""";

    [Fact]
    public async Task Receive_NodeSdkSignedWebhook_Accepted()
    {
        var auth = (string)(await ServerSdk.RunAsync("webhook-sign", new { apiKey = Key, apiSecret = Secret, body = Body }))["authorization"]!;

        var e = new WebhookReceiver(Key, Secret).Receive(Body, auth);

        Assert.Equal(("room_finished", "handoff-3", "EV_42"), (e.Event, e.Room.Name, e.Id));
    }

    [Fact]
    public async Task Receive_NodeSdkSignedWebhookTampered_ChecksumMismatch()
    {
        var auth = (string)(await ServerSdk.RunAsync("webhook-sign", new { apiKey = Key, apiSecret = Secret, body = Body }))["authorization"]!;
        var tampered = Body.Replace("handoff-3", "handoff-4", StringComparison.Ordinal);

        var e = Assert.Throws<WebhookValidationException>(() => new WebhookReceiver(Key, Secret).Receive(tampered, auth));

        Assert.Equal(WebhookValidationError.ChecksumMismatch, e.Error);
    }

    [Fact]
    public async Task NodeSdkReceive_OurSignedWebhook_Accepted()
    {
        var signed = new WebhookSigner(Key, Secret).Sign(new WebhookEvent
        {
            Event = WebhookEventNames.ParticipantLeft,
            Id = "EV_7",
            CreatedAt = 1_760_000_200,
            Room = new Room { Sid = "RM_1", Name = "call-42" },
            Participant = new ParticipantInfo { Sid = "PA_1", Identity = "agent-a", State = ParticipantInfo.Types.State.Disconnected },
        });

        var result = await ServerSdk.RunAsync("webhook-receive", new { apiKey = Key, apiSecret = Secret, body = Encoding.UTF8.GetString(signed.Body.Span), authorization = signed.Authorization });

        Assert.Null(result["error"]);
        var e = result["event"]!;
        Assert.Equal("participant_left", (string?)e["event"]);
        Assert.Equal("agent-a", (string?)e["participant"]!["identity"]);
        Assert.Equal("DISCONNECTED", (string?)e["participant"]!["state"]);
        Assert.Equal("1760000200", (string?)e["createdAt"]);
    }

    [Fact]
    public async Task NodeSdkReceive_OurSignedWebhookTampered_Rejects()
    {
        var signed = new WebhookSigner(Key, Secret).Sign(new WebhookEvent { Event = "room_started", Room = new Room { Name = "call-42" } });
        var tampered = Encoding.UTF8.GetString(signed.Body.Span).Replace("call-42", "call-43", StringComparison.Ordinal);

        var result = await ServerSdk.RunAsync("webhook-receive", new { apiKey = Key, apiSecret = Secret, body = tampered, authorization = signed.Authorization });

        Assert.Contains("sha256", (string?)result["error"], StringComparison.Ordinal);
    }
}
