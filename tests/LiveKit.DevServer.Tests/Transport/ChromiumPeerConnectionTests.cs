using System.Collections.Concurrent;
using System.Text.Json;
using LiveKit.DevServer.DataChannels;
using LiveKit.DevServer.Dtls;
using LiveKit.DevServer.Rtp;
using LiveKit.DevServer.Sdp;
using LiveKit.DevServer.Srtp;
using LiveKit.DevServer.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace LiveKit.DevServer.Tests.Transport;

/// <summary>
/// Our PeerConnection against real Chromium, no LiveKit signalling: a raw RTCPeerConnection in the page offers a
/// fake microphone; we answer, ICE-lite + DTLS + SRTP come up and we decrypt Opus; then we offer the same audio
/// back on a second connection and the page's getStats show it arriving with sound in it.
/// </summary>
public sealed class ChromiumPeerConnectionTests : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ChromiumFixture _chromium;
    private MediaUdpTransport? _started;
    private IPage _page = null!;

    public ChromiumPeerConnectionTests(ChromiumFixture chromium) => _chromium = chromium;

    private MediaUdpTransport _transport => _started ??= StartTransport(null);

    public async Task InitializeAsync() => _page = await _chromium.NewPageAsync();

    public async Task DisposeAsync()
    {
        await _page.Context.CloseAsync();
        if (_started is not null)
        {
            await _started.DisposeAsync();
        }
    }

    [Theory]
    [InlineData((int)SrtpProfile.AeadAes256Gcm)]
    [InlineData((int)SrtpProfile.AeadAes128Gcm)]
    [InlineData((int)SrtpProfile.AesCm128HmacSha1Tag80)]
    public async Task ApplyRemoteOffer_ChromiumMicrophone_ReceivesDecryptedOpus(int profile)
    {
        _started = StartTransport(new DtlsOptions { SrtpProfiles = [(SrtpProfile)profile] });
        var publisher = _transport.CreatePeerConnection();
        var packets = new ConcurrentQueue<(byte PayloadType, uint Ssrc, int PayloadLength)>();
        var fifty = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        publisher.RtpReceived += (RemoteTrack track, in RtpHeader header, ReadOnlySpan<byte> packet) =>
        {
            packets.Enqueue((header.PayloadType, header.Ssrc, header.PayloadLength));
            if (packets.Count >= 50)
            {
                fifty.TrySetResult();
            }
        };

        string offer = await PublishMicrophoneAsync();
        string answer = publisher.ApplyRemoteOffer(offer);
        await _page.EvaluateAsync("sdp => window.pub.setRemoteDescription({ type: 'answer', sdp })", answer);

        await fifty.Task.WaitAsync(Patience);

        var offered = SdpAnswerBuilderTestsParse(offer).Media[0];
        uint announcedSsrc = offered.Ssrcs()[0];
        Assert.All(packets, p => Assert.Equal((byte)111, p.PayloadType));
        Assert.All(packets, p => Assert.Equal(announcedSsrc, p.Ssrc));
        Assert.All(packets, p => Assert.InRange(p.PayloadLength, 1, 1275)); // an Opus packet (RFC 6716 §3.4 R1/R2)
        var track = Assert.Single(publisher.RemoteTracks);
        Assert.Equal(offered.Msid()!.Value.TrackId, track.TrackId);
        Assert.Equal(PeerConnectionState.Connected, publisher.State);
        Assert.Equal((SrtpProtectionProfile)profile, publisher.SrtpProfile);
        Assert.Equal(0, publisher.Counters.SrtpAuthenticationFailures);
        Assert.Equal("connected", await _page.EvaluateAsync<string>("() => window.pub.connectionState"));
    }

    [Fact]
    public async Task CreateOffer_LoopedBackMicrophone_ChromiumHearsIt()
    {
        var publisher = _transport.CreatePeerConnection();
        var subscriber = _transport.CreatePeerConnection();
        var forwarded = subscriber.AddForwardedTrack("PA_loopback", "TR_loopback", SdpMediaKind.Audio);
        publisher.RtpReceived += (RemoteTrack track, in RtpHeader header, ReadOnlySpan<byte> packet) =>
        {
            forwarded.Source ??= track;
            forwarded.Forward(header, packet);
        };

        string offer = await PublishMicrophoneAsync();
        await _page.EvaluateAsync("sdp => window.pub.setRemoteDescription({ type: 'answer', sdp })", publisher.ApplyRemoteOffer(offer));

        await SubscribeAsync(subscriber);

        var stats = await WaitForInboundAudioAsync();

        Assert.True(stats.BytesGrew, "inbound-rtp bytesReceived did not grow");
        Assert.True(stats.MaxAudioLevel > 0, "audioLevel stayed 0");
        var received = await _page.EvaluateAsync<JsonElement>("() => window.received");
        Assert.Equal("PA_loopback|TR_loopback", received[0].GetProperty("streamId").GetString());
        Assert.Equal("audio", received[0].GetProperty("kind").GetString());
        Assert.Equal(PeerConnectionState.Connected, subscriber.State);
        Assert.True(subscriber.Counters.RtpPacketsSent > 0);
        Assert.Equal(0, subscriber.Counters.SrtpAuthenticationFailures);
    }

    [Fact]
    public async Task CreateOffer_LoopedBackCamera_ChromiumDecodesFramesAfterRelayedKeyFrameRequest()
    {
        var publisher = _transport.CreatePeerConnection();
        var subscriber = _transport.CreatePeerConnection();
        var forwarded = subscriber.AddForwardedTrack("PA_loopback", "TR_camera", SdpMediaKind.Video);
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int received = 0;
        publisher.RtpReceived += (RemoteTrack track, in RtpHeader header, ReadOnlySpan<byte> packet) =>
        {
            forwarded.Source ??= track;
            forwarded.Forward(header, packet);
            if (Interlocked.Increment(ref received) == 200)
            {
                flowing.TrySetResult();
            }
        };

        string offer = await PublishAsync("""{"video":{"width":320,"height":240}}""");
        await _page.EvaluateAsync("sdp => window.pub.setRemoteDescription({ type: 'answer', sdp })", publisher.ApplyRemoteOffer(offer));
        Assert.Equal(SdpMediaKind.Video, Assert.Single(publisher.RemoteTracks).Kind);

        // Subscribe only once the publisher's first key frame is long gone, so the subscriber must ask for one.
        await flowing.Task.WaitAsync(Patience);
        await SubscribeAsync(subscriber);

        var frames = await WaitForStatAsync("video", "framesDecoded", minimum: 10);

        Assert.True(frames >= 10, $"only {frames} frames decoded");
        // The subscriber joined mid-stream: its key frame request reached the publisher through us.
        Assert.True(subscriber.Counters.KeyFrameRequestsReceived > 0);
        Assert.True(publisher.Counters.KeyFrameRequestsSent > 0);
    }

    [Fact]
    public async Task RemoveThenAddForwardedTrack_Renegotiation_ReusesSectionAndChromiumReceivesNewTrack()
    {
        var publisher = _transport.CreatePeerConnection();
        var subscriber = _transport.CreatePeerConnection();
        ForwardedTrack? current = subscriber.AddForwardedTrack("PA_loopback", "TR_first", SdpMediaKind.Audio);
        publisher.RtpReceived += (RemoteTrack track, in RtpHeader header, ReadOnlySpan<byte> packet) =>
        {
            var target = Volatile.Read(ref current);
            if (target is not null)
            {
                target.Source ??= track;
                target.Forward(header, packet);
            }
        };

        await _page.EvaluateAsync("sdp => window.pub.setRemoteDescription({ type: 'answer', sdp })", publisher.ApplyRemoteOffer(await PublishMicrophoneAsync()));
        await SubscribeAsync(subscriber);
        await WaitForStatAsync("audio", "packetsReceived", minimum: 20);

        subscriber.RemoveForwardedTrack(current);
        Volatile.Write(ref current, null);
        await RenegotiateAsync(subscriber);
        string direction = await _page.EvaluateAsync<string>("() => window.sub.getTransceivers().find(t => t.mid === '1').currentDirection");

        var second = subscriber.AddForwardedTrack("PA_loopback", "TR_second", SdpMediaKind.Audio);
        Volatile.Write(ref current, second);
        await RenegotiateAsync(subscriber);
        await WaitForTrackEventsAsync(2);
        long before = (long)await WaitForStatAsync("audio", "packetsReceived", minimum: 0);
        long after = (long)await WaitForStatAsync("audio", "packetsReceived", minimum: before + 20);

        Assert.Equal("inactive", direction);
        Assert.Equal("1", second.Mid);
        var received = await _page.EvaluateAsync<JsonElement>("() => window.received");
        Assert.Equal("PA_loopback|TR_second", received[1].GetProperty("streamId").GetString());
        Assert.Equal(1, await _page.EvaluateAsync<int>("() => window.sub.getTransceivers().length")); // the audio section was reused
        Assert.True(after >= before + 20);
    }

    [Fact]
    public async Task ApplyRemoteOffer_ChromiumDataChannels_OpenAndEchoAlongsideAudio()
    {
        var publisher = _transport.CreatePeerConnection();
        var opened = System.Threading.Channels.Channel.CreateUnbounded<string>();
        publisher.DataChannelAdded += (_, channel) =>
        {
            channel.MessageReceived += (ch, type, payload) =>
            {
                if (type == DataChannelMessageType.Text)
                {
                    ch.SendText("echo:" + System.Text.Encoding.UTF8.GetString(payload));
                }
                else
                {
                    ch.Send(payload);
                }
            };
            opened.Writer.TryWrite(channel.Label);
        };

        string offer = await _page.EvaluateAsync<string>(
            """
            async () => {
              window.pub = new RTCPeerConnection();
              const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
              stream.getTracks().forEach(t => window.pub.addTrack(t, stream));
              window.reliable = window.pub.createDataChannel('_reliable');
              window.lossy = window.pub.createDataChannel('_lossy', { ordered: false, maxRetransmits: 0 });
              window.reliable.binaryType = 'arraybuffer';
              const offer = await window.pub.createOffer();
              await window.pub.setLocalDescription(offer);
              return offer.sdp;
            }
            """);
        await _page.EvaluateAsync("sdp => window.pub.setRemoteDescription({ type: 'answer', sdp })", publisher.ApplyRemoteOffer(offer));

        var echoes = await _page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const open = ch => ch.readyState === 'open' ? Promise.resolve() : new Promise(r => ch.onopen = r);
              await open(window.reliable); await open(window.lossy);
              const next = ch => new Promise(r => ch.onmessage = m => r(m.data));
              const text = next(window.reliable);
              window.reliable.send('hello');
              const t = await text;
              const bin = next(window.reliable);
              window.reliable.send(new Uint8Array([1, 2, 3, 250]));
              const b = Array.from(new Uint8Array(await bin));
              const lossy = next(window.lossy);
              window.lossy.send('fast');
              return { text: t, binary: b, lossy: await lossy };
            }
            """);

        var labels = new[] { await opened.Reader.ReadAsync(), await opened.Reader.ReadAsync() };
        Assert.Equal(["_lossy", "_reliable"], labels.Order());
        Assert.Equal("echo:hello", echoes.GetProperty("text").GetString());
        Assert.Equal([1, 2, 3, 250], echoes.GetProperty("binary").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("echo:fast", echoes.GetProperty("lossy").GetString());
        Assert.Equal(PeerConnectionState.Connected, await WaitForStateAsync(publisher, PeerConnectionState.Connected));
    }

    // ICE nomination can trail the first DTLS/SCTP traffic by a moment, so the state is awaited, not sampled.
    private static async Task<PeerConnectionState> WaitForStateAsync(PeerConnection connection, PeerConnectionState wanted)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChange(PeerConnection _, PeerConnectionState state)
        {
            if (state == wanted)
            {
                reached.TrySetResult();
            }
        }

        connection.StateChanged += OnChange;
        try
        {
            if (connection.State != wanted)
            {
                await reached.Task.WaitAsync(Patience).ConfigureAwait(false);
            }
        }
        catch (TimeoutException)
        {
            // Fall through: the assertion reports the state it was left in.
        }
        finally
        {
            connection.StateChanged -= OnChange;
        }

        return connection.State;
    }

    [Fact]
    public async Task AddDataChannel_SubscriberConnection_ChromiumGetsServerOpenedLiveKitChannels()
    {
        var subscriber = _transport.CreatePeerConnection();
        var fromPage = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.DataChannelAdded += (_, channel) =>
        {
            channel.MessageReceived += (ch, type, payload) => fromPage.TrySetResult(ch.Label + ":" + System.Text.Encoding.UTF8.GetString(payload));
            channel.Opened += ch => ch.SendText("welcome on " + ch.Label);
        };
        subscriber.AddDataChannel(DataChannelOptions.LiveKitReliable);
        subscriber.AddDataChannel(DataChannelOptions.LiveKitLossy);

        string answer = await _page.EvaluateAsync<string>(
            """
            async sdp => {
              window.sub = new RTCPeerConnection();
              window.channels = {};
              window.messages = [];
              window.sub.ondatachannel = e => {
                const ch = e.channel;
                window.channels[ch.label] = { ordered: ch.ordered, maxRetransmits: ch.maxRetransmits };
                ch.onmessage = m => { window.messages.push(ch.label + '|' + m.data); if (ch.label === '_reliable') ch.send('thanks'); };
              };
              await window.sub.setRemoteDescription({ type: 'offer', sdp });
              const answer = await window.sub.createAnswer();
              await window.sub.setLocalDescription(answer);
              return answer.sdp;
            }
            """, subscriber.CreateOffer());
        subscriber.ApplyRemoteAnswer(answer);

        string reply = await fromPage.Task.WaitAsync(Patience);
        await _page.WaitForFunctionAsync("() => window.messages.length >= 2", null, new PageWaitForFunctionOptions { Timeout = (float)Patience.TotalMilliseconds });
        var channels = await _page.EvaluateAsync<JsonElement>("() => window.channels");
        var messages = await _page.EvaluateAsync<string[]>("() => window.messages.sort()");

        Assert.Equal("_reliable:thanks", reply);
        Assert.True(channels.GetProperty("_reliable").GetProperty("ordered").GetBoolean());
        Assert.False(channels.GetProperty("_lossy").GetProperty("ordered").GetBoolean());
        Assert.Equal(0, channels.GetProperty("_lossy").GetProperty("maxRetransmits").GetInt32());
        Assert.Equal(["_lossy|welcome on _lossy", "_reliable|welcome on _reliable"], messages);
        Assert.NotNull(subscriber.FindDataChannel("_reliable"));
    }

    private static MediaUdpTransport StartTransport(DtlsOptions? dtls)
    {
        var transport = new MediaUdpTransport(new MediaTransportOptions { Port = 0 }, TimeProvider.System, NullLoggerFactory.Instance, dtls);
        transport.Start();
        return transport;
    }

    private async Task SubscribeAsync(PeerConnection subscriber)
    {
        string answer = await _page.EvaluateAsync<string>(
            """
            async sdp => {
              window.sub = new RTCPeerConnection();
              window.received = [];
              window.sub.ontrack = e => {
                window.received.push({ streamId: e.streams[0]?.id ?? '', trackId: e.track.id, kind: e.track.kind });
                const element = document.createElement(e.track.kind);
                element.autoplay = true;
                element.muted = e.track.kind === 'video';
                element.srcObject = e.streams[0];
                document.body.appendChild(element);
              };
              await window.sub.setRemoteDescription({ type: 'offer', sdp });
              const answer = await window.sub.createAnswer();
              await window.sub.setLocalDescription(answer);
              return answer.sdp;
            }
            """, subscriber.CreateOffer());
        subscriber.ApplyRemoteAnswer(answer);
    }

    private async Task RenegotiateAsync(PeerConnection subscriber)
    {
        string answer = await _page.EvaluateAsync<string>(
            """
            async sdp => {
              await window.sub.setRemoteDescription({ type: 'offer', sdp });
              const answer = await window.sub.createAnswer();
              await window.sub.setLocalDescription(answer);
              return answer.sdp;
            }
            """, subscriber.CreateOffer());
        subscriber.ApplyRemoteAnswer(answer);
    }

    private async Task WaitForTrackEventsAsync(int count)
        => await _page.WaitForFunctionAsync($"() => window.received.length >= {count}", null, new PageWaitForFunctionOptions { Timeout = (float)Patience.TotalMilliseconds });

    /// <summary>
    /// Polls the subscriber's inbound-rtp stat of <paramref name="kind"/> until it reaches <paramref name="minimum"/>
    /// (getStats is asynchronous, so a polling loop rather than waitForFunction); returns the last value seen.
    /// </summary>
    private async Task<double> WaitForStatAsync(string kind, string stat, double minimum)
    {
        var deadline = DateTime.UtcNow + Patience;
        double value = 0;
        while (DateTime.UtcNow < deadline)
        {
            value = await _page.EvaluateAsync<double>(
                """
                async ([kind, stat]) => {
                  const report = await window.sub.getStats();
                  for (const s of report.values()) {
                    if (s.type === 'inbound-rtp' && s.kind === kind) {
                      return s[stat] ?? 0;
                    }
                  }
                  return 0;
                }
                """,
                new object[] { kind, stat });
            if (value >= minimum)
            {
                break;
            }

            await Task.Delay(200);
        }

        return value;
    }

    private Task<string> PublishMicrophoneAsync() => PublishAsync("""{"audio":true}""");

    private async Task<string> PublishAsync(string constraints) => await _page.EvaluateAsync<string>(
        """
        async constraints => {
          window.pub = new RTCPeerConnection();
          const stream = await navigator.mediaDevices.getUserMedia(JSON.parse(constraints));
          stream.getTracks().forEach(t => window.pub.addTrack(t, stream));
          const offer = await window.pub.createOffer();
          await window.pub.setLocalDescription(offer);
          return offer.sdp;
        }
        """, constraints);

    /// <summary>Polls the subscriber's getStats until bytes grow between polls and audioLevel is above 0.</summary>
    private async Task<(bool BytesGrew, double MaxAudioLevel)> WaitForInboundAudioAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        double lastBytes = -1;
        bool grew = false;
        double maxLevel = 0;
        while (DateTime.UtcNow < deadline && !(grew && maxLevel > 0))
        {
            var sample = await _page.EvaluateAsync<JsonElement>(
                """
                async () => {
                  const report = await window.sub.getStats();
                  for (const s of report.values()) {
                    if (s.type === 'inbound-rtp' && s.kind === 'audio') {
                      return { bytes: s.bytesReceived ?? 0, level: s.audioLevel ?? 0 };
                    }
                  }
                  return { bytes: 0, level: 0 };
                }
                """);
            double bytes = sample.GetProperty("bytes").GetDouble();
            grew |= lastBytes > 0 && bytes > lastBytes;
            lastBytes = bytes;
            maxLevel = Math.Max(maxLevel, sample.GetProperty("level").GetDouble());
            await Task.Delay(250);
        }

        return (grew, maxLevel);
    }

    private static SessionDescription SdpAnswerBuilderTestsParse(string text)
    {
        Assert.True(SessionDescription.TryParse(text, out var description, out string? error), error);
        return description!;
    }
}
