using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Hosting;

public sealed class StartupValidationTests
{
    [Fact]
    public async Task Start_ProductionWithoutSettings_FailsNamingEachMissingSetting()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["LIVEKIT_URL"] = null,
            ["LIVEKIT_API_KEY"] = null,
            ["LIVEKIT_API_SECRET"] = null,
            ["WORKER_API_KEY"] = null,
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ControlApiHost.StartAsync(liveKit, settings, environment: "Production"));

        var message = Flatten(error);
        Assert.Contains("LIVEKIT_URL is not set", message, StringComparison.Ordinal);
        Assert.Contains("LIVEKIT_API_KEY is not set", message, StringComparison.Ordinal);
        Assert.Contains("LIVEKIT_API_SECRET is not set", message, StringComparison.Ordinal);
        Assert.Contains("WORKER_API_KEY is not set", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidValues_FailNamingTheSetting()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["LIVEKIT_URL"] = "ftp://example",
            ["Transfers:AgentJoinTimeout"] = "00:00:00",
            ["Auth:Agents:0:Identity"] = "dave",
            ["Auth:Agents:0:PasswordHash"] = "plaintext",
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ControlApiHost.StartAsync(liveKit, settings));

        var message = Flatten(error);
        Assert.Contains("LIVEKIT_URL 'ftp://example' is not a ws://", message, StringComparison.Ordinal);
        Assert.Contains("Transfers:AgentJoinTimeout must be between", message, StringComparison.Ordinal);
        Assert.Contains("Auth:Agents:0:PasswordHash is not a 'pbkdf2-sha256", message, StringComparison.Ordinal);
    }

    private static string Flatten(Exception error)
    {
        var parts = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            parts.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                parts.AddRange(aggregate.InnerExceptions.Select(Flatten));
            }
        }

        return string.Join(" | ", parts);
    }
}
