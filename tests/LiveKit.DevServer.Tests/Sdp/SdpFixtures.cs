namespace LiveKit.DevServer.Tests.Sdp;

/// <summary>
/// Descriptions captured from the Debian Chromium 156 used by the tests (headless, fake devices): an offer with a
/// microphone, a camera and a data channel, exactly as <c>createOffer</c> produced it (line endings normalised).
/// </summary>
internal static class SdpFixtures
{
    public const string ChromiumOfferAudioVideoData = """
        v=0
        o=- 3496729716668044574 2 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE 0 1 2
        a=extmap-allow-mixed
        a=msid-semantic: WMS e75dddbf-d001-4ab7-9b07-981714769446
        m=audio 38368 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126
        c=IN IP4 127.0.0.1
        a=rtcp:9 IN IP4 0.0.0.0
        a=candidate:4211699579 1 udp 2122194687 127.0.0.1 38368 typ host generation 0 network-id 3 network-cost 50
        a=candidate:1429532919 1 udp 2122063615 192.0.2.2 44736 typ host generation 0 network-id 1
        a=candidate:3591420832 1 udp 2122267903 ::1 41552 typ host generation 0 network-id 4 network-cost 50
        a=candidate:1380359239 1 udp 2122134271 fd00::2 39186 typ host generation 0 network-id 2
        a=candidate:2244382179 1 tcp 1518214911 127.0.0.1 9 typ host tcptype active generation 0 network-id 3 network-cost 50
        a=candidate:737874543 1 tcp 1518083839 192.0.2.2 9 typ host tcptype active generation 0 network-id 1
        a=candidate:2833209656 1 tcp 1518288127 ::1 9 typ host tcptype active generation 0 network-id 4 network-cost 50
        a=candidate:747208415 1 tcp 1518154495 fd00::2 9 typ host tcptype active generation 0 network-id 2
        a=ice-ufrag:XQmz
        a=ice-pwd:NNyK7KWz/qeiulcilaDj+7dS
        a=ice-options:trickle
        a=fingerprint:sha-256 3B:A1:51:37:9B:2F:CA:94:CA:F9:ED:57:36:C3:0D:5B:3B:B5:89:F3:5B:A4:82:01:28:16:15:03:AF:EC:70:DE
        a=setup:actpass
        a=mid:0
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
        a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
        a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
        a=sendrecv
        a=msid:e75dddbf-d001-4ab7-9b07-981714769446 e54bc9d7-dd75-4309-9f83-3c22f7ef9113
        a=rtcp-mux
        a=rtcp-rsize
        a=rtcp-xr:rcvr-rtt=all
        a=rtpmap:111 opus/48000/2
        a=rtcp-fb:111 transport-cc
        a=fmtp:111 minptime=10;useinbandfec=1
        a=rtpmap:63 red/48000/2
        a=fmtp:63 111/111
        a=rtpmap:9 G722/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:13 CN/8000
        a=rtpmap:110 telephone-event/48000
        a=rtpmap:126 telephone-event/8000
        a=ssrc:4084760941 cname:bHSBD4ae66uSGw2e
        a=ssrc:4084760941 msid:e75dddbf-d001-4ab7-9b07-981714769446 e54bc9d7-dd75-4309-9f83-3c22f7ef9113
        m=video 43036 UDP/TLS/RTP/SAVPF 96 97 102 103 104 107 108 109 114 115 116 117 39 40 45 46 98 99 100 101 118 119 120
        c=IN IP4 127.0.0.1
        a=rtcp:9 IN IP4 0.0.0.0
        a=candidate:4211699579 1 udp 2122194687 127.0.0.1 43036 typ host generation 0 network-id 3 network-cost 50
        a=candidate:1429532919 1 udp 2122063615 192.0.2.2 56589 typ host generation 0 network-id 1
        a=candidate:3591420832 1 udp 2122267903 ::1 45059 typ host generation 0 network-id 4 network-cost 50
        a=candidate:1380359239 1 udp 2122134271 fd00::2 33908 typ host generation 0 network-id 2
        a=candidate:2244382179 1 tcp 1518214911 127.0.0.1 9 typ host tcptype active generation 0 network-id 3 network-cost 50
        a=candidate:737874543 1 tcp 1518083839 192.0.2.2 9 typ host tcptype active generation 0 network-id 1
        a=candidate:2833209656 1 tcp 1518288127 ::1 9 typ host tcptype active generation 0 network-id 4 network-cost 50
        a=candidate:747208415 1 tcp 1518154495 fd00::2 9 typ host tcptype active generation 0 network-id 2
        a=ice-ufrag:XQmz
        a=ice-pwd:NNyK7KWz/qeiulcilaDj+7dS
        a=ice-options:trickle
        a=fingerprint:sha-256 3B:A1:51:37:9B:2F:CA:94:CA:F9:ED:57:36:C3:0D:5B:3B:B5:89:F3:5B:A4:82:01:28:16:15:03:AF:EC:70:DE
        a=setup:actpass
        a=mid:1
        a=extmap:14 urn:ietf:params:rtp-hdrext:toffset
        a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
        a=extmap:13 urn:3gpp:video-orientation
        a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay
        a=extmap:6 http://www.webrtc.org/experiments/rtp-hdrext/video-content-type
        a=extmap:7 http://www.webrtc.org/experiments/rtp-hdrext/video-timing
        a=extmap:8 http://www.webrtc.org/experiments/rtp-hdrext/color-space
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
        a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
        a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
        a=sendrecv
        a=msid:e75dddbf-d001-4ab7-9b07-981714769446 70c4594e-1c9d-429c-a5e0-8e5417e45be4
        a=rtcp-mux
        a=rtcp-rsize
        a=rtcp-xr:rcvr-rtt=all
        a=rtpmap:96 VP8/90000
        a=rtcp-fb:96 goog-remb
        a=rtcp-fb:96 transport-cc
        a=rtcp-fb:96 ccm fir
        a=rtcp-fb:96 nack
        a=rtcp-fb:96 nack pli
        a=rtpmap:97 rtx/90000
        a=fmtp:97 apt=96
        a=rtpmap:102 H264/90000
        a=rtcp-fb:102 goog-remb
        a=rtcp-fb:102 transport-cc
        a=rtcp-fb:102 ccm fir
        a=rtcp-fb:102 nack
        a=rtcp-fb:102 nack pli
        a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f
        a=rtpmap:103 rtx/90000
        a=fmtp:103 apt=102
        a=rtpmap:104 H264/90000
        a=rtcp-fb:104 goog-remb
        a=rtcp-fb:104 transport-cc
        a=rtcp-fb:104 ccm fir
        a=rtcp-fb:104 nack
        a=rtcp-fb:104 nack pli
        a=fmtp:104 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f
        a=rtpmap:107 rtx/90000
        a=fmtp:107 apt=104
        a=rtpmap:108 H264/90000
        a=rtcp-fb:108 goog-remb
        a=rtcp-fb:108 transport-cc
        a=rtcp-fb:108 ccm fir
        a=rtcp-fb:108 nack
        a=rtcp-fb:108 nack pli
        a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f
        a=rtpmap:109 rtx/90000
        a=fmtp:109 apt=108
        a=rtpmap:114 H264/90000
        a=rtcp-fb:114 goog-remb
        a=rtcp-fb:114 transport-cc
        a=rtcp-fb:114 ccm fir
        a=rtcp-fb:114 nack
        a=rtcp-fb:114 nack pli
        a=fmtp:114 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f
        a=rtpmap:115 rtx/90000
        a=fmtp:115 apt=114
        a=rtpmap:116 H264/90000
        a=rtcp-fb:116 goog-remb
        a=rtcp-fb:116 transport-cc
        a=rtcp-fb:116 ccm fir
        a=rtcp-fb:116 nack
        a=rtcp-fb:116 nack pli
        a=fmtp:116 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f
        a=rtpmap:117 rtx/90000
        a=fmtp:117 apt=116
        a=rtpmap:39 H264/90000
        a=rtcp-fb:39 goog-remb
        a=rtcp-fb:39 transport-cc
        a=rtcp-fb:39 ccm fir
        a=rtcp-fb:39 nack
        a=rtcp-fb:39 nack pli
        a=fmtp:39 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=4d001f
        a=rtpmap:40 rtx/90000
        a=fmtp:40 apt=39
        a=rtpmap:45 AV1/90000
        a=rtcp-fb:45 goog-remb
        a=rtcp-fb:45 transport-cc
        a=rtcp-fb:45 ccm fir
        a=rtcp-fb:45 nack
        a=rtcp-fb:45 nack pli
        a=fmtp:45 level-idx=5;profile=0;tier=0
        a=rtpmap:46 rtx/90000
        a=fmtp:46 apt=45
        a=rtpmap:98 VP9/90000
        a=rtcp-fb:98 goog-remb
        a=rtcp-fb:98 transport-cc
        a=rtcp-fb:98 ccm fir
        a=rtcp-fb:98 nack
        a=rtcp-fb:98 nack pli
        a=fmtp:98 profile-id=0
        a=rtpmap:99 rtx/90000
        a=fmtp:99 apt=98
        a=rtpmap:100 VP9/90000
        a=rtcp-fb:100 goog-remb
        a=rtcp-fb:100 transport-cc
        a=rtcp-fb:100 ccm fir
        a=rtcp-fb:100 nack
        a=rtcp-fb:100 nack pli
        a=fmtp:100 profile-id=2
        a=rtpmap:101 rtx/90000
        a=fmtp:101 apt=100
        a=rtpmap:118 red/90000
        a=rtpmap:119 rtx/90000
        a=fmtp:119 apt=118
        a=rtpmap:120 ulpfec/90000
        a=ssrc-group:FID 690477960 238007783
        a=ssrc:690477960 cname:bHSBD4ae66uSGw2e
        a=ssrc:690477960 msid:e75dddbf-d001-4ab7-9b07-981714769446 70c4594e-1c9d-429c-a5e0-8e5417e45be4
        a=ssrc:238007783 cname:bHSBD4ae66uSGw2e
        a=ssrc:238007783 msid:e75dddbf-d001-4ab7-9b07-981714769446 70c4594e-1c9d-429c-a5e0-8e5417e45be4
        m=application 37379 UDP/DTLS/SCTP webrtc-datachannel
        c=IN IP4 127.0.0.1
        a=candidate:4211699579 1 udp 2122194687 127.0.0.1 37379 typ host generation 0 network-id 3 network-cost 50
        a=candidate:1429532919 1 udp 2122063615 192.0.2.2 35605 typ host generation 0 network-id 1
        a=candidate:3591420832 1 udp 2122267903 ::1 42617 typ host generation 0 network-id 4 network-cost 50
        a=candidate:1380359239 1 udp 2122134271 fd00::2 39478 typ host generation 0 network-id 2
        a=candidate:2244382179 1 tcp 1518214911 127.0.0.1 9 typ host tcptype active generation 0 network-id 3 network-cost 50
        a=candidate:737874543 1 tcp 1518083839 192.0.2.2 9 typ host tcptype active generation 0 network-id 1
        a=candidate:2833209656 1 tcp 1518288127 ::1 9 typ host tcptype active generation 0 network-id 4 network-cost 50
        a=candidate:747208415 1 tcp 1518154495 fd00::2 9 typ host tcptype active generation 0 network-id 2
        a=ice-ufrag:XQmz
        a=ice-pwd:NNyK7KWz/qeiulcilaDj+7dS
        a=ice-options:trickle
        a=fingerprint:sha-256 3B:A1:51:37:9B:2F:CA:94:CA:F9:ED:57:36:C3:0D:5B:3B:B5:89:F3:5B:A4:82:01:28:16:15:03:AF:EC:70:DE
        a=setup:actpass
        a=mid:2
        a=sctp-port:5000
        a=max-message-size:262144
        """;

