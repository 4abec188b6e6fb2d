using LiveKit.DevServer.Sdp;

namespace LiveKit.DevServer.Tests.Sdp;

public sealed class SubscriberOfferBuilderTests
{
    private static readonly ForwardedTrackDescription Mic = new("PA_alice", "TR_mic", SdpMediaKind.Audio, 1111, "alice");
    private static readonly ForwardedTrackDescription Mic2 = new("PA_bob", "TR_mic2", SdpMediaKind.Audio, 2222, "bob");
    private static readonly ForwardedTrackDescription Cam = new("PA_bob", "TR_cam", SdpMediaKind.Video, 3333, "bob");

    [Fact]
    public void CreateOffer_DataOnly_HasApplicationSectionActPassAndIceLite()
    {
        var builder = new SubscriberOfferBuilder(includeDataChannel: true);

        var offer = SdpAnswerBuilderTests.Parse(builder.CreateOffer(SdpAnswerBuilderTests.Local).ToString());

        Assert.Equal(["0"], offer.BundleMids());
        Assert.True(offer.Has(SdpNames.IceLite));
        var data = Assert.Single(offer.Media);
        Assert.Equal((SdpMediaKind.Application, "actpass", 5000), (data.Kind, data.GetValue(SdpNames.Setup), data.SctpPort));
    }

    [Fact]
    public void CreateOffer_WithTrack_SendOnlyWithLiveKitMsidAndSsrc()
    {
        var builder = new SubscriberOfferBuilder(includeDataChannel: true);
        builder.AddTrack(Mic);

        var offer = SdpAnswerBuilderTests.Parse(builder.CreateOffer(SdpAnswerBuilderTests.Local).ToString());

        var audio = offer.Media[1];
        Assert.Equal(("1", SdpMediaDirection.SendOnly), (audio.Mid, audio.Direction));
        Assert.Equal("PA_alice|TR_mic TR_mic", audio.GetValue(SdpNames.Msid));
        Assert.Equal(("PA_alice|TR_mic", "TR_mic"), audio.Msid()!.Value);
        Assert.Equal([1111u], audio.Ssrcs());
        Assert.Contains(audio.SsrcLines(), l => l.Attribute == "cname" && l.Value == "alice");
        Assert.Equal(new SdpRtpMap(111, "opus", 48000, 2), audio.RtpMaps().Single());
        Assert.Equal(["0", "1"], offer.BundleMids());
    }

    [Fact]
    public void RemoveThenAdd_Renegotiation_KeepsMidsAndRecyclesSection()
    {
        var builder = new SubscriberOfferBuilder(includeDataChannel: true);
        builder.AddTrack(Mic);
        builder.AddTrack(Cam);
        var first = builder.CreateOffer(SdpAnswerBuilderTests.Local);

        builder.RemoveTrack("TR_mic");
        var second = SdpAnswerBuilderTests.Parse(builder.CreateOffer(SdpAnswerBuilderTests.Local).ToString());
        var reused = builder.AddTrack(Mic2);
        var third = SdpAnswerBuilderTests.Parse(builder.CreateOffer(SdpAnswerBuilderTests.Local).ToString());

        Assert.Equal(["0", "1", "2"], first.Media.Select(m => m.Mid));
        Assert.Equal(SdpMediaDirection.Inactive, second.Media[1].Direction);
        Assert.Empty(second.Media[1].Ssrcs());
        Assert.Null(second.Media[1].GetValue(SdpNames.Msid));
        Assert.Equal("1", reused.Mid);
        Assert.Equal(["0", "1", "2"], third.Media.Select(m => m.Mid));
        Assert.Equal("PA_bob|TR_mic2 TR_mic2", third.Media[1].GetValue(SdpNames.Msid));
        Assert.Equal(SdpMediaDirection.SendOnly, third.Media[2].Direction);
        Assert.Contains(" 3 IN IP4", third.Origin, StringComparison.Ordinal); // session version went 1, 2, 3
    }

    [Fact]
    public void TryApplyAnswer_ValidActiveAnswer_ReadsRemoteTransport()
    {
        var builder = new SubscriberOfferBuilder(includeDataChannel: true);
        builder.AddTrack(Mic);
        builder.CreateOffer(SdpAnswerBuilderTests.Local);

        Assert.True(builder.TryApplyAnswer(Answer(["0", "1"]), out var remote, out string? error), error);
        Assert.Equal(("cliUfrag", SdpSetupRole.Active), (remote!.IceUfrag, remote.Setup));
    }

    [Fact]
    public void TryApplyAnswer_WrongMidsOrPassive_Fails()
    {
        var builder = new SubscriberOfferBuilder(includeDataChannel: true);
        builder.AddTrack(Mic);
        builder.CreateOffer(SdpAnswerBuilderTests.Local);

        Assert.False(builder.TryApplyAnswer(Answer(["0"]), out _, out string? error));
        Assert.Contains("m= sections", error, StringComparison.Ordinal);
        Assert.False(builder.TryApplyAnswer(Answer(["0", "5"]), out _, out error));
        Assert.Contains("mid '5'", error, StringComparison.Ordinal);
        Assert.False(builder.TryApplyAnswer(Answer(["0", "1"], setup: "passive"), out _, out error));
        Assert.Contains("active", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryApplyAnswer_RejectedSection_NeverReused()
    {
        var builder = new SubscriberOfferBuilder(includeDataChannel: true);
        builder.AddTrack(Mic);
        builder.CreateOffer(SdpAnswerBuilderTests.Local);

        Assert.True(builder.TryApplyAnswer(Answer(["0", "1"], rejectSecond: true), out _, out _));
        var section = builder.AddTrack(Mic2);
        var offer = SdpAnswerBuilderTests.Parse(builder.CreateOffer(SdpAnswerBuilderTests.Local).ToString());

        Assert.Equal("2", section.Mid);
        Assert.Equal(0, offer.Media[1].Port);
        Assert.Equal(["0", "2"], offer.BundleMids());
    }

    private static SessionDescription Answer(string[] mids, string setup = "active", bool rejectSecond = false)
    {
        var lines = new List<string> { "v=0", "o=- 5 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE " + string.Join(' ', mids) };
        for (int i = 0; i < mids.Length; i++)
        {
            bool application = i == 0;
            int port = rejectSecond && i == 1 ? 0 : 9;
            lines.Add(application ? $"m=application {port} UDP/DTLS/SCTP webrtc-datachannel" : $"m=audio {port} UDP/TLS/RTP/SAVPF 111");
            lines.Add("a=mid:" + mids[i]);
            lines.Add("a=ice-ufrag:cliUfrag");
            lines.Add("a=ice-pwd:cliPassword0123456789abcd");
            lines.Add("a=fingerprint:sha-256 D0:CC:F1:EA:97:E1:01:61:8E:22:02:4E:D1:4A:5C:33:DC:BF:EC:1C:05:C8:16:EA:8F:FC:4F:9B:FC:D7:7C:CD");
            lines.Add("a=setup:" + setup);
        }

        return SdpAnswerBuilderTests.Parse(string.Join("\r\n", lines) + "\r\n");
    }
}
