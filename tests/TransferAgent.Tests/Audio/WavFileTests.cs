using System.Buffers;
using System.Buffers.Binary;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Tests.TestSupport;

namespace WarmTransfer.TransferAgent.Tests.Audio;

public sealed class WavFileTests
{
    [Fact]
    public void EncodeDecode_MonoPcm16_RoundTripsExactly()
    {
        var samples = TestSignals.Noise(-20, 16000, TimeSpan.FromMilliseconds(250), seed: 7);

        var wav = WavFile.Encode(samples, 16000);
        var audio = WavFile.Decode(wav);

        Assert.Equal(44 + (samples.Length * 2), wav.Length);
        Assert.Equal(16000, audio.SampleRate);
        Assert.Equal(samples, audio.Samples.ToArray());
    }

    [Fact]
    public void Decode_StreamedHeaderWithUnknownSizes_ReadsToTheEnd()
    {
        var wav = WavFile.Encode([1, 2, 3, -4], 24000);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(4), uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), uint.MaxValue);

        var audio = WavFile.Decode(wav);

        Assert.Equal(new short[] { 1, 2, 3, -4 }, audio.Samples.ToArray());
        Assert.Equal(24000, audio.SampleRate);
    }

    [Fact]
    public void Decode_StereoFloatExtensibleWithExtraChunk_DownmixesToMono()
    {
        // fmt (EXTENSIBLE, float sub-format), a LIST chunk of odd size (padded), then data: two frames of stereo float.
        var fmt = new byte[40];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), 2);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(4), 48000);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(8), 48000 * 8);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), 32);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(24), 3); // KSDATAFORMAT_SUBTYPE_IEEE_FLOAT starts with 0x0003
        var data = new byte[16];
        BinaryPrimitives.WriteSingleLittleEndian(data, 0.5f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), 0.25f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(8), -1f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(12), -1f);
        var wav = Riff(("fmt ", fmt), ("LIST", new byte[3]), ("data", data));

        var audio = WavFile.Decode(wav);

        Assert.Equal(48000, audio.SampleRate);
        Assert.Equal(new short[] { 12288, -32768 }, audio.Samples.ToArray());
    }

    [Fact]
    public void TryParseHeader_TruncatedHeader_NeedsMoreData()
    {
        var wav = WavFile.Encode(new short[10], 16000);

        Assert.Equal(OperationStatus.NeedMoreData, WavFile.TryParseHeader(wav.AsSpan(0, 30), out _, out _));
        Assert.Equal(OperationStatus.Done, WavFile.TryParseHeader(wav.AsSpan(0, 44), out var format, out _));
        Assert.Equal(44, format.DataOffset);
        Assert.Equal(20, format.DataLength);
    }

    [Fact]
    public void Decode_Mp3Bytes_FailsNamingTheProblem()
    {
        var notWav = new byte[] { 0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };

        var error = Assert.Throws<InvalidDataException>(() => WavFile.Decode(notWav));

        Assert.Contains("not a RIFF/WAVE file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnsupportedFormatTag_SaysWhich()
    {
        var fmt = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, 6); // A-law
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), 1);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(4), 8000);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), 8);

        var error = Assert.Throws<InvalidDataException>(() => WavFile.Decode(Riff(("fmt ", fmt), ("data", new byte[4]))));

        Assert.Contains("format tag 6", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Riff(params (string Id, byte[] Body)[] chunks)
    {
        using var stream = new MemoryStream();
        stream.Write("RIFF"u8);
        stream.Write(new byte[4]);
        stream.Write("WAVE"u8);
        foreach (var (id, body) in chunks)
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(id));
            var size = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(size, body.Length);
            stream.Write(size);
            stream.Write(body);
            if (body.Length % 2 == 1)
            {
                stream.WriteByte(0);
            }
        }

        var bytes = stream.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        return bytes;
    }
}
