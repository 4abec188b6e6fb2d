using System.Net;
using System.Text;
using LiveKit.DevServer.Stun;
using LiveKit.DevServer.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LiveKit.DevServer.Tests.Transport;

/// <summary>The shared media port over real loopback UDP, driven by a fake ICE peer: routing, rejection, robustness.</summary>
public sealed class MediaUdpTransportTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private MediaUdpTransport _transport = null!;
    private FakeIcePeer _peer = null!;

    public Task InitializeAsync()
    {
        _transport = new MediaUdpTransport(new MediaTransportOptions { Port = 0, MaxPeerConnections = 3 }, _time, NullLoggerFactory.Instance);
        _transport.Start();
        _peer = new FakeIcePeer(_transport.LocalEndPoint);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _peer.Dispose();
        await _transport.DisposeAsync();
    }

    [Fact]
    public async Task Receive_GarbageOfEveryKind_DroppedCountedAndPortKeepsServing()
    {
        await _peer.SendRawAsync([0x00]); // STUN range, far too short
        await _peer.SendRawAsync([0x01, 0x01, 0x00, 0x08, 0x21, 0x12, 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0, 6, 0, 200]); // attribute overruns
        await _peer.SendRawAsync([0x05, 1, 2, 3]); // no protocol
        await _peer.SendRawAsync([0x16, 0xFE, 0xFD, 0, 0]); // DTLS, from an address no check validated
        await _peer.SendRawAsync([0x80, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 9, 9]); // RTP, unroutable
        await _peer.SendRawAsync([0x80, 200, 0, 1, 0, 0, 0, 1]); // RTCP, unroutable
        await _peer.SendRawAsync(new byte[3000]); // larger than the receive buffer; zeros look like STUN

        var response = await _peer.CheckAsync("nobody:peer", "whatever-password-123456");

        AssertErrorCode(response, 401);
        var counters = _transport.Counters;
        Assert.Equal(3, counters.MalformedStunDropped);
        Assert.Equal(1, counters.UnknownKindDropped);
        Assert.Equal(3, counters.UnroutableDropped);
        Assert.Equal(1, counters.UnknownUfragRejected);
        Assert.Equal(0, counters.HandlerFaults);
        Assert.Equal(8, counters.DatagramsReceived);
    }

    [Fact]
    public async Task Check_RightCredentials_SignedSuccessThenMediaIsRouted()
    {
        var pc = _transport.CreatePeerConnection();
        var ice = pc.LocalCredentials;

        var response = await _peer.CheckAsync(ice.Ufrag + ":peer", ice.Password);

        Assert.Equal(StunParseStatus.Success, StunMessage.TryParse(response, out var message, out _));
        Assert.Equal(StunMessageClass.SuccessResponse, message.Class);
        Assert.True(StunMessageIntegrity.Verify(message, Encoding.ASCII.GetBytes(ice.Password)));
        Assert.True(message.TryGetAttribute(StunAttributeType.XorMappedAddress, out var mapped));
        Assert.True(StunXorAddress.TryDecode(mapped.Value, message.TransactionId, out var endPoint));
        Assert.Equal(_peer.LocalEndPoint, endPoint);
        Assert.Equal(_peer.LocalEndPoint, pc.RemoteEndPoint);

        // Now the address is routed to the connection: SRTP before DTLS is counted there, not as unroutable.
        await _peer.SendRawAsync([0x80, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9]);
        await _peer.CheckAsync(ice.Ufrag + ":peer", ice.Password);
        Assert.Equal(1, pc.Counters.MediaBeforeKeysDropped);
        Assert.Equal(0, _transport.Counters.UnroutableDropped);
        Assert.Equal(2, pc.Counters.StunChecksAnswered);
    }

    [Fact]
    public async Task Check_WrongPassword_Unauthorized()
    {
        var pc = _transport.CreatePeerConnection();

        var response = await _peer.CheckAsync(pc.LocalCredentials.Ufrag + ":peer", "not-the-password-0123456789");

        AssertErrorCode(response, 401);
        Assert.Equal(1, pc.Counters.StunChecksRejected);
        Assert.Null(pc.RemoteEndPoint);
    }

    [Fact]
    public async Task ConsentTimeout_PeerVanishes_ConnectionFailsAndLeavesThePort()
    {
        var pc = _transport.CreatePeerConnection();
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pc.StateChanged += (_, state) =>
        {
            if (state == PeerConnectionState.Failed)
            {
                failed.TrySetResult();
            }
        };
        await _peer.CheckAsync(pc.LocalCredentials.Ufrag + ":peer", pc.LocalCredentials.Password);

        // The peer stops sending consent checks (RFC 7675): 30 s later the connection fails.
        for (int second = 0; second < 31; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await failed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(PeerConnectionState.Failed, pc.State);
        Assert.Equal(0, _transport.PeerConnectionCount);
        AssertErrorCode(await _peer.CheckAsync(pc.LocalCredentials.Ufrag + ":peer", pc.LocalCredentials.Password), 401);
    }

    [Fact]
    public async Task CreatePeerConnection_AtLimit_Refused()
    {
        await using var a = _transport.CreatePeerConnection();
        await using var b = _transport.CreatePeerConnection();
        var c = _transport.CreatePeerConnection();

        var ex = Assert.Throws<InvalidOperationException>(() => _transport.CreatePeerConnection());
        Assert.Contains("MaxPeerConnections", ex.Message, StringComparison.Ordinal);

        await c.CloseAsync();
        await using var d = _transport.CreatePeerConnection();
        Assert.Equal(3, _transport.PeerConnectionCount);
    }

    [Fact]
    public async Task ApplyRemoteOffer_Garbage_ThrowsSpecificErrorAndConnectionStaysUsable()
    {
        await using var pc = _transport.CreatePeerConnection();

        var ex = Assert.Throws<SdpNegotiationException>(() => pc.ApplyRemoteOffer("this is not sdp"));

        Assert.Contains("Line 1 is not of the form", ex.Message, StringComparison.Ordinal);
        Assert.Equal(PeerConnectionState.New, pc.State);
        Assert.Contains("a=ice-lite", pc.ApplyRemoteOffer(Sdp.SdpFixtures.ChromiumOfferAudioVideoData), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BindAddress", "not-an-ip", null)]
    [InlineData("AdvertisedAddress", "0.0.0.0", null)]
    [InlineData("AdvertisedAddress", "127.0.0.1", "nope")]
    public void Validate_BadAddress_NamesTheSetting(string setting, string bind, string? advertised)
    {
        var options = new MediaTransportOptions { BindAddress = bind, AdvertisedAddress = advertised };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
    }

    private static void AssertErrorCode(byte[] response, int code)
    {
        Assert.Equal(StunParseStatus.Success, StunMessage.TryParse(response, out var message, out _));
        Assert.Equal(StunMessageClass.ErrorResponse, message.Class);
        Assert.True(message.TryGetAttribute(StunAttributeType.ErrorCode, out var error));
        Assert.True(StunErrorCode.TryDecode(error.Value, out int actual, out _));
        Assert.Equal(code, actual);
    }
}
