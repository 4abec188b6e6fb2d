using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LiveKit.DevServer.Rtp;
using LiveKit.DevServer.Sdp;
using LiveKit.DevServer.Srtp;
using LiveKit.DevServer.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using WarmTransfer.Benchmarks.Harness;

namespace WarmTransfer.Benchmarks.Media;

/// <summary>
/// The dev server's audio forwarding against its targets: 500 Opus streams at 50 packets/s on one core, added
/// forwarding latency median under 1 ms, and memory per participant. Each figure has an in-run baseline:
/// a plain copy of the same packets (CPU), the same packets sent socket to socket without the server (latency),
/// a bare UDP socket and buffer per participant (memory).
/// Run: <c>dotnet run -c Release --project bench/WarmTransfer.Benchmarks -- media-forwarding</c>
/// (MEDIA_BENCH_STREAMS and MEDIA_BENCH_SECONDS override 500 streams and 5 s).
/// </summary>
public sealed class MediaForwardingBenchmark : IMacroBenchmark
{
    private const int PacketsPerSecond = 50;
    private const SrtpProtectionProfile Profile = SrtpProtectionProfile.AeadAes128Gcm;

    public string Name => "media-forwarding";

    public string Description => "SRTP unprotect+forward+protect: streams per core (target 500 Opus at 50 pps), added latency (target median < 1 ms), memory per participant";

    public async Task RunAsync(BenchmarkReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        int streams = EnvInt("MEDIA_BENCH_STREAMS", 500);
        int seconds = EnvInt("MEDIA_BENCH_SECONDS", 5);

        MeasureCpu(report, streams, SrtpProtectionProfile.Aes128CmHmacSha1_80);
        MeasureCpu(report, streams, SrtpProtectionProfile.AeadAes128Gcm);
        await MeasureLatencyAsync(report, Math.Min(50, streams), seconds, cancellationToken).ConfigureAwait(false);
        await MeasureLatencyAsync(report, streams, seconds, cancellationToken).ConfigureAwait(false);
        await MeasureMemoryAsync(report, 200).ConfigureAwait(false);
    }

    /// <summary>
    /// One thread runs the whole per-packet path for <paramref name="streams"/> publishers, each with its own
    /// inbound and its subscriber's outbound context, packets interleaved as they would arrive.
    /// </summary>
    private static void MeasureCpu(BenchmarkReport report, int streams, SrtpProtectionProfile profile)
    {
        const int packetsPerStream = 100;
        var inbound = new SrtpContext[streams];
        var outbound = new SrtpContext[streams];
        var forwarders = new RtpForwarder[streams];
        var packets = new byte[streams * packetsPerStream][];
        for (int s = 0; s < streams; s++)
        {
            var publisherKeys = OpusPackets.Keys(profile, s * 2);
            using var publisher = new SrtpContext(profile, publisherKeys);
            for (int p = 0; p < packetsPerStream; p++)
            {
                packets[(p * streams) + s] = OpusPackets.Protect(publisher, OpusPackets.Plain((uint)(s + 1), (ushort)p, (uint)(p * 960)));
            }

            inbound[s] = new SrtpContext(profile, publisherKeys);
            outbound[s] = new SrtpContext(profile, OpusPackets.Keys(profile, (s * 2) + 1));
            forwarders[s] = new RtpForwarder((uint)(0x10000 + s), 111, 48000, TimeProvider.System);
        }

        var buffer = new byte[1600];
        long Forward()
        {
            for (int s = 0; s < streams; s++)
            {
                inbound[s].RemoveStream((uint)(s + 1));
            }

            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < packets.Length; i++)
            {
                int s = i % streams;
                var packet = packets[i];
                packet.CopyTo(buffer, 0);
                var span = buffer.AsSpan(0, packet.Length);
                if (inbound[s].UnprotectRtp(span, out int length) != SrtpStatus.Ok
                    || RtpHeader.TryParse(span[..length], out var header) != RtpParseStatus.Success
                    || !forwarders[s].TryRewrite(span[..length], header)
                    || outbound[s].ProtectRtp(buffer, length, out _) != SrtpStatus.Ok)
                {
                    throw new InvalidOperationException("forwarding failed");
                }
            }

            return Stopwatch.GetTimestamp() - start;
        }