    /// <summary>
    /// Shaped like the Rust SDK's publisher offer after its v1 fallback (livekit-protocol.md §2): a data section and
    /// receive-only audio/video sections, which the server must answer inactive.
    /// </summary>
    public const string RecvOnlySectionsOffer = """
        v=0
        o=- 1 2 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE 0 7 8 9
        m=application 9 UDP/DTLS/SCTP webrtc-datachannel
        c=IN IP4 0.0.0.0
        a=ice-ufrag:abcd
        a=ice-pwd:abcdefghijklmnopqrstuvwx
        a=fingerprint:sha-256 D0:CC:F1:EA:97:E1:01:61:8E:22:02:4E:D1:4A:5C:33:DC:BF:EC:1C:05:C8:16:EA:8F:FC:4F:9B:FC:D7:7C:CD
        a=setup:actpass
        a=mid:0
        a=sctp-port:5000
        m=audio 9 UDP/TLS/RTP/SAVPF 111
        c=IN IP4 0.0.0.0
        a=mid:7
        a=recvonly
        a=rtcp-mux
        a=rtpmap:111 opus/48000/2
        m=video 9 UDP/TLS/RTP/SAVPF 96
        c=IN IP4 0.0.0.0
        a=mid:8
        a=recvonly
        a=rtcp-mux
        a=rtpmap:96 VP8/90000
        m=video 9 UDP/TLS/RTP/SAVPF 102
        c=IN IP4 0.0.0.0
        a=mid:9
        a=sendonly
        a=rtcp-mux
        a=rtpmap:102 H264/90000
        """;
}
