using System.Buffers;
using LiveKit.Rtc.Internal;
using LiveKit.Rtc.Internal.Ffi;
using LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc;

/// <summary>
/// Streaming sample-rate converter for interleaved 16-bit PCM (the core's libsoxr). Push input in chunks of
/// any size; output comes out with a small delay, and <see cref="Flush"/> drains the rest at the end.
/// Not thread-safe: use one instance per stream.
/// </summary>
public sealed class AudioResampler : IDisposable
{
    private readonly FfiClient _client;
    private readonly FfiHandle _handle;

    public AudioResampler(int inputRate, int outputRate, int numChannels = 1, AudioResamplerQuality quality = AudioResamplerQuality.Medium)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRate, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inputRate, 384_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRate, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputRate, 384_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(numChannels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(numChannels, 8);
        if (!Enum.IsDefined(quality))
        {
            throw new ArgumentOutOfRangeException(nameof(quality), quality, "Unknown resampler quality.");
        }
        _client = FfiClient.Instance;
        var response = _client.Request(new FfiRequest
        {
            NewSoxResampler = new NewSoxResamplerRequest
            {
                InputRate = inputRate,
                OutputRate = outputRate,
                NumChannels = (uint)numChannels,
                InputDataType = SoxResamplerDataType.SoxrDatatypeInt16I,
                OutputDataType = SoxResamplerDataType.SoxrDatatypeInt16I,
                QualityRecipe = (SoxQualityRecipe)quality,
            },
        }).NewSoxResampler;
        if (response is null || response.MessageCase != NewSoxResamplerResponse.MessageOneofCase.Resampler)
        {
            throw ThrowHelper.OperationFailed("Creating a resampler", response?.Error ?? "no resampler returned");
        }
        _handle = new FfiHandle(response.Resampler.Handle.Id);
        InputRate = inputRate;
        OutputRate = outputRate;
        NumChannels = numChannels;
    }

    public int InputRate { get; }

    public int OutputRate { get; }

    public int NumChannels { get; }

    /// <summary>Resamples <paramref name="input"/> (interleaved) and appends what is ready to <paramref name="output"/>; returns the samples written.</summary>
    public unsafe int Push(ReadOnlySpan<short> input, IBufferWriter<short> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (input.Length % NumChannels != 0)
        {
            throw new ArgumentException($"Expected a multiple of {NumChannels} interleaved samples, got {input.Length}.", nameof(input));
        }
        if (input.IsEmpty)
        {
            return 0;
        }
        PushSoxResamplerResponse response;
        using (var lease = _handle.Acquire(this))
        {
            fixed (short* data = input)
            {
                response = _client.Request(new FfiRequest
                {
                    PushSoxResampler = new PushSoxResamplerRequest
                    {
                        ResamplerHandle = lease.Id,
                        DataPtr = (ulong)data,
                        Size = (uint)(input.Length * sizeof(short)),
                    },
                }).PushSoxResampler;
            }
            // The output lives in the resampler until its next push or flush: copy it while holding the lease.
            return CopyOut(response.OutputPtr, response.Size, response.HasError ? response.Error : null, output);
        }
    }

    /// <summary>Drains the samples still inside the resampler (call once, at the end of the stream).</summary>
    public int Flush(IBufferWriter<short> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var lease = _handle.Acquire(this);
        var response = _client.Request(new FfiRequest
        {
            FlushSoxResampler = new FlushSoxResamplerRequest { ResamplerHandle = lease.Id },
        }).FlushSoxResampler;
        return CopyOut(response.OutputPtr, response.Size, response.HasError ? response.Error : null, output);
    }

    private static unsafe int CopyOut(ulong pointer, uint sizeInBytes, string? error, IBufferWriter<short> output)
    {
        if (error is not null)
        {
            throw ThrowHelper.OperationFailed("Resampling", error);
        }
        int count = (int)(sizeInBytes / sizeof(short));
        if (count == 0 || pointer == 0)
        {
            return 0;
        }
        var source = new ReadOnlySpan<short>((void*)pointer, count);
        source.CopyTo(output.GetSpan(count));
        output.Advance(count);
        return count;
    }

    public void Dispose() => _handle.Dispose();
}
