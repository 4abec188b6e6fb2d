using LiveKit.DevServer.Sdp;

namespace LiveKit.DevServer.Tests.Sdp;

public sealed class SdpParserTests
{
    [Fact]
    public void TryParse_ChromiumOffer_ReadsBundleTransportAndMedia()
    {
        Assert.True(SessionDescription.TryParse(SdpFixtures.ChromiumOfferAudioVideoData, out var offer, out string? error), error);

        Assert.Equal(["0", "1", "2"], offer!.BundleMids());
        Assert.True(offer.Has(SdpNames.ExtmapAllowMixed));
        Assert.Equal(3, offer.Media.Count);
        var (audio, video, data) = (offer.Media[0], offer.Media[1], offer.Media[2]);
        Assert.Equal((SdpMediaKind.Audio, "0", SdpMediaDirection.SendRecv), (audio.Kind, audio.Mid, audio.Direction));
        Assert.Equal(new SdpRtpMap(111, "opus", 48000, 2), audio.RtpMaps().First());
        Assert.Equal("minptime=10;useinbandfec=1", audio.Fmtp(111));
        Assert.Single(audio.Ssrcs());
        Assert.NotNull(audio.Msid()?.TrackId);
        Assert.Contains(audio.Extmaps(), e => e.Uri == SdpExtmap.MidUri);
        Assert.True(audio.Has(SdpNames.RtcpMux));
        Assert.Equal(SdpMediaKind.Video, video.Kind);
        Assert.Contains("nack pli", video.RtcpFeedback(96));
        Assert.Equal(2, video.Ssrcs().Count); // media + RTX (ssrc-group FID)
        Assert.Equal((SdpMediaKind.Application, 5000, 262144L), (data.Kind, data.SctpPort, data.MaxMessageSize));

        Assert.True(SdpRemoteTransport.TryRead(offer, out var remote, out error), error);
        Assert.Equal(SdpSetupRole.ActPass, remote!.Setup);
        Assert.StartsWith("sha-256 ", remote.Fingerprint, StringComparison.Ordinal);
        Assert.Equal(audio.GetValue(SdpNames.IceUfrag), remote.IceUfrag);
    }

    [Fact]
    public void ToString_ParsedOffer_RoundTripsWithCrlf()
    {
        var offer = SdpAnswerBuilderTests.Parse(SdpFixtures.ChromiumOfferAudioVideoData);

        string written = offer.ToString();

        Assert.DoesNotContain("\r\n\r\n", written, StringComparison.Ordinal);
        Assert.Equal(written.Split('\n').Length - 1, written.Split("\r\n").Length - 1);
        Assert.True(SessionDescription.TryParse(written, out var again, out _));
        Assert.Equal(written, again!.ToString());
        string normalised = SdpFixtures.ChromiumOfferAudioVideoData.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        Assert.Equal(normalised, written.Replace("\r\n", "\n", StringComparison.Ordinal).Trim());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("o=- 1 1 IN IP4 127.0.0.1\r\n", "v=0")]
    [InlineData("v=0\r\nthis is not sdp\r\n", "Line 2")]
    [InlineData("v=0\r\nm=audio notaport RTP/AVP 0\r\n", "m= line")]
    [InlineData("v=0\r\nm=audio 9\r\n", "m= line")]
    public void TryParse_Garbage_FailsWithSpecificError(string text, string expected)
    {
        Assert.False(SessionDescription.TryParse(text, out _, out string? error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Oversized_Fails()
    {
        string huge = "v=0\r\n" + new string('a', SessionDescription.MaxLength);

        Assert.False(SessionDescription.TryParse(huge, out _, out string? error));
        Assert.Contains("longer", error, StringComparison.Ordinal);
    }
}
