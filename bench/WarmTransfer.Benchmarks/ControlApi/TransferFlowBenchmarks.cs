using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace WarmTransfer.Benchmarks.ControlApi;

/// <summary>
/// One transfer start, accept and complete, one after another, through the real HTTP stack and SQLite (LiveKit is
/// <see cref="NullLiveKitGateway"/>): the service time of the three commands without load. The call passes back and
/// forth between alice and bob, so one call room serves every invocation. Baseline: an authenticated
/// <c>GET /api/auth/me</c>. Run with: micro --filter *TransferFlowBenchmarks*
/// </summary>
[MemoryDiagnoser]
public class TransferFlowBenchmarks
{
    private BenchControlApiHost _host = null!;
    private HttpClient _owner = null!;
    private HttpClient _other = null!;
    private string _ownerName = "alice";
    private string _otherName = "bob";
    private string _room = string.Empty;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = BenchControlApiHost.Start();
        _owner = await _host.LoginAsync(_ownerName).ConfigureAwait(false);
        _other = await _host.LoginAsync(_otherName).ConfigureAwait(false);
        using var anonymous = _host.NewClient();
        using var call = await anonymous.PostAsJsonAsync("/api/calls", new { }).ConfigureAwait(false);
        _room = (await call.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false)).GetProperty("room").GetString()!;
        using var claim = await _owner.PostAsJsonAsync("/api/tokens/agent", new { room = _room }).ConfigureAwait(false);
        claim.EnsureSuccessStatusCode();
    }

    [Benchmark(Baseline = true, Description = "GET /api/auth/me")]
    public async Task<int> Me()
    {
        using var response = await _owner.GetAsync("/api/auth/me").ConfigureAwait(false);
        return (await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false)).Length;
    }

    [Benchmark(Description = "start + accept + complete")]
    public async Task<int> StartAcceptComplete()
    {
        using var started = await _owner.PostAsJsonAsync("/api/transfers", new { callRoom = _room, toAgent = _otherName }).ConfigureAwait(false);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false)).GetProperty("id").GetString();
        using var accepted = await _other.PostAsync($"/api/transfers/{id}/accept", null).ConfigureAwait(false);
        using var completed = await _owner.PostAsync($"/api/transfers/{id}/complete", null).ConfigureAwait(false);
        completed.EnsureSuccessStatusCode();

        // The call now belongs to the other agent: swap roles for the next invocation.
        (_owner, _other) = (_other, _owner);
        (_ownerName, _otherName) = (_otherName, _ownerName);
        return (int)completed.StatusCode;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _owner.Dispose();
        _other.Dispose();
        await _host.DisposeAsync().ConfigureAwait(false);
    }
}
