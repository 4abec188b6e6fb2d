using System.Buffers;
using LiveKit.DevServer.Sctp;

namespace LiveKit.DevServer.Tests.Sctp;

/// <summary>
/// Wire-format tests against packets captured from usrsctp (the SCTP stack browsers used before dcsctp), as
/// published with sipsorcery's SCTP unit tests: an INIT, a COOKIE ACK and a HEARTBEAT.
/// </summary>
public class SctpPacketTests
{
    // usrsctp INIT: ports 57232 -> 7, tag 0, CRC32c 0x990eb86a (wire order 6a b8 0e 99).
    private static readonly byte[] UsrsctpInit = Convert.FromHexString(
        "df90000700000000" + "6ab80e99" +
        "010000a0e31c553600020000000a08006cd74dda" +
        "80000004c000000480080009c00fc18082000000" +
        "800200245c917978ebcf8725d464b6c37ff921191d61e6313d9d561fdb66b40505d44753" +
        "8004000600010000" + "8003000680c10000" +
        "000c00080005000600050008ac16a00100050008ac16700100050008c0a88901" +
        "000600142a02808469817880000000000000000300050008c0a80b3200050008c0a80032");

    private static readonly byte[] UsrsctpCookieAck = Convert.FromHexString("0007df90e31c5536b204df210b000004");

    private static readonly byte[] UsrsctpHeartbeat = Convert.FromHexString(
        "0007115c054a3af0023bcc90" + "0400002c000100284c3a5660a8070300000000000000000002100000c0a80032000000000000000000000000");

    // Chromium 156 (dcsctp) INIT, captured by ChromiumDataChannelTests off our DTLS connection: ports 5000 -> 5000,
    // a_rwnd 5 MiB, 65535 streams each way, Forward-TSN-Supported and Supported Extensions (RE-CONFIG, FORWARD TSN).
    private static readonly byte[] ChromiumInit = Convert.FromHexString(
        "138813880000000031B571BC" + "0100001E4502683D00500000FFFFFFFF7DB1704EC00000048008000682C00000");

    [Fact]
    public void InitChunk_CapturedChromiumInit_ChecksumFieldsAndCapabilities()
    {
        Assert.Equal(OperationStatus.Done, SctpPacket.Validate(ChromiumInit, out var header));
        SctpChunk.TryRead(ChromiumInit.AsSpan(SctpCommonHeader.Size), out SctpChunk chunk, out _);
        Assert.Equal(OperationStatus.Done, SctpInitChunk.TryParse(chunk.Value, out SctpInitChunk init));

        Assert.Equal(new SctpCommonHeader(5000, 5000, 0, 0xBC71B531), header);
        Assert.Equal(0x4502683Du, init.InitiateTag);
        Assert.Equal(5u * 1024 * 1024, init.AdvertisedReceiverWindow);
        Assert.Equal((ushort)65535, init.OutboundStreams);
        Assert.Equal((ushort)65535, init.InboundStreams);
        Assert.Equal(0x7DB1704Eu, init.InitialTsn);
        Assert.True(init.ForwardTsnSupported);
        Assert.True(init.ReconfigSupported);
    }

    [Fact]
    public void Validate_CapturedUsrsctpPackets_ChecksumAndFramingAccepted()
    {
        Assert.Equal(OperationStatus.Done, SctpPacket.Validate(UsrsctpInit, out var init));
        Assert.Equal(OperationStatus.Done, SctpPacket.Validate(UsrsctpCookieAck, out var cookieAck));
        Assert.Equal(OperationStatus.Done, SctpPacket.Validate(UsrsctpHeartbeat, out var heartbeat));

        Assert.Equal(new SctpCommonHeader(57232, 7, 0, 0x990EB86A), init);
        Assert.Equal(new SctpCommonHeader(7, 57232, 0xE31C5536, 0x21DF04B2), cookieAck);
        Assert.Equal(new SctpCommonHeader(7, 4444, 0x054A3AF0, 0x90CC3B02), heartbeat);
    }

    [Fact]
    public void InitChunk_CapturedUsrsctpInit_ParsesFieldsAndCapabilities()
    {
        OperationStatus read = SctpChunk.TryRead(UsrsctpInit.AsSpan(SctpCommonHeader.Size), out SctpChunk chunk, out int consumed);

        Assert.Equal(OperationStatus.Done, read);
        Assert.Equal((byte)SctpChunkType.Init, chunk.Type);
        Assert.Equal(UsrsctpInit.Length - SctpCommonHeader.Size, consumed);
        Assert.Equal(OperationStatus.Done, SctpInitChunk.TryParse(chunk.Value, out SctpInitChunk init));
        Assert.Equal(0xE31C5536u, init.InitiateTag);
        Assert.Equal(131072u, init.AdvertisedReceiverWindow);
        Assert.Equal(10, init.OutboundStreams);
        Assert.Equal(2048, init.InboundStreams);
        Assert.Equal(1826049498u, init.InitialTsn);
        Assert.True(init.ForwardTsnSupported); // 0xC000 parameter and 0xC0 in Supported Extensions
        Assert.True(init.ReconfigSupported); // 0x82 in Supported Extensions
        Assert.True(init.StateCookie.IsEmpty);
    }

    [Fact]
    public void Validate_OneBitFlipped_IsInvalid()
    {
        byte[] corrupt = (byte[])UsrsctpInit.Clone();
        corrupt[40] ^= 0x01;

        Assert.Equal(OperationStatus.InvalidData, SctpPacket.Validate(corrupt, out _));
    }

