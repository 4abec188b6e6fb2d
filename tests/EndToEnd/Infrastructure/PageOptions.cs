namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>How to open a page: viewport (CSS pixels) and the role browser's fake microphone.</summary>
public sealed class PageOptions
{
    public int Width { get; init; } = 1280;

    public int Height { get; init; } = 900;

    /// <summary>A WAV file the browser's microphone plays (16-bit PCM); null for Chromium's fake beep.</summary>
    public string? FakeMicrophoneWav { get; init; }

    /// <summary>Script run in the page before its own scripts (test instrumentation, e.g. recording peer connections).</summary>
    public string? InitScript { get; init; }

    /// <summary>A phone-sized viewport (360 × 740).</summary>
    public static PageOptions Phone { get; } = new() { Width = 360, Height = 740 };
}
