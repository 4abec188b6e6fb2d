using System.Buffers;
using System.Buffers.Binary;

namespace WarmTransfer.TransferAgent.Audio;

/// <summary>
/// RIFF/WAVE reading and writing. Reads PCM (8/16/24/32-bit) and 32-bit float, mono or interleaved (down-mixed
/// to mono), including WAVE_FORMAT_EXTENSIBLE and streamed files whose sizes are 0 or 0xFFFFFFFF (as some
/// speech APIs send). Writes 16-bit mono PCM with the canonical 44-byte header.
/// </summary>
public static class WavFile
{
    public const int CanonicalHeaderLength = 44;
    public const string MediaType = "audio/wav";

    private const uint Riff = 0x46464952; // "RIFF" little-endian
    private const uint Wave = 0x45564157; // "WAVE"
    private const uint Fmt = 0x20746D66;  // "fmt "
    private const uint Data = 0x61746164; // "data"
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>True when the bytes start like a RIFF/WAVE file.</summary>
    public static bool LooksLikeWav(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 12 && BinaryPrimitives.ReadUInt32LittleEndian(bytes) == Riff && BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]) == Wave;

    /// <summary>
    /// Parses the header up to the start of the sample data. <see cref="OperationStatus.NeedMoreData"/> means the
    /// header continues beyond <paramref name="bytes"/>; <see cref="OperationStatus.InvalidData"/> means it is not a
    /// WAV file we can read (<paramref name="error"/> says why).
    /// </summary>
    public static OperationStatus TryParseHeader(ReadOnlySpan<byte> bytes, out WavFormat format, out string? error)
    {
        format = default;
        error = null;
        if (bytes.Length < 12)
        {
            return OperationStatus.NeedMoreData;
        }

        if (!LooksLikeWav(bytes))
        {
            error = "not a RIFF/WAVE file";
            return OperationStatus.InvalidData;
        }

        int offset = 12;
        WavEncoding? encoding = null;
        int channels = 0, rate = 0, bits = 0;
        while (true)
        {
            if (bytes.Length < offset + 8)
            {
                return OperationStatus.NeedMoreData;
            }

            uint id = BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(offset + 4)..]);
            int body = offset + 8;
            if (id == Data)
            {
                if (encoding is null)
                {
                    error = "the data chunk comes before the fmt chunk";
                    return OperationStatus.InvalidData;
                }

                long? length = size is 0 or uint.MaxValue ? null : size;
                format = new WavFormat(encoding.Value, channels, rate, bits, body, length);
                return OperationStatus.Done;
            }

            if (size > int.MaxValue - body - 1)
            {
                error = "a chunk size is out of range";
                return OperationStatus.InvalidData;
            }

            if (bytes.Length < body + (int)size)
            {
                return OperationStatus.NeedMoreData;
            }

            if (id == Fmt)
            {
                if (size < 16)
                {
                    error = "the fmt chunk is too short";
                    return OperationStatus.InvalidData;
                }

                var fmt = bytes.Slice(body, (int)size);
                ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
                rate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
                if (tag == FormatExtensible && size >= 40)
                {
                    tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]); // first two bytes of the sub-format GUID
                }

                encoding = (tag, bits) switch
                {
                    (1, 8 or 16 or 24 or 32) => WavEncoding.Pcm,
                    (3, 32) => WavEncoding.IeeeFloat,
                    _ => null,
                };
                if (encoding is null)
                {
                    error = $"format tag {tag} with {bits} bits per sample is not supported (PCM 8/16/24/32-bit or 32-bit float)";
                    return OperationStatus.InvalidData;
                }

                if (channels is < 1 or > 16 || rate is < 1000 or > 384_000)
                {
                    error = $"{channels} channels at {rate} Hz is out of range";
                    return OperationStatus.InvalidData;
                }
            }

            offset = body + (int)size + (int)(size & 1); // chunks are word-aligned
        }
    }

    /// <summary>Decodes a whole WAV file to 16-bit mono.</summary>
    public static PcmAudio Decode(ReadOnlySpan<byte> wav)
    {
        var status = TryParseHeader(wav, out var format, out var error);
        if (status != OperationStatus.Done)
        {
            throw new InvalidDataException(status == OperationStatus.NeedMoreData ? "The WAV data ends inside its header." : $"Cannot read WAV data: {error}.");
        }

        var data = wav[format.DataOffset..];
        if (format.DataLength is { } declared && declared < data.Length)
        {
            data = data[..(int)declared];
        }

        int frames = data.Length / format.BlockAlign;
        var mono = new short[frames];
        DecodeFrames(data[..(frames * format.BlockAlign)], format, mono);
        return new PcmAudio(mono, format.SampleRate);
    }

    public static async Task<PcmAudio> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    public static PcmAudio ReadFile(string path) => Decode(File.ReadAllBytes(path));

    /// <summary>Writes the canonical 44-byte header for 16-bit PCM.</summary>
    public static void WriteHeader(Span<byte> destination, int sampleRate, int channels, int dataBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, CanonicalHeaderLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Riff);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], 36 + dataBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], Wave);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], Fmt);
        BinaryPrimitives.WriteInt32LittleEndian(destination[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[22..], (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(destination[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(destination[28..], sampleRate * channels * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[32..], (ushort)(channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(destination[34..], 16);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[36..], Data);
        BinaryPrimitives.WriteInt32LittleEndian(destination[40..], dataBytes);
    }

    /// <summary>Encodes 16-bit mono samples as a complete WAV file.</summary>
    public static byte[] Encode(ReadOnlySpan<short> samples, int sampleRate)
    {
        var bytes = new byte[CanonicalHeaderLength + (samples.Length * 2)];
        WriteHeader(bytes, sampleRate, 1, samples.Length * 2);
        PcmSamples.ToBytes(samples, bytes.AsSpan(CanonicalHeaderLength));
        return bytes;
    }

    public static byte[] Encode(PcmAudio audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return Encode(audio.Samples.Span, audio.SampleRate);
    }

    public static void WriteFile(string path, PcmAudio audio) => File.WriteAllBytes(path, Encode(audio));

    private static void DecodeFrames(ReadOnlySpan<byte> data, WavFormat format, Span<short> mono)
    {
        int bytesPerSample = format.BitsPerSample / 8;
        int channels = format.Channels;
        for (int f = 0; f < mono.Length; f++)
        {
            int sum = 0;
            for (int c = 0; c < channels; c++)
            {
                var s = data.Slice((f * format.BlockAlign) + (c * bytesPerSample), bytesPerSample);
                sum += (format.Encoding, bytesPerSample) switch
                {
                    (WavEncoding.IeeeFloat, _) => PcmSamples.Saturate(BinaryPrimitives.ReadSingleLittleEndian(s) * PcmSamples.FullScale),
                    (_, 1) => (s[0] - 128) << 8,
                    (_, 2) => BinaryPrimitives.ReadInt16LittleEndian(s),
                    (_, 3) => (short)(s[1] | (s[2] << 8)),
                    _ => BinaryPrimitives.ReadInt32LittleEndian(s) >> 16,
                };
            }

            mono[f] = (short)(sum / channels);
        }
    }
}
