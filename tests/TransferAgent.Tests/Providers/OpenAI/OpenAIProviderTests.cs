using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Resilience;
using WarmTransfer.TransferAgent.SpeechToText;
using WarmTransfer.TransferAgent.Summaries;
using WarmTransfer.TransferAgent.Tests.TestSupport;
using WarmTransfer.TransferAgent.TextToSpeech;

namespace WarmTransfer.TransferAgent.Tests.Providers.OpenAI;

/// <summary>The OpenAI-compatible providers against a local fake server: the requests they send and how answers come back.</summary>
public sealed class OpenAIProviderTests
{
    private const string Key = "sk-test-openai-0123456789";

    [Fact]
    public async Task GetTextAsync_Whisper_PostsMultipartWithModelLanguageAndWavFile()
    {
        await using var server = await FakeAiServer.StartAsync();
        server.Respond = (path, _, _) => path == "/v1/audio/transcriptions" ? FakePayloads.Transcription("my account number is 471293") : FakeResponse.Error(404);
        using var host = EngineHost.Build(new Dictionary<string, string?>
        {
            ["Stt:Providers:0"] = "openai",
            ["Stt:OpenAI:BaseUrl"] = $"{server.BaseAddress}v1",
            ["Stt:OpenAI:ApiKey"] = Key,
            ["Stt:OpenAI:Model"] = "whisper-large-v3",
        });
        var stt = host.Services.GetRequiredService<ISpeechToTextClient>();
        var clip = new PcmAudio(TestSignals.Sine(300, 0.2, 16000, TimeSpan.FromSeconds(1)), 16000);

        var response = await stt.GetTextAsync(SpeechAudio.ToWavStream(clip), new SpeechToTextOptions { SpeechLanguage = "en" });

        Assert.Equal("my account number is 471293", response.Text);
        Assert.Equal("openai", response.GetProvenance()?.ServedBy);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/audio/transcriptions", request.Path);
        Assert.Equal($"Bearer {Key}", request.Header("Authorization"));
        Assert.StartsWith("multipart/form-data", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("whisper-large-v3", request.FormFields["model"]);
        Assert.Equal("en", request.FormFields["language"]);
        var file = Assert.Single(request.Files);
        Assert.Equal("file", file.Name);
        Assert.EndsWith(".wav", file.FileName, StringComparison.Ordinal);
        var sent = WavFile.Decode(file.Content);
        Assert.Equal(16000, sent.SampleRate);
        Assert.Equal(clip.Samples.ToArray(), sent.Samples.ToArray());
    }

    [Fact]
    public async Task SummarizeAsync_ChatCompletions_SendsPromptAndTranscriptAndCleansTheAnswer()
    {
        await using var server = await FakeAiServer.StartAsync();
        server.Respond = (path, _, _) => path == "/v1/chat/completions"
            ? FakePayloads.ChatCompletion("**Caller:** John Smith, account 471293.\n- Issue: charged $245 twice.\n- Next step for you: approve the refund.")
            : FakeResponse.Error(404);
        using var host = EngineHost.Build(new Dictionary<string, string?>
        {
            ["Summary:Providers:0"] = "openai",
            ["Summary:OpenAI:BaseUrl"] = $"{server.BaseAddress}v1",
            ["Summary:OpenAI:ApiKey"] = Key,
            ["Summary:OpenAI:Model"] = "gpt-4o-mini",
        });
        var summarizer = host.Services.GetRequiredService<TransferSummarizer>();

        var summary = await summarizer.SummarizeAsync(SampleTransfers.DoubleCharge());

        Assert.Equal("Caller: John Smith, account 471293. Issue: charged $245 twice. Next step for you: approve the refund.", summary.Text);
        Assert.Equal("Caller: John Smith, account number 4 7 1 2 9 3. Issue: charged 245 dollars twice. Next step for you: approve the refund.", summary.SpeakableText);
        Assert.Equal("openai", summary.Provenance?.ServedBy);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {Key}", request.Header("Authorization"));
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal("gpt-4o-mini", root.GetProperty("model").GetString());
        Assert.Equal(0.2, root.GetProperty("temperature").GetDouble(), 3);
        int maxTokens = (root.TryGetProperty("max_completion_tokens", out var m) ? m : root.GetProperty("max_tokens")).GetInt32();
        Assert.Equal(300, maxTokens);
        var messages = root.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(2, messages.Count);
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal(SummaryPrompt.Load().Text, ContentText(messages[0]));
        Assert.Equal("user", messages[1].GetProperty("role").GetString());
        string user = ContentText(messages[1]);
        Assert.Contains("Transcript:", user, StringComparison.Ordinal);
        Assert.Contains("Caller: my account number is four seven one two nine three", user, StringComparison.Ordinal);
        Assert.Contains("Agent notes:", user, StringComparison.Ordinal);
        Assert.Contains("Needs refund approval for the second charge.", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAudioAsync_Speech_PostsModelVoiceAndPcmFormatAndReturnsPcmAtTheOutputRate()
    {
        await using var server = await FakeAiServer.StartAsync();
        server.Respond = (path, _, _) => path == "/v1/audio/speech" ? FakePayloads.Pcm(24000) : FakeResponse.Error(404);
        using var host = EngineHost.Build(new Dictionary<string, string?>
        {
            ["Tts:Providers:0"] = "openai",
            ["Tts:OpenAI:BaseUrl"] = $"{server.BaseAddress}v1",
            ["Tts:OpenAI:ApiKey"] = Key,
            ["Tts:OpenAI:Voice"] = "coral",
        });
        var tts = host.Services.GetRequiredService<ITextToSpeechClient>();

        var response = await tts.GetAudioAsync("Next step for you: approve the refund.");

        var content = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        Assert.Equal("audio/l16;rate=48000;channels=1", content.MediaType);
        var audio = PcmMediaType.Decode(content);
        Assert.Equal(48000, audio.SampleRate);
        Assert.Equal(24000, audio.Length); // 0.5 s from 24 kHz, resampled
        Assert.Equal("openai", response.GetProvenance()?.ServedBy);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/audio/speech", request.Path);
        Assert.Equal($"Bearer {Key}", request.Header("Authorization"));
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("gpt-4o-mini-tts", json.RootElement.GetProperty("model").GetString());
        Assert.Equal("Next step for you: approve the refund.", json.RootElement.GetProperty("input").GetString());
        Assert.Equal("coral", json.RootElement.GetProperty("voice").GetString());
        Assert.Equal("pcm", json.RootElement.GetProperty("response_format").GetString());
    }

    /// <summary>Chat content is a string, or an array of parts in newer SDKs.</summary>
    private static string ContentText(JsonElement message)
    {
        var content = message.GetProperty("content");
        return content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Concat(content.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
    }
}
