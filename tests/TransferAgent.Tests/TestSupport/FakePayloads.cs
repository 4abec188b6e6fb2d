using System.Text.Json;
using WarmTransfer.TransferAgent.Audio;

namespace WarmTransfer.TransferAgent.Tests.TestSupport;

/// <summary>Bodies in the shapes OpenAI and Azure Speech answer with.</summary>
public static class FakePayloads
{
    public static FakeResponse Transcription(string text) => FakeResponse.Json(JsonSerializer.Serialize(new { text }));

    public static FakeResponse ChatCompletion(string content, string model = "gpt-4o-mini") => FakeResponse.Json(JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_700_000_000,
        model,
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 100, completion_tokens = 40, total_tokens = 140 },
    }));

    /// <summary>Half a second of a 440 Hz tone as raw 16-bit PCM at <paramref name="sampleRate"/>.</summary>
    public static FakeResponse Pcm(int sampleRate, string contentType = "audio/pcm") =>
        FakeResponse.Bytes(PcmSamples.ToBytes(TestSignals.Sine(440, 0.3, sampleRate, TimeSpan.FromSeconds(0.5))), contentType);

    public static FakeResponse AzureRecognition(string status, string? text = null) => FakeResponse.Json(JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["RecognitionStatus"] = status,
        ["DisplayText"] = text,
        ["Offset"] = 1_000_000,
        ["Duration"] = 20_000_000,
    }));
}
