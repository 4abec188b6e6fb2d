using System.Globalization;
using System.Text.Json;

namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>
/// What a page really hears: the pages play every remote track they subscribe to in an <c>&lt;audio&gt;</c> element
/// under <c>#audio</c>, tagged with <c>data-participant</c> (the sender's identity) and <c>data-track</c> (the track
/// name). This taps those elements' streams with WebAudio inside the page, so a level here is audio that went through
/// the sender's browser, the dev server's media plane and this browser's decoder.
/// </summary>
public static class ReceivedAudio
{
    /// <summary>
    /// An RMS level (dBFS over ~43 ms) that speech or Chromium's fake-microphone beep passes easily and that silence,
    /// comfort noise and Opus's DTX frames do not reach.
    /// </summary>
    public const double HeardDbfs = -50;

    // Polls the tagged elements' mixed level until it reaches the threshold or the time is up; reports the loudest
    // window seen and how many elements matched.
    private const string LevelScript = """
        async ({ selector, thresholdDb, timeoutMs }) => {
          const deadline = performance.now() + timeoutMs;
          const samples = new Float32Array(2048);
          const sources = new Map();
          let context = null;
          let analyser = null;
          let best = -200;
          let matched = 0;
          try {
            while (performance.now() < deadline && best < thresholdDb) {
              const elements = Array.from(document.querySelectorAll(selector)).filter((e) => e.srcObject);
              matched = Math.max(matched, elements.length);
              if (elements.length > 0) {
                if (!context) {
                  context = new AudioContext();
                  analyser = context.createAnalyser();
                  analyser.fftSize = samples.length;
                }
                for (const element of elements) {
                  if (!sources.has(element.srcObject)) {
                    const source = context.createMediaStreamSource(element.srcObject);
                    source.connect(analyser);
                    sources.set(element.srcObject, source);
                  }
                }
                if (context.state !== 'running') {
                  await context.resume().catch(() => {});
                }
                analyser.getFloatTimeDomainData(samples);
                let sum = 0;
                for (const s of samples) {
                  sum += s * s;
                }
                const rms = Math.sqrt(sum / samples.length);
                best = Math.max(best, rms > 0 ? 20 * Math.log10(rms) : -200);
              }
              await new Promise((resolve) => setTimeout(resolve, 40));
            }
          } finally {
            if (context) {
              await context.close().catch(() => {});
            }
          }
          return { level: best, matched };
        }
        """;

    /// <summary>The CSS selector of the elements playing <paramref name="participant"/>'s audio (optionally one track).</summary>
    public static string From(string participant, string? track = null) =>
        $"#audio audio[data-participant=\"{participant}\"]" + (track is null ? string.Empty : $"[data-track=\"{track}\"]");

    /// <summary>The elements playing a track named <paramref name="track"/>, whoever sends it.</summary>
    public static string Track(string track) => $"#audio audio[data-track=\"{track}\"]";

    /// <summary>
    /// Listens in <paramref name="session"/>'s page to what <paramref name="selector"/> plays until it is heard
    /// (<see cref="HeardDbfs"/>) or <paramref name="within"/> has passed; returns the loudest level seen.
    /// </summary>
    public static async Task<HeardLevel> ListenAsync(PageSession session, string selector, TimeSpan? within = null)
    {
        var timeout = within ?? TimeSpan.FromMilliseconds(TestTimeouts.PageMs);
        var result = await session.Page.EvaluateAsync<JsonElement>(
            LevelScript,
            new { selector, thresholdDb = HeardDbfs, timeoutMs = timeout.TotalMilliseconds });
        return new HeardLevel(result.GetProperty("level").GetDouble(), result.GetProperty("matched").GetInt32());
    }

    /// <summary>Fails unless <paramref name="listener"/> hears <paramref name="selector"/>'s audio.</summary>
    public static async Task ExpectHeardAsync(PageSession listener, string selector, string what)
    {
        var heard = await ListenAsync(listener, selector);
        Assert.True(
            heard.Matched > 0,
            $"{listener.Role} plays no audio element matching {selector} ({what}).");
        Assert.True(
            heard.LevelDbfs >= HeardDbfs,
            string.Create(CultureInfo.InvariantCulture, $"{listener.Role} does not hear {what}: loudest {heard.LevelDbfs:F1} dBFS, needs {HeardDbfs} dBFS."));
    }
}
