using System.Buffers;
using LiveKit.DevServer.Dtls;

namespace LiveKit.DevServer.Tests.Dtls;

public class DtlsRecordHeaderTests
{
    // A ClientHello record header as Chromium sends it: handshake(22), DTLS 1.0 record version {254,255},
    // epoch 0, sequence 0, length 4, followed here by a 4-byte fragment.
    private static readonly byte[] HandshakeRecord =
        [0x16, 0xFE, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x01, 0x02, 0x03, 0x04];

    [Fact]
    public void TryParse_HandshakeRecord_ReadsEveryField()
    {
        OperationStatus status = DtlsRecordHeader.TryParse(HandshakeRecord, out var header, out int consumed);

        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal(new DtlsRecordHeader(22, DtlsRecordHeader.Dtls10, 0, 0, 4), header);
        Assert.Equal(17, consumed);
    }

    [Fact]
    public void TryParse_EpochAndSequence_AreBigEndian48Bit()
    {
        byte[] record = [0x17, 0xFE, 0xFD, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00];

        Assert.Equal(OperationStatus.Done, DtlsRecordHeader.TryParse(record, out var header, out int consumed));

        Assert.Equal(1, header.Epoch);
        Assert.Equal(0x0102UL, header.SequenceNumber);
        Assert.Equal(13, consumed);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(16)]
    public void TryParse_Truncated_NeedsMoreData(int length)
    {
        Assert.Equal(OperationStatus.NeedMoreData, DtlsRecordHeader.TryParse(HandshakeRecord.AsSpan(0, length), out _, out _));
    }

    [Theory]
    [InlineData(0, 19)] // content type below change_cipher_spec
    [InlineData(0, 24)] // heartbeat: never negotiated
    [InlineData(1, 0x03)] // TLS, not DTLS, version
    [InlineData(11, 0xFF)] // length 0xFF04 > 2^14 + 2048
    public void TryParse_BadField_IsInvalid(int offset, byte value)
    {
        byte[] record = (byte[])HandshakeRecord.Clone();
        record[offset] = value;

        Assert.Equal(OperationStatus.InvalidData, DtlsRecordHeader.TryParse(record, out _, out _));
    }

    [Fact]
    public void IsWellFormedDatagram_TwoWholeRecords_IsTrueButATrailingFragmentIsNot()
    {
        byte[] two = [.. HandshakeRecord, .. HandshakeRecord];

        Assert.True(DtlsRecordHeader.IsWellFormedDatagram(two));
        Assert.False(DtlsRecordHeader.IsWellFormedDatagram(two.AsSpan(0, two.Length - 1)));
        Assert.False(DtlsRecordHeader.IsWellFormedDatagram([.. HandshakeRecord, 0x16]));
        Assert.False(DtlsRecordHeader.IsWellFormedDatagram([]));
    }

    [Theory]
    [InlineData(19, false)]
    [InlineData(20, true)]
    [InlineData(63, true)]
    [InlineData(64, false)]
    [InlineData(0, false)] // STUN
    [InlineData(128, false)] // RTP
    public void IsDtlsFirstByte_FollowsRfc7983(byte first, bool expected)
    {
        Assert.Equal(expected, DtlsRecordHeader.IsDtlsFirstByte(first));
    }
}
