using System.Net;
using System.Text.Json;

namespace WarmTransfer.ControlApi.Tests.TestSupport;

/// <summary>
/// The common opening: a caller starts a call (POST /api/calls), joins it, Agent A (alice) takes it with an agent
/// token and joins too. Helpers then drive a transfer to bob.
/// </summary>
public sealed class CallScenario
{
    private CallScenario(ControlApiHost api, FakeLiveKitServer liveKit, string room, string caller, HttpClient alice, HttpClient bob)
    {
        Api = api;
        LiveKit = liveKit;
        Room = room;
        Caller = caller;
        Alice = alice;
        Bob = bob;
    }

    public ControlApiHost Api { get; }

    public FakeLiveKitServer LiveKit { get; }

    public string Room { get; }

    public string Caller { get; }

    public HttpClient Alice { get; }

    public HttpClient Bob { get; }

    public static async Task<CallScenario> StartAsync(ControlApiHost api, FakeLiveKitServer liveKit)
    {
        var (status, call, _) = await api.Client.PostAsync("/api/calls", new { name = "Pat Caller" });
        Assert.Equal(HttpStatusCode.Created, status);
        var room = call.Str("room");
        var caller = call.Str("identity");
        liveKit.Join(room, caller);

        var alice = await api.LoginAsync("alice");
        var (claimed, _, _) = await alice.PostAsync("/api/tokens/agent", new { room });
        Assert.Equal(HttpStatusCode.OK, claimed);
        liveKit.Join(room, "alice");
        var bob = await api.LoginAsync("bob");
        return new CallScenario(api, liveKit, room, caller, alice, bob);
    }

    /// <summary>Alice starts a transfer to bob; returns the created transfer.</summary>
    public async Task<JsonElement> StartTransferAsync(string? notes = "Caller wants a refund for order 42.", string? idempotencyKey = null)
    {
        var (status, transfer, response) = await Alice.PostAsync("/api/transfers", new { callRoom = Room, toAgent = "bob", notes }, idempotencyKey);
        Assert.True(status == HttpStatusCode.Created, $"start returned {(int)status}: {transfer}");
        Assert.Equal($"/api/transfers/{transfer.Str("id")}", response.Headers.Location?.OriginalString);
        return transfer;
    }

    public async Task<JsonElement> GetTransferAsync(string id)
    {
        var (status, transfer, _) = await Alice.GetJsonAsync($"/api/transfers/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        return transfer;
    }
}
