using System.Net;
using System.Security.Cryptography;
using System.Text;
using WarmTransfer.ControlApi.Auth;
using WarmTransfer.ControlApi.Tests.TestSupport;

namespace WarmTransfer.ControlApi.Tests.Auth;

public sealed class AuthApiTests
{
    [Fact]
    public async Task Login_WrongPasswordOrUnknownAgent_Is401_SameAnswer()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);

        var (wrong, wrongProblem, _) = await api.Client.PostAsync("/api/auth/login", new { identity = "alice", password = "nope" });
        var (unknown, unknownProblem, _) = await api.Client.PostAsync("/api/auth/login", new { identity = "mallory", password = "dev" });
        var (missing, missingProblem, _) = await api.Client.PostAsync("/api/auth/login", new { identity = "alice" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown);
        Assert.Equal(wrongProblem.Str("detail"), unknownProblem.Str("detail"));
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.True(missingProblem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Login_ConfiguredPbkdf2Agent_WorksAndDevelopmentLoginsCanBeOff()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit, new Dictionary<string, string?>
        {
            ["Auth:DevelopmentAccounts"] = "false",
            ["Auth:Agents:0:Identity"] = "dana",
            ["Auth:Agents:0:Name"] = "Dana Supervisor",
            ["Auth:Agents:0:Role"] = "admin",
            ["Auth:Agents:0:PasswordHash"] = PasswordHash.Create("correct horse", iterations: 2_000),
        });

        var (ok, session, _) = await api.Client.PostAsync("/api/auth/login", new { identity = "dana", password = "correct horse" });
        var (dev, _, _) = await api.Client.PostAsync("/api/auth/login", new { identity = "alice", password = "dev" });

        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("admin", session.Str("role"));
        Assert.Equal("Dana Supervisor", session.Str("name"));
        Assert.Equal("Bearer", session.Str("tokenType"));
        Assert.Equal(3600, session.GetProperty("expiresIn").GetInt64());
        Assert.Equal(HttpStatusCode.Unauthorized, dev);
    }

    [Fact]
    public async Task ApiKey_Authenticates_WrongKeyIs401()
    {
        const string key = "integration-key-0123456789abcdef";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit, new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:0:Identity"] = "crm-bridge",
            ["Auth:ApiKeys:0:Role"] = "admin",
            ["Auth:ApiKeys:0:KeySha256"] = hash,
        });
        using var withKey = api.NewClient();
        withKey.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var withWrongKey = api.NewClient();
        withWrongKey.DefaultRequestHeaders.Add("X-Api-Key", "guess");

        var (me, body, _) = await withKey.GetJsonAsync("/api/auth/me");
        var (wrong, _, _) = await withWrongKey.GetJsonAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, me);
        Assert.Equal("crm-bridge", body.Str("identity"));
        Assert.Equal("admin", body.Str("role"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
    }

    [Fact]
    public async Task Refresh_ValidToken_NewSession_GarbageIs401()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit);
        var session = await api.LoginSessionAsync("bob");

        var (ok, refreshed, _) = await api.Client.PostAsync("/api/auth/refresh", new { refreshToken = session.Str("refreshToken") });
        var (bad, _, _) = await api.Client.PostAsync("/api/auth/refresh", new { refreshToken = "garbage" });
        var (access, _, _) = await api.Client.PostAsync("/api/auth/refresh", new { refreshToken = session.Str("accessToken") });

        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("bob", refreshed.Str("identity"));
        Assert.Equal(HttpStatusCode.Unauthorized, bad);
        Assert.Equal(HttpStatusCode.Unauthorized, access);
    }

    [Fact]
    public async Task Session_Expired_Is401()
    {
        await using var liveKit = await FakeLiveKitServer.StartAsync();
        await using var api = await ControlApiHost.StartAsync(liveKit, new Dictionary<string, string?> { ["Auth:SessionLifetime"] = "00:05:00" });
        using var alice = await api.LoginAsync("alice");
        var (before, _, _) = await alice.GetJsonAsync("/api/auth/me");

        api.Time.Advance(TimeSpan.FromMinutes(6));
        var (after, _, _) = await alice.GetJsonAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.Unauthorized, after);
    }
}
