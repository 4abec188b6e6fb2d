using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace WarmTransfer.TransferAgent.Audio;

/// <summary>Conversions between 16-bit PCM samples, little-endian bytes and floats in [-1, 1]. No allocation unless named.</summary>
public static class PcmSamples
{
    public const float FullScale = 32768f;

    /// <summary>Writes <paramref name="samples"/> as little-endian bytes; <paramref name="destination"/> must hold 2 bytes per sample.</summary>
    public static void ToBytes(ReadOnlySpan<short> samples, Span<byte> destination)
    {
        if (destination.Length < samples.Length * 2)
        {
            throw new ArgumentException($"Destination holds {destination.Length} bytes; {samples.Length * 2} are needed.", nameof(destination));
        }

        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(samples).CopyTo(destination);
            return;
        }

        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(destination[(2 * i)..], samples[i]);
        }
    }

    public static byte[] ToBytes(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        ToBytes(samples, bytes);
        return bytes;
    }

    /// <summary>Reads little-endian 16-bit samples; an odd trailing byte is ignored.</summary>
    public static void FromBytes(ReadOnlySpan<byte> bytes, Span<short> destination)
    {
        int count = bytes.Length / 2;
        if (destination.Length < count)
        {
            throw new ArgumentException($"Destination holds {destination.Length} samples; {count} are needed.", nameof(destination));
        }

        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, short>(bytes[..(count * 2)]).CopyTo(destination);
            return;
        }

        for (int i = 0; i < count; i++)
        {
            destination[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..]);
        }
    }

    public static short[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        var samples = new short[bytes.Length / 2];
        FromBytes(bytes, samples);
        return samples;
    }

    public static void ToFloat(ReadOnlySpan<short> samples, Span<float> destination)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            destination[i] = samples[i] / FullScale;
        }
    }

    /// <summary>Converts floats to 16-bit with rounding and saturation (values beyond full scale clip rather than wrap).</summary>
    public static void FromFloat(ReadOnlySpan<float> samples, Span<short> destination)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            destination[i] = Saturate(samples[i] * FullScale);
        }
    }

    /// <summary>Rounds a value on the 16-bit scale to the nearest sample, clipping at full scale.</summary>
    public static short Saturate(float value)
    {
        float rounded = MathF.Round(value, MidpointRounding.AwayFromZero);
        return rounded >= short.MaxValue ? short.MaxValue : rounded <= short.MinValue ? short.MinValue : (short)rounded;
    }

    /// <summary>Averages interleaved channels into mono; <paramref name="destination"/> holds one sample per frame.</summary>
    public static void DownmixToMono(ReadOnlySpan<short> interleaved, int channels, Span<short> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        int frames = interleaved.Length / channels;
        if (channels == 1)
        {
            interleaved[..frames].CopyTo(destination);
            return;
        }

        for (int f = 0; f < frames; f++)
        {
            int sum = 0;
            var frame = interleaved.Slice(f * channels, channels);
            foreach (short s in frame)
            {
                sum += s;
            }

            destination[f] = (short)(sum / channels);
        }
    }
}
