using WarmTransfer.TransferAgent.Audio;

namespace WarmTransfer.TransferAgent.CallRoom;

/// <summary>The hold music loop: the configured WAV file, or a soft generated pattern (a slow arpeggio of sine tones).</summary>
public static class HoldMusic
{
    /// <summary>Notes of the generated pattern (Hz): C4 E4 G4 C5 G4 E4, each with a smooth attack and release.</summary>
    private static readonly double[] Notes = [261.63, 329.63, 392.00, 523.25, 392.00, 329.63];

    private static readonly TimeSpan NoteLength = TimeSpan.FromMilliseconds(700);

    /// <summary>The loop at <paramref name="sampleRate"/>: <see cref="CallRoomOptions.HoldMusicFile"/> if set, else <see cref="Generate"/>.</summary>
    public static PcmAudio Load(CallRoomOptions options, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.HoldMusicFile)
            ? Generate(sampleRate, options.HoldMusicLevelDbfs)
            : AudioFades.WithFadedEdges(WavFile.ReadFile(options.HoldMusicFile).ResampleTo(sampleRate));
    }

    /// <summary>About 4 s of soft tones at <paramref name="levelDbfs"/> RMS, starting and ending at silence so it loops without clicks.</summary>
    public static PcmAudio Generate(int sampleRate, double levelDbfs)
    {
        int perNote = PcmAudio.TimeToSamples(NoteLength, sampleRate);
        var samples = new short[perNote * Notes.Length];
        for (int n = 0; n < Notes.Length; n++)
        {
            for (int i = 0; i < perNote; i++)
            {
                double t = (double)i / sampleRate;
                // Raised-cosine envelope over the whole note: no edges, so no clicks between notes or at the loop point.
                double envelope = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / perNote));
                double tone = Math.Sin(2 * Math.PI * Notes[n] * t) + (0.25 * Math.Sin(4 * Math.PI * Notes[n] * t));
                samples[(n * perNote) + i] = (short)(envelope * tone * 8000);
            }
        }

        AudioLevel.NormalizeTo(samples, levelDbfs);
        return new PcmAudio(samples, sampleRate);
    }
}
