using System.Net;
using LiveKit.DevServer.Sdp;

namespace LiveKit.DevServer.Tests.Sdp;

public sealed class SdpAnswerBuilderTests
{
    internal static readonly SdpLocalParameters Local = new(
        "srvUfrag01234567", "srvPassword0123456789abcdefghijkl",
        "sha-256 AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99",
        new IPEndPoint(IPAddress.Loopback, 7882), 42);

    [Fact]
    public void TryBuild_ChromiumOffer_AcceptsOpusVp8AndDataAsReceiver()
    {
        var offer = Parse(SdpFixtures.ChromiumOfferAudioVideoData);

        Assert.True(SdpAnswerBuilder.TryBuild(offer, Local, new SdpAnswerOptions(), 1, out var answer, out string? error), error);

        var description = Parse(answer!.Description.ToString());
        Assert.Equal(["0", "1", "2"], description.BundleMids());
        Assert.True(description.Has(SdpNames.IceLite));
        Assert.Equal(3, description.Media.Count);
        foreach (var media in description.Media)
        {
            Assert.Equal(7882, media.Port);
            Assert.Equal("IN IP4 127.0.0.1", media.Connection);
            Assert.Equal("passive", media.GetValue(SdpNames.Setup));
            Assert.Equal(Local.IceUfrag, media.GetValue(SdpNames.IceUfrag));
            Assert.Equal(Local.Fingerprint, media.GetValue(SdpNames.Fingerprint));
            Assert.Equal("1 1 udp 2130706431 127.0.0.1 7882 typ host generation 0", media.GetValue(SdpNames.Candidate));
        }

        var audio = description.Media[0];
        Assert.Equal(["111"], audio.Formats);
        Assert.Equal(SdpMediaDirection.RecvOnly, audio.Direction);
        Assert.Equal("opus", audio.RtpMaps().Single().EncodingName);
        Assert.True(audio.Has(SdpNames.RtcpMux));
        Assert.Contains(audio.Extmaps(), e => e.Uri == SdpExtmap.MidUri);
        Assert.DoesNotContain(audio.Extmaps(), e => e.Uri.Contains("transport-wide-cc", StringComparison.Ordinal));
        var video = description.Media[1];
        Assert.Equal(["96"], video.Formats);
        Assert.Equal(SdpMediaDirection.RecvOnly, video.Direction);
        Assert.Contains("nack pli", video.RtcpFeedback(96));
        var data = description.Media[2];
        Assert.Equal(("UDP/DTLS/SCTP", 5000), (data.Protocol, data.SctpPort));

        var sections = answer.Sections;
        Assert.Equal(offer.Media[0].Ssrcs(), sections[0].RemoteSsrcs);
        Assert.Equal(offer.Media[0].Msid()!.Value.TrackId, sections[0].TrackId);
        Assert.Single(sections[1].RemoteSsrcs); // the RTX SSRC of the FID group is not a media SSRC
        Assert.Equal((111, SdpCodec.Opus), (sections[0].PayloadType, sections[0].Codec));
        Assert.NotNull(sections[0].MidExtensionId);
        Assert.Equal(SdpSetupRole.ActPass, answer.Remote.Setup);
    }

    [Fact]
    public void TryBuild_RecvOnlyAndUnsupportedSections_InactiveOrRejected()
    {
        var offer = Parse(SdpFixtures.RecvOnlySectionsOffer);

        Assert.True(SdpAnswerBuilder.TryBuild(offer, Local, new SdpAnswerOptions(), 1, out var answer, out string? error), error);

        var media = answer!.Description.Media;
        Assert.Equal(["0", "7", "8", "9"], media.Select(m => m.Mid));
        Assert.Equal(SdpMediaDirection.Inactive, media[1].Direction);
        Assert.Equal(SdpMediaDirection.Inactive, media[2].Direction);
        Assert.Equal(0, media[3].Port); // H264 only: rejected, mid kept
        Assert.Equal(["0", "7", "8"], answer.Description.BundleMids());
        Assert.False(answer.Sections[3].Accepted);
        Assert.Empty(answer.Sections[1].RemoteSsrcs);
    }

    [Fact]
    public void TryBuild_VideoDisabled_RejectsVideo()
    {
        var offer = Parse(SdpFixtures.ChromiumOfferAudioVideoData);

        Assert.True(SdpAnswerBuilder.TryBuild(offer, Local, new SdpAnswerOptions { VideoCodecs = [] }, 1, out var answer, out _));

        Assert.Equal(0, answer!.Description.Media[1].Port);
        Assert.Equal(["0", "2"], answer.Description.BundleMids());
    }

    [Fact]
    public void TryBuild_OfferWantsUsToBeDtlsClient_Fails()
    {
        var offer = Parse(SdpFixtures.ChromiumOfferAudioVideoData.Replace("a=setup:actpass", "a=setup:passive", StringComparison.Ordinal));

        Assert.False(SdpAnswerBuilder.TryBuild(offer, Local, new SdpAnswerOptions(), 1, out _, out string? error));
        Assert.Contains("setup:passive", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryBuild_NoFingerprint_Fails()
    {
        var lines = SdpFixtures.ChromiumOfferAudioVideoData.Split('\n').Where(l => !l.StartsWith("a=fingerprint", StringComparison.Ordinal));
        var offer = Parse(string.Join('\n', lines));

        Assert.False(SdpAnswerBuilder.TryBuild(offer, Local, new SdpAnswerOptions(), 1, out _, out string? error));
        Assert.Contains("fingerprint", error, StringComparison.Ordinal);
    }

    internal static SessionDescription Parse(string text)
    {
        Assert.True(SessionDescription.TryParse(text, out var description, out string? error), error);
        return description!;
    }
}
