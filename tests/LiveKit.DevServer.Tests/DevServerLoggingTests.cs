using LiveKit.Api;
using LiveKit.DevServer.Tests.Support;
using LiveKit.Proto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace LiveKit.DevServer.Tests;

/// <summary>Identities, names and metadata are content: nothing at Information or above may carry them.</summary>
public sealed class DevServerLoggingTests
{
    [Fact]
    public async Task FullSession_NoIdentityNameOrMetadataLoggedAtInformation()
    {
        await using var server = await TestServer.StartAsync(services: b => b.Logging.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));
        var collector = server.Services.GetFakeLogCollector();
        const string identity = "caller-jane-doe";
        var (caller, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "secret-room", identity, g => g.CanUpdateOwnMetadata = true, t => t.WithName("Jane Doe").WithMetadata("account 4711")));
        await using (caller)
        {
            var (agent, _) = await SignalTestClient.JoinAsync(server, Tokens.Join(server, "secret-room", identity));
            await using var a = agent;
            await agent.SendAsync(new SignalRequest { UpdateMetadata = new UpdateParticipantMetadata { Metadata = "account 4711 on hold", RequestId = 1 } });
            await agent.SendRawAsync([0xFF]);
            await agent.WaitForAsync(SignalResponse.MessageOneofCase.RequestResponse, r => r.RequestResponse.Reason != RequestResponse.Types.Reason.Ok);
            var rooms = new RoomServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret);
            await rooms.UpdateParticipantAsync(new UpdateParticipantRequest { Room = "secret-room", Identity = identity, Metadata = "account 4711 moved" });
            await Assert.ThrowsAsync<TwirpException>(() => rooms.GetParticipantAsync("secret-room", "someone-else"));
            await agent.LeaveAsync();
        }

        var visible = collector.GetSnapshot().Where(r => r.Level >= LogLevel.Information).Select(r => r.Message).ToList();
        Assert.NotEmpty(visible);
        Assert.Contains(visible, m => m.Contains("joined", StringComparison.Ordinal));
        Assert.DoesNotContain(visible, m => m.Contains("jane", StringComparison.OrdinalIgnoreCase) || m.Contains("4711", StringComparison.Ordinal) || m.Contains("someone-else", StringComparison.Ordinal));
    }
}
