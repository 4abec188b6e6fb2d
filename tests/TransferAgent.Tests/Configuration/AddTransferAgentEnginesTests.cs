using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Configuration;
using WarmTransfer.TransferAgent.Language;
using WarmTransfer.TransferAgent.Resilience;
using WarmTransfer.TransferAgent.SpeechToText;
using WarmTransfer.TransferAgent.Summaries;
using WarmTransfer.TransferAgent.Tests.TestSupport;
using WarmTransfer.TransferAgent.TextToSpeech;
using Xunit.Abstractions;

namespace WarmTransfer.TransferAgent.Tests.Configuration;

public sealed class AddTransferAgentEnginesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task StartAsync_ProductionWithoutProviders_FailsNamingEachSetting()
    {
        using var host = EngineHost.Build(new Dictionary<string, string?>());

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        string message = Flatten(error);
        output.WriteLine(message);
        Assert.Contains("Stt:Providers is empty", message, StringComparison.Ordinal);
        Assert.Contains("Tts:Providers is empty", message, StringComparison.Ordinal);
        Assert.Contains("Summary:Providers is empty", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_OpenAIListedWithoutKey_FailsNamingTheKeySetting()
    {
        using var host = EngineHost.Build(Offline(new() { ["Stt:Providers:0"] = "openai", ["Stt:Providers:1"] = "pocketsphinx" }));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("Stt:OpenAI:ApiKey is required when 'openai' is listed in Stt:Providers", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_AzureWithoutRegionOrKey_FailsNamingBoth()
    {
        using var host = EngineHost.Build(Offline(new() { ["Tts:Providers:0"] = "azure" }));

        string message = Flatten(await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync()));

        Assert.Contains("Tts:Azure:ApiKey is required when 'azure' is listed in Tts:Providers", message, StringComparison.Ordinal);
        Assert.Contains("Tts:Azure:Region (or Tts:Azure:BaseUrl) is required", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_UnknownProviderAndBadValue_NameTheSettings()
    {
        using var host = EngineHost.Build(Offline(new()
        {
            ["Summary:Providers:0"] = "llama",
            ["Tts:OpenAI:Speed"] = "9",
            ["Vad:DeactivationThreshold"] = "0.9",
        }));

        string message = Flatten(await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync()));

        output.WriteLine(message);
        Assert.Contains("Summary:Providers lists 'llama', which is not a summary provider; known: openai, extractive.", message, StringComparison.Ordinal);
        Assert.Contains("Tts:OpenAI:Speed must be between 0.25 and 4", message, StringComparison.Ordinal);
        Assert.Contains("Vad:DeactivationThreshold (0.9) must not exceed Vad:ActivationThreshold (0.5)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_CommaSeparatedProviders_AreSplitInOrder()
    {
        using var host = EngineHost.Build(new Dictionary<string, string?> { ["Stt:Providers"] = "OpenAI, pocketsphinx", ["Stt:OpenAI:ApiKey"] = "sk-test" });

        var options = host.Services.GetRequiredService<IOptions<SpeechToTextEngineOptions>>();

        Assert.Equal(["openai", "pocketsphinx"], options.Value.Providers);
    }

    [Fact]
    public async Task StartAsync_DevelopmentWithNoSettings_RunsEveryCapabilityOnTheOfflineEngines()
    {
        using var host = await EngineHost.StartAsync(new Dictionary<string, string?>(), environment: "Development");
        var streams = host.Services.GetRequiredService<SpeechToTextStreamFactory>();
        var tts = host.Services.GetRequiredService<ITextToSpeechClient>();
        var summarizer = host.Services.GetRequiredService<TransferSummarizer>();

        var summary = await summarizer.SummarizeAsync(SampleTransfers.DoubleCharge());
        var speech = await tts.GetAudioAsync(summary.SpeakableText);
        var audio = PcmMediaType.Decode((DataContent)speech.Contents.Single());
        var heard = new List<TranscriptEvent>();
        await using (var stream = streams.Create("agent-b"))
        {
            // What Agent B's side would do: 48 kHz from the room, down to 16 kHz for VAD and recognition.
            var at16k = audio.ResampleTo(16000);
            await stream.WriteAsync(at16k.Samples);
            await stream.CompleteAsync();
            await foreach (var e in stream.ReadEventsAsync())
            {
                heard.Add(e);
            }
        }

        var finals = heard.Where(e => e.Kind == TranscriptEventKind.FinalTranscript).ToList();
        string transcript = WordErrorRate.Normalize(string.Join(' ', finals.Select(e => e.Text)));
        output.WriteLine($"summary ({summary.Provenance}): {summary.Text}");
        output.WriteLine($"spoken as: {summary.SpeakableText}");
        output.WriteLine($"speech ({speech.GetProvenance()}): {audio.Duration.TotalSeconds:0.0} s at {audio.SampleRate} Hz");
        output.WriteLine($"heard back ({finals.FirstOrDefault()?.Provenance}): {transcript}");
        Assert.Equal("extractive", summary.Provenance?.ServedBy);
        Assert.Equal("flite", speech.GetProvenance()?.ServedBy);
        Assert.All(finals, e => Assert.Equal("pocketsphinx", e.Provenance?.ServedBy));
        Assert.Equal(48000, audio.SampleRate);
        Assert.Contains("471293", transcript, StringComparison.Ordinal);
        Assert.Contains("245", transcript, StringComparison.Ordinal);
        Assert.Contains("smith", transcript, StringComparison.Ordinal);
        Assert.Contains("Speech engines ready: stt pocketsphinx; tts flite; summary extractive", host.Logs().GetSnapshot().Select(r => r.Message));
        await host.StopAsync();
    }

    /// <summary>Settings that keep every capability offline except what a test overrides.</summary>
    private static Dictionary<string, string?> Offline(Dictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Stt:Providers:0"] = "pocketsphinx",
            ["Tts:Providers:0"] = "flite",
            ["Summary:Providers:0"] = "extractive",
        };
        foreach (var (key, value) in overrides)
        {
            foreach (string stale in settings.Keys.Where(k => k.StartsWith(key.Split(':')[0] + ":Providers", StringComparison.Ordinal) && key.Contains(":Providers", StringComparison.Ordinal)).ToList())
            {
                settings.Remove(stale);
            }
        }

        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static string Flatten(Exception error) => error is AggregateException aggregate
        ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(e => e.Message))
        : error.Message;
}
