using WarmTransfer.TransferAgent.Audio;

namespace WarmTransfer.TransferAgent.Vad;

/// <summary>One stretch of speech, padded on both sides, as 16 kHz mono PCM.</summary>
/// <param name="Index">0, 1, 2... within the stream.</param>
/// <param name="Start">Stream time of the first sample (padding included).</param>
/// <param name="Audio">The segment's audio; owned by the segment.</param>
/// <param name="SplitAtMaxDuration">True when the speech went on and the segment was cut at the maximum length.</param>
public sealed record SpeechSegment(int Index, TimeSpan Start, PcmAudio Audio, bool SplitAtMaxDuration)
{
    public TimeSpan End => Start + Audio.Duration;
}