        long Copy()
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < packets.Length; i++)
            {
                packets[i].CopyTo(buffer, 0);
            }

            return Stopwatch.GetTimestamp() - start;
        }

        Forward();
        Copy();
        var forwardRuns = new List<double>();
        var copyRuns = new List<double>();
        for (int run = 0; run < 7; run++)
        {
            forwardRuns.Add(Stopwatch.GetElapsedTime(0, Forward()).TotalNanoseconds / packets.Length);
            copyRuns.Add(Stopwatch.GetElapsedTime(0, Copy()).TotalNanoseconds / packets.Length);
        }

        double nsPerPacket = Median(forwardRuns);
        double copyNs = Median(copyRuns);
        double streamsPerCore = 1e9 / nsPerPacket / PacketsPerSecond;
        string name = profile == SrtpProtectionProfile.AeadAes128Gcm ? "AEAD_AES_128_GCM" : "AES_CM_HMAC_SHA1_80";
        report.Add($"{name}: cost per forwarded packet", nsPerPacket, "ns", copyNs);
        report.Add($"{name}: Opus streams per core at 50 pps", streamsPerCore, "streams", 1e9 / copyNs / PacketsPerSecond, ">= 500", streamsPerCore >= 500);
        foreach (var context in inbound.Concat(outbound))
        {
            context.Dispose();
        }
    }

    /// <summary>
    /// Real sockets: paced publishers send SRTP to the media port, the server forwards each stream to a subscriber
    /// socket, which decrypts and reads the send time from the payload. The baseline sends the same packets
    /// straight to the subscriber sockets.
    /// </summary>
    private static async Task MeasureLatencyAsync(BenchmarkReport report, int streams, int seconds, CancellationToken cancellationToken)
    {
        var options = new MediaTransportOptions { Port = 0, MaxPeerConnections = (2 * streams) + 10, SocketReceiveBufferBytes = 32 * 1024 * 1024, RtcpReportInterval = TimeSpan.FromSeconds(5) };
        await using var transport = new MediaUdpTransport(options, TimeProvider.System, NullLoggerFactory.Instance);
        transport.Start();
        var publishers = new BenchIcePeer[streams];
        var subscribers = new BenchIcePeer[streams];
        var senderContexts = new SrtpContext[streams];
        var directContexts = new SrtpContext[streams];
        var receiverContexts = new SrtpContext[streams];
        for (int s = 0; s < streams; s++)
        {
            var publisherKeys = OpusPackets.Keys(Profile, (s * 4) + 0);
            var subscriberKeys = OpusPackets.Keys(Profile, (s * 4) + 2);
            var pub = transport.CreatePeerConnection();
            var sub = transport.CreatePeerConnection();
            uint ssrc = (uint)(s + 1);
            var section = new NegotiatedSection("0", SdpMediaKind.Audio, true, SdpMediaDirection.RecvOnly, OpusPackets.PayloadType, SdpCodec.Opus, [ssrc], "stream", "track", null);
            pub.ConnectWithoutDtls(Profile, OpusPackets.Keys(Profile, (s * 4) + 1), publisherKeys, [section]);
            sub.ConnectWithoutDtls(Profile, subscriberKeys, OpusPackets.Keys(Profile, (s * 4) + 3), []);
            var forwarded = sub.AddForwardedTrack("PA_" + s, "TR_" + s, SdpMediaKind.Audio);
            forwarded.Source = pub.RemoteTracks[0];
            pub.RtpReceived += (RemoteTrack track, in RtpHeader header, ReadOnlySpan<byte> packet) => forwarded.Forward(header, packet);
            publishers[s] = new BenchIcePeer();
            subscribers[s] = new BenchIcePeer();
            publishers[s].Check(transport.LocalEndPoint, pub.LocalCredentials.Ufrag, pub.LocalCredentials.Password);
            subscribers[s].Check(transport.LocalEndPoint, sub.LocalCredentials.Ufrag, sub.LocalCredentials.Password);
            senderContexts[s] = new SrtpContext(Profile, publisherKeys);
            directContexts[s] = new SrtpContext(Profile, subscriberKeys);
            receiverContexts[s] = new SrtpContext(Profile, subscriberKeys);
        }

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var baseline = await RunPacedAsync(publishers, subscribers, directContexts, receiverContexts, seconds, direct: true, transport.LocalEndPoint, cancellationToken).ConfigureAwait(false);
        process.Refresh();
        var baselineCpu = process.TotalProcessorTime - cpuBefore;
        long droppedBefore = transport.Counters.UnroutableDropped + transport.Counters.HandlerFaults;
        cpuBefore = process.TotalProcessorTime;
        var subject = await RunPacedAsync(publishers, subscribers, senderContexts, receiverContexts, seconds, direct: false, transport.LocalEndPoint, cancellationToken).ConfigureAwait(false);
        process.Refresh();
        var subjectCpu = process.TotalProcessorTime - cpuBefore;

        double baselineMedian = Percentile(baseline.Latencies, 0.5);
        double subjectMedian = Percentile(subject.Latencies, 0.5);
        double added = Math.Max(0, subjectMedian - baselineMedian);
        string load = $"{streams} streams ({streams * PacketsPerSecond} pkt/s)";
        report.Add($"{load}: latency via server, median", subjectMedian, "ms", baselineMedian);
        report.Add($"{load}: latency via server, p99", Percentile(subject.Latencies, 0.99), "ms", Percentile(baseline.Latencies, 0.99));
        report.Add($"{load}: added forwarding latency, median", added, "ms", null, "< 1 ms", added < 1);
        report.Add($"{load}: packets delivered", 100.0 * subject.Latencies.Count / subject.Sent, "%", 100.0 * baseline.Latencies.Count / baseline.Sent);
        // The server's share: process CPU of the run through it, less the same run sent directly (same clients).
        double serverCore = 100 * (subjectCpu - baselineCpu).TotalSeconds / (seconds + 0.5);
        report.Add($"{load}: server CPU (process CPU over direct run)", serverCore, "% core", 100 * baselineCpu.TotalSeconds / (seconds + 0.5), "< 100 %", serverCore < 100);
        report.Add($"{load}: server drops and faults", transport.Counters.UnroutableDropped + transport.Counters.HandlerFaults - droppedBefore, "packets");

        foreach (var peer in publishers.Concat(subscribers))
        {
            peer.Dispose();
        }

        foreach (var context in senderContexts.Concat(directContexts).Concat(receiverContexts))
        {
            context.Dispose();
        }
    }

    /// <returns>Latencies of the sampled streams, and how many packets were sent to them.</returns>
    private static async Task<(List<double> Latencies, long Sent)> RunPacedAsync(
        BenchIcePeer[] publishers, BenchIcePeer[] subscribers, SrtpContext[] senders, SrtpContext[] receivers, int seconds, bool direct, IPEndPoint server, CancellationToken cancellationToken)
    {
        int streams = publishers.Length;

        // Latency is sampled on at most 50 subscribers: reading every socket would put 25k receive completions a
        // second on the same two cores as the server and measure them instead. The other sockets just absorb.
        int sampleEvery = Math.Max(1, streams / 50);
        var latencies = new List<double>[streams];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiving = new List<Task>();
        for (int s = 0; s < streams; s++)
        {
            latencies[s] = new List<double>(seconds * PacketsPerSecond);
            if (s % sampleEvery == 0)
            {
                receiving.Add(ReceiveAsync(subscribers[s].Socket, receivers[s], latencies[s], stop.Token));
            }
        }

        var serverAddress = server.Serialize();
        long sent = 0;
        var sending = Task.Factory.StartNew(() =>
        {
            // Each publisher sends every 20 ms, the publishers spread evenly over the frame as independent clients
            // would be. Pacing sleeps between 1 ms ticks rather than spinning, to leave the CPU to the server.
            var buffer = new byte[1600];
            long interval = Stopwatch.Frequency / PacketsPerSecond;
            long total = (long)seconds * PacketsPerSecond * streams;
            long start = Stopwatch.GetTimestamp();
            for (long n = 0; n < total;)
            {
                long now = Stopwatch.GetTimestamp();
                for (; n < total; n++)
                {
                    long frame = n / streams;
                    int s = (int)(n % streams);
                    if (start + (frame * interval) + (s * interval / streams) > now)
                    {
                        break;
                    }

                    var plain = OpusPackets.Plain((uint)(s + 1), (ushort)frame, (uint)(frame * 960), Stopwatch.GetTimestamp());
                    plain.CopyTo(buffer, 0);
                    senders[s].ProtectRtp(buffer, plain.Length, out int length);
                    publishers[s].Socket.SendTo(buffer.AsSpan(0, length), SocketFlags.None, direct ? subscribers[s].LocalAddress : serverAddress);
                    sent++;
                }

                Thread.Sleep(1);
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await sending.ConfigureAwait(false);

        // Let the last packets drain, then stop the receivers.
        await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(receiving).ConfigureAwait(false);

        return ([.. latencies.SelectMany(l => l)], sent / sampleEvery);
    }

    private static async Task ReceiveAsync(Socket socket, SrtpContext context, List<double> latencies, CancellationToken cancellationToken)
    {
        var buffer = new byte[2048];
        var from = new SocketAddress(AddressFamily.InterNetwork);
        while (!cancellationToken.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await socket.ReceiveFromAsync(buffer, SocketFlags.None, from, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            long now = Stopwatch.GetTimestamp();
            var span = buffer.AsSpan(0, length);
            if (DatagramClassifier.Classify(span) != DatagramKind.Rtp || context.UnprotectRtp(span, out int plainLength) != SrtpStatus.Ok)
            {
                continue;
            }

            long stamp = OpusPackets.ReadStamp(span[..plainLength]);
            latencies.Add(Stopwatch.GetElapsedTime(stamp, now).TotalMilliseconds);
        }
    }

    /// <summary>Managed memory per participant (publisher + subscriber connection, one track each way) against one bare UDP socket and buffer.</summary>
    private static async Task MeasureMemoryAsync(BenchmarkReport report, int participants)
    {
        var options = new MediaTransportOptions { Port = 0, MaxPeerConnections = (2 * participants) + 10 };
        await using var transport = new MediaUdpTransport(options, TimeProvider.System, NullLoggerFactory.Instance);
        transport.Start();
        var keep = new List<object>();

        long before = GC.GetTotalMemory(forceFullCollection: true);
        for (int p = 0; p < participants; p++)
        {
            var pub = transport.CreatePeerConnection();
            var sub = transport.CreatePeerConnection();
            var section = new NegotiatedSection("0", SdpMediaKind.Audio, true, SdpMediaDirection.RecvOnly, 111, SdpCodec.Opus, [(uint)(p + 1)], "s", "t", null);
            pub.ConnectWithoutDtls(Profile, OpusPackets.Keys(Profile, 1), OpusPackets.Keys(Profile, 2), [section]);
            sub.ConnectWithoutDtls(Profile, OpusPackets.Keys(Profile, 3), OpusPackets.Keys(Profile, 4), []);
            sub.AddForwardedTrack("PA_" + p, "TR_" + p, SdpMediaKind.Audio).Source = pub.RemoteTracks[0];
            keep.Add(pub);
            keep.Add(sub);
        }

        long perParticipant = (GC.GetTotalMemory(forceFullCollection: true) - before) / participants;

        long baselineBefore = GC.GetTotalMemory(forceFullCollection: true);
        var sockets = new List<Socket>();
        for (int p = 0; p < participants; p++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            sockets.Add(socket);
            keep.Add(new byte[1500]);
        }

        long baseline = (GC.GetTotalMemory(forceFullCollection: true) - baselineBefore) / participants;
        report.Add("managed memory per participant (2 PCs, no DTLS state)", perParticipant / 1024.0, "KiB", baseline / 1024.0);
        GC.KeepAlive(keep);
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
    }

    private static int EnvInt(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), out int value) && value > 0 ? value : fallback;
}