    [Fact]
    public void Validate_BrokenFraming_IsRejected()
    {
        // A chunk length pointing past the end of the packet (re-checksummed, so only the framing is wrong).
        byte[] truncated = UsrsctpInit[..^8];
        SctpPacket.WriteChecksum(truncated);
        // A chunk length below the 4-byte header.
        byte[] shortLength = (byte[])UsrsctpCookieAck.Clone();
        shortLength[15] = 2;
        SctpPacket.WriteChecksum(shortLength);

        Assert.Equal(OperationStatus.NeedMoreData, SctpPacket.Validate(truncated, out _));
        Assert.Equal(OperationStatus.InvalidData, SctpPacket.Validate(shortLength, out _));
        Assert.Equal(OperationStatus.NeedMoreData, SctpPacket.Validate(UsrsctpInit.AsSpan(0, 11), out _));
        Assert.NotEqual(OperationStatus.Done, SctpPacket.Validate(UsrsctpInit.AsSpan(0, 12), out _));
    }

    [Fact]
    public void Writer_InitAndData_RoundTripThroughTheParsers()
    {
        using var writer = new SctpPacketWriter(1100);
        writer.Begin(5000, 5000, 0x01020304);
        Assert.True(writer.TryAddChunk(SctpChunkType.Init, 0, SctpInitChunk.FixedSize + SctpInitChunk.CapabilitiesSize, out Span<byte> initValue));
        SctpInitChunk.WriteFixedAndCapabilities(initValue, 0xCAFEBABE, 1 << 20, 1024, 2048, 42);
        Assert.True(writer.TryAddChunk(SctpChunkType.Data, SctpDataChunk.BeginningFlag | SctpDataChunk.EndingFlag, 12 + 3, out Span<byte> dataValue));
        SctpDataChunk.WriteFields(dataValue, 7, 1, 2, 51);
        "abc"u8.CopyTo(dataValue[12..]);

        byte[] packet = writer.Finish().ToArray();

        Assert.Equal(0, packet.Length % 4);
        Assert.Equal(OperationStatus.Done, SctpPacket.Validate(packet, out var header));
        Assert.Equal(0x01020304u, header.VerificationTag);
        ReadOnlySpan<byte> chunks = packet.AsSpan(SctpCommonHeader.Size);
        SctpChunk.TryRead(chunks, out SctpChunk first, out int consumed);
        Assert.Equal(OperationStatus.Done, SctpInitChunk.TryParse(first.Value, out SctpInitChunk init));
        Assert.Equal((0xCAFEBABEu, 1u << 20, (ushort)1024, (ushort)2048, 42u, true, true),
            (init.InitiateTag, init.AdvertisedReceiverWindow, init.OutboundStreams, init.InboundStreams, init.InitialTsn,
             init.ForwardTsnSupported, init.ReconfigSupported));
        SctpChunk.TryRead(chunks[consumed..], out SctpChunk second, out _);
        Assert.Equal(OperationStatus.Done, SctpDataChunk.TryParse(second, out SctpDataChunk data));
        Assert.Equal((7u, (ushort)1, (ushort)2, 51u, true, true, false), (data.Tsn, data.StreamId, data.StreamSequence, data.Ppid, data.Beginning, data.Ending, data.Unordered));
        Assert.Equal("abc"u8.ToArray(), data.UserData.ToArray());
    }

    [Fact]
    public void DataChunk_NoUserData_IsInvalid()
    {
        byte[] value = new byte[12];
        var chunk = new SctpChunk((byte)SctpChunkType.Data, 3, value, value);

        Assert.Equal(OperationStatus.InvalidData, SctpDataChunk.TryParse(chunk, out _));
    }

    [Fact]
    public void SackChunk_GapBlocksAndDuplicates_Parse()
    {
        byte[] value = Convert.FromHexString("0000006400010000" + "00020001" + "0002000300050007" + "00000063");

        Assert.Equal(OperationStatus.Done, SctpSackChunk.TryParse(value, out SctpSackChunk sack));

        Assert.Equal(100u, sack.CumulativeTsnAck);
        Assert.Equal(65536u, sack.AdvertisedReceiverWindow);
        Assert.Equal(2, sack.GapBlockCount);
        Assert.Equal(((ushort)2, (ushort)3), sack.GetGapBlock(0));
        Assert.Equal(((ushort)5, (ushort)7), sack.GetGapBlock(1));
        Assert.Equal(1, sack.DuplicateCount);
        Assert.Equal(99u, sack.GetDuplicate(0));
        Assert.Equal(OperationStatus.InvalidData, SctpSackChunk.TryParse(value.AsSpan(0, value.Length - 4), out _));
    }

    [Fact]
    public void StateCookie_Tampered_FailsVerification()
    {
        byte[] key = new byte[32];
        var cookie = new SctpStateCookie(123, 1, 2, 3, 4, 5, 6, 7, true, false);
        byte[] bytes = new byte[SctpStateCookie.Size];
        cookie.WriteSigned(bytes, key);

        Assert.True(SctpStateCookie.TryReadVerified(bytes, key, out var read));
        Assert.Equal(cookie, read);
        bytes[10] ^= 1;
        Assert.False(SctpStateCookie.TryReadVerified(bytes, key, out _));
    }
}
