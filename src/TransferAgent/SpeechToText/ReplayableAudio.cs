namespace WarmTransfer.TransferAgent.SpeechToText;

/// <summary>Buffers request audio once so retries and fallbacks can each get a fresh stream over the same bytes.</summary>
internal static class ReplayableAudio
{
    public static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (stream is MemoryStream memory && memory.TryGetBuffer(out var segment) && memory.Position == 0)
        {
            return segment.Count == segment.Array!.Length && segment.Offset == 0 ? segment.Array : segment.AsSpan().ToArray();
        }

        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        return copy.ToArray();
    }
}
