using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using WarmTransfer.ControlApi.Tokens;

namespace WarmTransfer.Benchmarks.ControlApi;

/// <summary>
/// Per-call cost of the control API's tokens by role (<see cref="RoomTokenFactory"/>: grants table, TTL, attribute,
/// LiveKit.Api's signer). Baseline: the bare HMAC-SHA256 over a signing input of the same size.
/// Run with: micro --filter *RoomTokenBenchmarks*
/// </summary>
[MemoryDiagnoser]
public class RoomTokenBenchmarks
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes("secret");
    private RoomTokenFactory _factory = null!;
    private byte[] _signingInput = [];

    [GlobalSetup]
    public void Setup()
    {
        _factory = ControlApiTokenFactory.Create();
        var token = _factory.Create(ParticipantRole.Agent, "call-1a2b3c4d5e6f", "alice", "Alice").Token;
        _signingInput = Encoding.ASCII.GetBytes(token[..token.LastIndexOf('.')]);
    }

    [Benchmark(Baseline = true, Description = "HMAC-SHA256 only (floor)")]
    public byte[] HmacOnly() => HMACSHA256.HashData(_secret, _signingInput);

    [Benchmark(Description = "Caller token")]
    public string Caller() => _factory.Create(ParticipantRole.Caller, "call-1a2b3c4d5e6f", "caller-0a1b2c3d4e5f", "Pat").Token;

    [Benchmark(Description = "Agent token")]
    public string Agent() => _factory.Create(ParticipantRole.Agent, "call-1a2b3c4d5e6f", "alice", "Alice").Token;

    [Benchmark(Description = "Bot token (hidden, kind agent)")]
    public string Bot() => _factory.Create(ParticipantRole.Bot, "handoff-0123456789abcdef", "wt-bot", "Transfer assistant").Token;
}
