namespace WarmTransfer.TransferAgent.Audio;

/// <summary>
/// Receives one paced frame (e.g. LiveKit's AudioSource.CaptureFrame). <paramref name="frame"/> is only valid until
/// the returned task completes: the pacer reuses the buffer, so a sink that keeps the samples must copy them.
/// </summary>
public delegate ValueTask AudioFrameSink(ReadOnlyMemory<short> frame, CancellationToken cancellationToken);
