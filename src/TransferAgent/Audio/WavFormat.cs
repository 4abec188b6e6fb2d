namespace WarmTransfer.TransferAgent.Audio;

/// <summary>What a RIFF/WAVE header says about the samples that follow it.</summary>
/// <param name="Encoding">PCM integer or IEEE float.</param>
/// <param name="Channels">Interleaved channel count.</param>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="BitsPerSample">8, 16, 24 or 32 (integer) or 32 (float).</param>
/// <param name="DataOffset">Byte offset of the first sample.</param>
/// <param name="DataLength">Bytes of sample data, or null when the header does not know (streamed WAV: 0 or 0xFFFFFFFF).</param>
public readonly record struct WavFormat(WavEncoding Encoding, int Channels, int SampleRate, int BitsPerSample, int DataOffset, long? DataLength)
{
    public int BlockAlign => Channels * (BitsPerSample / 8);
}
