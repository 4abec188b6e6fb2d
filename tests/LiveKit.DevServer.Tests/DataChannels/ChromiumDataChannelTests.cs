using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using LiveKit.DevServer.DataChannels;
using LiveKit.DevServer.Sctp;
using LiveKit.DevServer.Tests.Transport;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveKit.DevServer.Tests.DataChannels;

/// <summary>
/// Our DTLS + SCTP + DCEP stack against real Chromium (Debian's, headless): a page's raw RTCPeerConnection opens the
/// LiveKit channels (<c>_reliable</c> ordered, <c>_lossy</c> unordered with maxRetransmits 0) to us over loopback;
/// we echo; we open channels to the page; channels close both ways by stream reset.
/// </summary>
public sealed class ChromiumDataChannelTests : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ChromiumFixture _chromium;
    private readonly ITestOutputHelper _output;
    private LoopbackDataChannelPeer _server = null!;
    private IPage _page = null!;

    public ChromiumDataChannelTests(ChromiumFixture chromium, ITestOutputHelper output)
    {
        _chromium = chromium;
        _output = output;
    }

    public async Task InitializeAsync()
    {
        _server = new LoopbackDataChannelPeer();
        _page = await _chromium.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _page.Context.CloseAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ChromiumOpensLiveKitChannels_ServerEchoes_TextBinaryAnd64KiB()
    {
        var opened = Channel.CreateUnbounded<DataChannel>();
        string offer = await _page.EvaluateAsync<string>(
            """
            async () => {
              window.pc = new RTCPeerConnection();
              window.reliable = pc.createDataChannel('_reliable');
              window.lossy = pc.createDataChannel('_lossy', { ordered: false, maxRetransmits: 0 });
              reliable.binaryType = 'arraybuffer';
              const offer = await pc.createOffer();
              await pc.setLocalDescription(offer);
              return offer.sdp;
            }
            """);
        string answer = _server.Answer(offer);
        DataChannelTransport transport = _server.Transport!;
        transport.Channels.RemoteChannelOpened += channel =>
        {
            channel.MessageReceived += Echo;
            opened.Writer.TryWrite(channel);
        };
        Task<bool> sctpUp = transport.StartAsync(CancellationToken.None);
        await _page.EvaluateAsync("sdp => pc.setRemoteDescription({ type: 'answer', sdp })", answer);
        Assert.True(await sctpUp.WaitAsync(Patience));

        DataChannel first = await opened.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        DataChannel second = await opened.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        var byLabel = new[] { first, second }.ToDictionary(c => c.Label);
        Assert.True(byLabel["_reliable"].Options.Ordered);
        Assert.Null(byLabel["_reliable"].Options.MaxRetransmits);
        Assert.False(byLabel["_lossy"].Options.Ordered);
        Assert.Equal(0, byLabel["_lossy"].Options.MaxRetransmits);
        // Chromium is the DTLS client here (we answered a=setup:passive): even stream ids (RFC 8832 §6).
        Assert.All(byLabel.Values, c => Assert.Equal(0, c.Id % 2));

        JsonElement result = await _page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const open = ch => ch.readyState === 'open' ? Promise.resolve() : new Promise(r => ch.onopen = r);
              await open(reliable); await open(lossy);
              const collect = (ch, n) => new Promise(resolve => {
                const got = [];
                ch.onmessage = m => { got.push(m.data); if (got.length === n) resolve(got); };
              });
              const reliableEchoes = collect(reliable, 3);
              const lossyEchoes = collect(lossy, 3);
              const big = new Uint8Array(65536);
              for (let i = 0; i < big.length; i++) big[i] = (i * 31 + 7) & 0xff;
              reliable.send('hello from chromium');
              reliable.send(big);
              reliable.send('');
              lossy.send('l1'); lossy.send('l2'); lossy.send('l3');
              const r = await reliableEchoes;
              const l = await lossyEchoes;
              const echoedBig = new Uint8Array(r[1]);
              let same = echoedBig.length === big.length;
              for (let i = 0; same && i < big.length; i++) same = echoedBig[i] === big[i];
              return { text: r[0], bigLength: echoedBig.length, bigSame: same, empty: r[2], lossy: l.sort() };
            }
            """);

        Assert.Equal("hello from chromium", result.GetProperty("text").GetString());
        Assert.Equal(65536, result.GetProperty("bigLength").GetInt32());
        Assert.True(result.GetProperty("bigSame").GetBoolean());
        Assert.Equal("", result.GetProperty("empty").GetString());
        Assert.Equal(["l1", "l2", "l3"], result.GetProperty("lossy").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, transport.Association.Counters.MalformedPacketsDropped);
        Assert.Equal(0, transport.Channels.Counters.MalformedDcepDropped);

        // The captured INIT: a well-formed, checksummed packet from Chromium's SCTP stack.
        byte[] init = _server.FirstSctpPacket!;
        _output.WriteLine($"Chromium SCTP INIT: {Convert.ToHexString(init)}");
        Assert.Equal(OperationStatus.Done, SctpPacket.Validate(init, out SctpCommonHeader header));
        Assert.Equal((5000, 5000, 0u), (header.SourcePort, header.DestinationPort, header.VerificationTag));
        Assert.Equal((byte)SctpChunkType.Init, init[SctpCommonHeader.Size]);
    }

    [Fact]
    public async Task ServerOpensChannels_ChromiumReceivesThemAndEchoes_ThenClosesBothWays()
    {
        string offer = await _page.EvaluateAsync<string>(
            """
            async () => {
              window.pc = new RTCPeerConnection();
              window.fromServer = [];
              window.closedLabels = []; // not 'closed': window.closed is a built-in
              pc.ondatachannel = e => {
                const ch = e.channel;
                ch.binaryType = 'arraybuffer';
                fromServer.push({ label: ch.label, id: ch.id, ordered: ch.ordered, maxRetransmits: ch.maxRetransmits });
                ch.onmessage = m => ch.send(m.data);
                ch.onclose = () => closedLabels.push(ch.label);
              };
              // A channel is needed for the offer to carry an m=application section.
              window.control = pc.createDataChannel('control');
              control.onclose = () => closedLabels.push('control');
              const offer = await pc.createOffer();
              await pc.setLocalDescription(offer);
              return offer.sdp;
            }
            """);
        string answer = _server.Answer(offer);
        DataChannelTransport transport = _server.Transport!;
        var controlOpened = new TaskCompletionSource<DataChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.Channels.RemoteChannelOpened += c => controlOpened.TrySetResult(c);
        Task<bool> sctpUp = transport.StartAsync(CancellationToken.None);
        await _page.EvaluateAsync("sdp => pc.setRemoteDescription({ type: 'answer', sdp })", answer);
        Assert.True(await sctpUp.WaitAsync(Patience));

        DataChannel reliable = transport.Channels.CreateChannel(DataChannelOptions.LiveKitReliable);
        DataChannel lossy = transport.Channels.CreateChannel(DataChannelOptions.LiveKitLossy);
        var echoes = Channel.CreateUnbounded<(string Label, DataChannelMessageType Type, byte[] Payload)>();
        reliable.MessageReceived += (c, t, p) => echoes.Writer.TryWrite((c.Label, t, p.ToArray()));
        lossy.MessageReceived += (c, t, p) => echoes.Writer.TryWrite((c.Label, t, p.ToArray()));
        await _page.WaitForFunctionAsync("() => fromServer.length === 2", null, new() { Timeout = (float)Patience.TotalMilliseconds });

        Assert.Equal(SctpSendStatus.Queued, reliable.SendText("to chromium"));
        Assert.Equal(SctpSendStatus.Queued, lossy.Send([1, 2, 3]));
        var got = new List<(string Label, DataChannelMessageType Type, byte[] Payload)>();
        for (int i = 0; i < 2; i++)
        {
            got.Add(await echoes.Reader.ReadAsync().AsTask().WaitAsync(Patience));
        }

        JsonElement fromServer = await _page.EvaluateAsync<JsonElement>("() => fromServer");
        var seen = fromServer.EnumerateArray()
            .Select(e => (e.GetProperty("label").GetString(), e.GetProperty("id").GetInt32(), e.GetProperty("ordered").GetBoolean()))
            .ToList();
        Assert.Equal([("_reliable", 1, true), ("_lossy", 3, false)], seen);
        Assert.Equal(0, fromServer[1].GetProperty("maxRetransmits").GetInt32());
        Assert.Contains(("_reliable", DataChannelMessageType.Text, "to chromium"), got.Select(g => (g.Label, g.Type, Encoding.UTF8.GetString(g.Payload))));
        Assert.Contains(got, g => g.Label == "_lossy" && g.Type == DataChannelMessageType.Binary && g.Payload.SequenceEqual(new byte[] { 1, 2, 3 }));

        // We close ours: Chromium sees onclose (it answered our stream reset and reset its side).
        reliable.Close();
        await _page.WaitForFunctionAsync("() => closedLabels.includes('_reliable')", null, new() { Timeout = (float)Patience.TotalMilliseconds });

        // Chromium closes its own: our channel closes.
        DataChannel control = await controlOpened.Task.WaitAsync(Patience);
        var controlClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        control.Closed += _ => controlClosed.TrySetResult();
        if (control.State == DataChannelState.Closed)
        {
            controlClosed.TrySetResult();
        }

        await _page.EvaluateAsync("() => control.close()");
        await controlClosed.Task.WaitAsync(Patience);
        Assert.Equal(DataChannelState.Open, lossy.State);
        Assert.True(transport.Association.Counters.StreamResetsReceived >= 1);
    }

    private static void Echo(DataChannel channel, DataChannelMessageType type, ReadOnlySpan<byte> payload)
    {
        if (type == DataChannelMessageType.Text)
        {
            channel.SendText(Encoding.UTF8.GetString(payload));
        }
        else
        {
            channel.Send(payload);
        }
    }
}
