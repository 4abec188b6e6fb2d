namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>Audio a page received: 16-bit mono samples at <paramref name="SampleRate"/>, and when it first became audible.</summary>
public sealed record PageRecording(short[] Samples, int SampleRate, DateTimeOffset? FirstSoundAt)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}
