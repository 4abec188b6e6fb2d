using BenchmarkDotNet.Attributes;
using LiveKit.DevServer.Rtp;
using LiveKit.DevServer.Srtp;

namespace WarmTransfer.Benchmarks.Media;

/// <summary>
/// Per-packet cost of forwarding one Opus packet: SRTP unprotect (publisher's keys), RTP parse, SSRC / payload
/// type / sequence / timestamp rewrite, SRTP protect (subscriber's keys), against a baseline that only copies the
/// packet into a send buffer, as any relay must. Run: <c>-- micro --filter *SrtpForwarding*</c>.
/// </summary>
[MemoryDiagnoser]
public class SrtpForwardingBenchmarks
{
    private const int Batch = 1000;
    private const uint SourceSsrc = 0x11111111;

    private readonly byte[] _buffer = new byte[1600];
    private byte[][] _protected = [];
    private SrtpContext _inbound = null!;
    private SrtpContext _outbound = null!;
    private RtpForwarder _forwarder = null!;

    /// <summary>DTLS-SRTP profile id: 1 = AES_CM_128_HMAC_SHA1_80, 7 = AEAD_AES_128_GCM, 8 = AEAD_AES_256_GCM.</summary>
    [Params(1, 7, 8)]
    public int Profile { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var profile = (SrtpProtectionProfile)Profile;
        var publisherKeys = OpusPackets.Keys(profile, 1);
        using var publisher = new SrtpContext(profile, publisherKeys);
        _protected = new byte[Batch][];
        for (int i = 0; i < Batch; i++)
        {
            _protected[i] = OpusPackets.Protect(publisher, OpusPackets.Plain(SourceSsrc, (ushort)i, (uint)(i * 960)));
        }

        _inbound = new SrtpContext(profile, publisherKeys);
        _outbound = new SrtpContext(profile, OpusPackets.Keys(profile, 2));
        _forwarder = new RtpForwarder(0x22222222, 111, 48000, TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _inbound.Dispose();
        _outbound.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int CopyOnly()
    {
        int sum = 0;
        for (int i = 0; i < Batch; i++)
        {
            var packet = _protected[i];
            packet.CopyTo(_buffer, 0);
            sum += _buffer[packet.Length - 1];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int UnprotectForwardProtect()
    {
        // The batch replays the same indices: forget the stream so the replay window starts afresh (one small
        // allocation per 1000 packets).
        _inbound.RemoveStream(SourceSsrc);
        int sum = 0;
        for (int i = 0; i < Batch; i++)
        {
            var packet = _protected[i];
            packet.CopyTo(_buffer, 0);
            var span = _buffer.AsSpan(0, packet.Length);
            if (_inbound.UnprotectRtp(span, out int length) != SrtpStatus.Ok
                || RtpHeader.TryParse(span[..length], out var header) != RtpParseStatus.Success
                || !_forwarder.TryRewrite(span[..length], header)
                || _outbound.ProtectRtp(_buffer, length, out int protectedLength) != SrtpStatus.Ok)
            {
                throw new InvalidOperationException("forwarding failed");
            }

            sum += protectedLength;
        }

        return sum;
    }
}
