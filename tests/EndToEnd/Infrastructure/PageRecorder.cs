using System.Text.Json;

namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>
/// Records, inside a page, what its <c>&lt;audio&gt;</c> elements matching a selector play (see
/// <see cref="ReceivedAudio"/>): an AudioWorklet taps the received streams and keeps the samples (mono, the page's
/// AudioContext rate), and notes the wall-clock time of the first audible block. Elements that appear after the start
/// (a track published later) are picked up as they come.
/// </summary>
public sealed class PageRecorder
{
    private const string StartScript = """
        async ({ key, selector, thresholdDb }) => {
          const recorders = (window.__wtRecorders ??= {});
          const context = new AudioContext();
          const code = `class WtRecorder extends AudioWorkletProcessor {
            process(inputs) { const channel = inputs[0] && inputs[0][0]; if (channel) this.port.postMessage(channel.slice(0)); return true; }
          }
          registerProcessor('wt-recorder', WtRecorder);`;
          const url = URL.createObjectURL(new Blob([code], { type: 'application/javascript' }));
          await context.audioWorklet.addModule(url);
          URL.revokeObjectURL(url);
          const node = new AudioWorkletNode(context, 'wt-recorder');
          // Pulled by the graph only when connected onwards: a silent gain to the output.
          const mute = context.createGain();
          mute.gain.value = 0;
          node.connect(mute).connect(context.destination);
          await context.resume().catch(() => {});
          const threshold = Math.pow(10, thresholdDb / 20);
          const recorder = { context, node, chunks: [], sources: new Map(), firstSoundAt: null, lastSoundAt: null, timer: 0 };
          node.port.onmessage = ({ data }) => {
            recorder.chunks.push(data);
            let sum = 0;
            for (const s of data) sum += s * s;
            if (Math.sqrt(sum / data.length) >= threshold) {
              const now = Date.now();
              recorder.firstSoundAt ??= now;
              recorder.lastSoundAt = now;
            }
          };
          const attach = () => {
            for (const element of document.querySelectorAll(selector)) {
              if (element.srcObject && !recorder.sources.has(element.srcObject)) {
                const source = context.createMediaStreamSource(element.srcObject);
                source.connect(node);
                recorder.sources.set(element.srcObject, source);
              }
            }
          };
          attach();
          recorder.timer = setInterval(attach, 50);
          recorders[key] = recorder;
          return context.sampleRate;
        }
        """;

    private const string FirstSoundScript = """
        (key) => window.__wtRecorders?.[key]?.firstSoundAt ?? null
        """;

    // Waits for the sound to have stopped for a while (its tail is still in the jitter buffer when the sender is
    // done), then returns everything as 16-bit PCM in base64.
    private const string StopScript = """
        async ({ key, quietMs, maxWaitMs }) => {
          const recorder = window.__wtRecorders?.[key];
          if (!recorder) return null;
          const deadline = Date.now() + maxWaitMs;
          while (Date.now() < deadline && (recorder.lastSoundAt === null || Date.now() - recorder.lastSoundAt < quietMs)) {
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          clearInterval(recorder.timer);
          recorder.node.port.onmessage = null;
          await recorder.context.close().catch(() => {});
          delete window.__wtRecorders[key];
          const total = recorder.chunks.reduce((n, c) => n + c.length, 0);
          const pcm = new Int16Array(total);
          let offset = 0;
          for (const chunk of recorder.chunks) {
            for (const s of chunk) pcm[offset++] = Math.max(-32768, Math.min(32767, Math.round(s * 32767)));
          }
          const bytes = new Uint8Array(pcm.buffer);
          let binary = '';
          for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
          return { pcm: btoa(binary), sampleRate: recorder.context.sampleRate, firstSoundAt: recorder.firstSoundAt };
        }
        """;

    private readonly PageSession _session;
    private readonly string _key;

    private PageRecorder(PageSession session, string key, int sampleRate)
    {
        _session = session;
        _key = key;
        SampleRate = sampleRate;
    }

    public int SampleRate { get; }

    /// <summary>Starts recording what <paramref name="selector"/> plays in <paramref name="session"/>'s page.</summary>
    public static async Task<PageRecorder> StartAsync(PageSession session, string selector)
    {
        var key = Guid.NewGuid().ToString("N");
        var rate = await session.Page.EvaluateAsync<int>(StartScript, new { key, selector, thresholdDb = ReceivedAudio.HeardDbfs });
        return new PageRecorder(session, key, rate);
    }

    /// <summary>When the first audible block arrived (null: nothing audible yet).</summary>
    public async Task<DateTimeOffset?> FirstSoundAtAsync()
    {
        var at = await _session.Page.EvaluateAsync<double?>(FirstSoundScript, _key);
        return at is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : null;
    }

    /// <summary>
    /// Waits until the recording has been quiet for <paramref name="quiet"/> after the last audible block (at most
    /// <paramref name="maxWait"/>), stops, and returns what was recorded.
    /// </summary>
    public async Task<PageRecording> StopAsync(TimeSpan quiet, TimeSpan maxWait)
    {
        var result = await _session.Page.EvaluateAsync<JsonElement?>(StopScript, new { key = _key, quietMs = quiet.TotalMilliseconds, maxWaitMs = maxWait.TotalMilliseconds });
        if (result is not { ValueKind: JsonValueKind.Object } recorded)
        {
            throw new InvalidOperationException("The page lost its recorder (was it reloaded?).");
        }

        var bytes = Convert.FromBase64String(recorded.GetProperty("pcm").GetString()!);
        var samples = new short[bytes.Length / 2];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 2);
        var first = recorded.GetProperty("firstSoundAt");
        return new PageRecording(
            samples,
            recorded.GetProperty("sampleRate").GetInt32(),
            first.ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeMilliseconds((long)first.GetDouble()) : null);
    }
}
