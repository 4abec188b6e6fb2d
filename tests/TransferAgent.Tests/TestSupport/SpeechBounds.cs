using WarmTransfer.TransferAgent.Audio;

namespace WarmTransfer.TransferAgent.Tests.TestSupport;

/// <summary>Where a clean (synthesised) clip's speech begins and ends, by 10 ms frame energy: the ground truth for VAD timing tests.</summary>
public static class SpeechBounds
{
    public static (TimeSpan Start, TimeSpan End) Measure(PcmAudio clip, double thresholdDbfs = -45)
    {
        ArgumentNullException.ThrowIfNull(clip);
        int frame = clip.SampleRate / 100;
        int first = -1, last = -1;
        var samples = clip.Samples.Span;
        for (int f = 0; f + frame <= samples.Length; f += frame)
        {
            if (AudioLevel.Dbfs(samples.Slice(f, frame)) > thresholdDbfs)
            {
                if (first < 0)
                {
                    first = f;
                }

                last = f + frame;
            }
        }

        return (PcmAudio.SamplesToTime(first, clip.SampleRate), PcmAudio.SamplesToTime(last, clip.SampleRate));
    }
}
