namespace WarmTransfer.TransferAgent.Audio;

public enum WavEncoding
{
    /// <summary>WAVE_FORMAT_PCM (1), or EXTENSIBLE with the PCM sub-format.</summary>
    Pcm = 1,

    /// <summary>WAVE_FORMAT_IEEE_FLOAT (3), or EXTENSIBLE with the float sub-format.</summary>
    IeeeFloat = 3,
}
