using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using LiveKit.Api;

namespace WarmTransfer.Benchmarks.Api;

/// <summary>
/// Access-token throughput: minting a typical join token, verifying it (the dev server does this for
/// every /rtc connection and Twirp call), and refusing a forged one. The baseline is the bare
/// HMAC-SHA256 over the same signing input, the floor any HS256 verifier pays.
/// </summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private const string Key = "devkey";
    private const string Secret = "secret";

    private readonly TokenVerifier _verifier = new(Key, Secret);
    private string _token = string.Empty;
    private string _forged = string.Empty;
    private byte[] _signingInput = [];
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(Secret);

    [GlobalSetup]
    public void Setup()
    {
        _token = Mint();
        _forged = _token[..^2] + (_token[^2] == 'A' ? "BB" : "AA");
        _signingInput = Encoding.ASCII.GetBytes(_token[.._token.LastIndexOf('.')]);
    }

    [Benchmark(Baseline = true, Description = "HMAC-SHA256 only (floor)")]
    public byte[] HmacOnly() => HMACSHA256.HashData(_secret, _signingInput);

    [Benchmark(Description = "Verify valid join token")]
    public ClaimGrants Verify() => _verifier.Verify(_token);

    [Benchmark(Description = "Refuse forged token")]
    public bool RefuseForged() => _verifier.TryVerify(_forged, out _, out _, out _);

    [Benchmark(Description = "Mint join token")]
    public string Mint() =>
        new AccessToken(Key, Secret)
            .WithIdentity("agent-a")
            .WithName("Agent A")
            .WithAttribute("role", "agent")
            .WithVideoGrants(new VideoGrants { RoomJoin = true, Room = "call-42", CanPublish = true, CanSubscribe = true, CanUpdateOwnMetadata = true })
            .WithTtl(TimeSpan.FromHours(1))
            .ToJwt();
}
