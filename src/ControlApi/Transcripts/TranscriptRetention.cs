namespace WarmTransfer.ControlApi.Transcripts;

/// <summary>Whether call transcripts are written to the store.</summary>
internal enum TranscriptRetention
{
    /// <summary>Stored with the call and kept with its transfers' records (history shows them).</summary>
    KeepWithTransfer,

    /// <summary>Held in memory only while the call is open, never written to disk.</summary>
    Off,
}
