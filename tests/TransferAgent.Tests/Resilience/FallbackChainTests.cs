using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Resilience;
using WarmTransfer.TransferAgent.SpeechToText;
using WarmTransfer.TransferAgent.Summaries;
using WarmTransfer.TransferAgent.Tests.TestSupport;
using WarmTransfer.TransferAgent.TextToSpeech;
using Xunit.Abstractions;

namespace WarmTransfer.TransferAgent.Tests.Resilience;

/// <summary>
/// The configured provider chains, built by AddTransferAgentEngines, against a local fake server that fails on purpose:
/// errors and time-outs fall back to the next provider, retryable ones are retried first, and the fallback is recorded.
/// </summary>
[Collection(OfflineEnginesGroup.Name)]
public sealed class FallbackChainTests(OfflineEnginesFixture engines, ITestOutputHelper output)
{
    private const string OpenAIKey = "sk-test-openai-SECRET-7f3a9c";
    private const string AzureKey = "azure-SECRET-key-51d2e8";

    [Fact]
    public async Task GetTextAsync_OpenAI500AndAzure429_RetriesEachThenPocketSphinxServes()
    {
        await using var server = await FakeAiServer.StartAsync();
        server.Respond = (path, _, _) => path.StartsWith("/v1/", StringComparison.Ordinal)
            ? FakeResponse.Error(500)
            : FakeResponse.Error(429, """{"error":{"code":"TooManyRequests","message":"slow down"}}""", new Dictionary<string, string> { ["Retry-After"] = "0" });
        using var host = BuildHost(server, new()
        {
            ["Stt:Providers"] = "openai,azure,pocketsphinx",
            ["Stt:Resilience:MaxRetryAttempts"] = "1",
            ["Stt:Resilience:BaseDelay"] = "00:00:00.010",
        });
        var stt = host.Services.GetRequiredService<ISpeechToTextClient>();
        var speech = engines.Speak("Could you please check my last payment?");

        var response = await stt.GetTextAsync(SpeechAudio.ToWavStream(speech));

        output.WriteLine($"{response.GetProvenance()}: {response.Text}");
        var provenance = response.GetProvenance()!;
        Assert.Equal("pocketsphinx", provenance.ServedBy);
        Assert.Equal(["openai", "azure"], provenance.Failures.Select(f => f.Provider));
        Assert.Equal([EngineErrorKind.ServerError, EngineErrorKind.RateLimited], provenance.Failures.Select(f => f.Kind));
        Assert.Contains("payment", response.Text, StringComparison.Ordinal);
        Assert.Equal(2, server.Count("/v1/audio/transcriptions")); // one retry each
        Assert.Equal(2, server.Count("/azure/speech/recognition/conversation/cognitiveservices/v1"));
        var logs = host.Logs().GetSnapshot();
        Assert.Contains(logs, r => r.Level == LogLevel.Warning && r.Message.Contains("stt provider openai failed (ServerError, status 500); next: azure", StringComparison.Ordinal));
        Assert.Contains(logs, r => r.Level == LogLevel.Warning && r.Message.Contains("stt provider azure failed (RateLimited, status 429); next: pocketsphinx", StringComparison.Ordinal));
        Assert.Contains(logs, r => r.Message.Contains("stt served by fallback provider pocketsphinx after 2 failure(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetTextAsync_ServerErrorThenSuccess_IsRetriedOnTheSameProvider()
    {
        await using var server = await FakeAiServer.StartAsync();
        server.Respond = (_, attempt, _) => attempt == 1 ? FakeResponse.Error(503) : FakePayloads.Transcription("hello again");
        using var host = BuildHost(server, new()
        {
            ["Stt:Providers"] = "openai,pocketsphinx",
            ["Stt:Resilience:MaxRetryAttempts"] = "2",
            ["Stt:Resilience:BaseDelay"] = "00:00:00.010",
        });

        var response = await host.Services.GetRequiredService<ISpeechToTextClient>().GetTextAsync(SpeechAudio.ToWavStream(PcmAudio.Silence(TimeSpan.FromSeconds(0.5), 16000)));

        Assert.Equal("hello again", response.Text);
        Assert.Equal("openai", response.GetProvenance()!.ServedBy);
        Assert.False(response.GetProvenance()!.FellBack);
        Assert.Equal(2, server.Count("/v1/audio/transcriptions"));
        Assert.Contains(host.Logs().GetSnapshot(), r => r.Message.StartsWith("Retrying openai after ServerError (attempt 1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SummarizeAsync_OpenAIDoesNotAnswerInTime_FallsBackToExtractive()
    {
        await using var server = await FakeAiServer.StartAsync();
        server.Respond = (_, _, _) => FakeResponse.NoAnswer();
        using var host = BuildHost(server, new()
        {
            ["Summary:Providers"] = "openai,extractive",
            ["Summary:Resilience:AttemptTimeout"] = "00:00:01",
            ["Summary:Resilience:MaxRetryAttempts"] = "0",
        });

        var summary = await host.Services.GetRequiredService<TransferSummarizer>().SummarizeAsync(SampleTransfers.DoubleCharge());

        output.WriteLine($"{summary.Provenance}: {summary.Text}");
        Assert.Equal("extractive", summary.Provenance!.ServedBy);
        var failure = Assert.Single(summary.Provenance.Failures);
        Assert.Equal(("openai", EngineErrorKind.Timeout), (failure.Provider, failure.Kind));
        Assert.Contains("471293", summary.Text, StringComparison.Ordinal);
        Assert.Equal(1, server.Count("/v1/chat/completions"));
    }

    [Fact]
    public async Task GetAudioAsync_OpenAIRejectsTheKey_FliteServesAtTheOutputRate()
    {
        await using var server = await FakeAiServer.StartAsync();
        // Like OpenAI, the error body repeats the key it was given; it must not reach the logs.
        server.Respond = (_, _, request) => FakeResponse.Error(401, $$$"""{"error":{"message":"Incorrect API key provided: {{{request.Header("Authorization")}}}","code":"invalid_api_key"}}""");
        using var host = BuildHost(server, new() { ["Tts:Providers"] = "openai,flite" });

        var response = await host.Services.GetRequiredService<ITextToSpeechClient>().GetAudioAsync("Please hold while I brief my colleague.");

        var audio = PcmMediaType.Decode((DataContent)Assert.Single(response.Contents));
        Assert.Equal(48000, audio.SampleRate);
        Assert.True(audio.Duration > TimeSpan.FromSeconds(1));
        Assert.Equal("flite", response.GetProvenance()!.ServedBy);
        Assert.Equal(EngineErrorKind.Unauthorized, Assert.Single(response.GetProvenance()!.Failures).Kind);
        Assert.Equal(1, server.Count("/v1/audio/speech")); // 401 is not retried
    }

    [Fact]
    public async Task GetTextAsync_EveryProviderFails_ThrowsWithEachFailureAndNoSecrets()
    {
        await using var server = await FakeAiServer.StartAsync();
        server.Respond = (_, _, request) => FakeResponse.Error(401, $$$"""{"error":{"message":"bad key {{{request.Header("Authorization")}}} {{{request.Header("Ocp-Apim-Subscription-Key")}}}"}}""");
        using var host = BuildHost(server, new() { ["Stt:Providers"] = "openai,azure" });

        var error = await Assert.ThrowsAsync<EngineException>(() =>
            host.Services.GetRequiredService<ISpeechToTextClient>().GetTextAsync(SpeechAudio.ToWavStream(PcmAudio.Silence(TimeSpan.FromSeconds(0.5), 16000))));

        output.WriteLine(error.ToString());
        Assert.Equal(EngineErrorKind.AllProvidersFailed, error.Kind);
        Assert.Equal(["openai", "azure"], error.Failures.Select(f => f.Provider));
        Assert.All(error.Failures, f => Assert.Equal(EngineErrorKind.Unauthorized, f.Kind));
        Assert.DoesNotContain(OpenAIKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AzureKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_AtTraceDuringFailuresAndSuccesses_NeverContainKeysAndKeepContentAtTrace()
    {
        await using var server = await FakeAiServer.StartAsync();
        const string transcript = "my account number is 471293 and I was charged twice";
        server.Respond = (path, attempt, request) => path switch
        {
            "/v1/audio/transcriptions" when attempt == 1 => FakeResponse.Error(401, $$$"""{"error":{"message":"Incorrect API key provided: {{{request.Header("Authorization")}}}"}}"""),
            "/v1/audio/transcriptions" => FakePayloads.Transcription(transcript),
            "/v1/chat/completions" => FakePayloads.ChatCompletion("Caller account 471293. Next step for you: approve the refund."),
            _ => FakeResponse.Error(500, $$$"""{"error":{"code":"Boom","message":"key {{{request.Header("Ocp-Apim-Subscription-Key")}}}"}}"""),
        };
        using var host = BuildHost(server, new()
        {
            ["Stt:Providers"] = "azure,openai",
            ["Stt:Resilience:MaxRetryAttempts"] = "1",
            ["Stt:Resilience:BaseDelay"] = "00:00:00.010",
            ["Summary:Providers"] = "openai,extractive",
        });
        var stt = host.Services.GetRequiredService<ISpeechToTextClient>();
        var silence = PcmAudio.Silence(TimeSpan.FromSeconds(0.5), 16000);

        await Assert.ThrowsAsync<EngineException>(() => stt.GetTextAsync(SpeechAudio.ToWavStream(silence))); // azure 500 x2, openai 401
        var heard = await stt.GetTextAsync(SpeechAudio.ToWavStream(silence));                                    // azure 500 x2, openai ok
        var summary = await host.Services.GetRequiredService<TransferSummarizer>().SummarizeAsync(SampleTransfers.DoubleCharge());

        Assert.Equal(transcript, heard.Text);
        var records = host.Logs().GetSnapshot();
        output.WriteLine($"{records.Count} log records captured");
        Assert.Contains(records, r => r.Level == LogLevel.Warning && r.Message.Contains("stt provider azure failed (ServerError, status 500)", StringComparison.Ordinal));
        foreach (var record in records)
        {
            string everything = $"{record.Message} {record.Exception} {string.Join(' ', record.StructuredState?.Select(kv => kv.Value) ?? [])}";
            Assert.DoesNotContain(OpenAIKey, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(AzureKey, everything, StringComparison.Ordinal);
            if (record.Level > LogLevel.Trace)
            {
                Assert.DoesNotContain("471293", everything, StringComparison.Ordinal);
                Assert.DoesNotContain(summary.Text, everything, StringComparison.Ordinal);
            }
        }

        Assert.Contains(records, r => r.Level == LogLevel.Trace && r.Message.Contains(transcript, StringComparison.Ordinal));
        Assert.Contains(records, r => r.Level == LogLevel.Trace && r.Message.Contains(summary.Text, StringComparison.Ordinal));
    }

    private static IHost BuildHost(FakeAiServer server, Dictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Stt:Providers"] = "pocketsphinx",
            ["Tts:Providers"] = "flite",
            ["Summary:Providers"] = "extractive",
            ["Stt:OpenAI:BaseUrl"] = $"{server.BaseAddress}v1",
            ["Stt:OpenAI:ApiKey"] = OpenAIKey,
            ["Tts:OpenAI:BaseUrl"] = $"{server.BaseAddress}v1",
            ["Tts:OpenAI:ApiKey"] = OpenAIKey,
            ["Summary:OpenAI:BaseUrl"] = $"{server.BaseAddress}v1",
            ["Summary:OpenAI:ApiKey"] = OpenAIKey,
            ["Stt:Azure:BaseUrl"] = $"{server.BaseAddress}azure",
            ["Stt:Azure:ApiKey"] = AzureKey,
            ["Tts:Azure:BaseUrl"] = $"{server.BaseAddress}azure",
            ["Tts:Azure:ApiKey"] = AzureKey,
            ["Stt:Resilience:MaxRetryAttempts"] = "0",
            ["Tts:Resilience:MaxRetryAttempts"] = "0",
            ["Summary:Resilience:MaxRetryAttempts"] = "0",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return EngineHost.Build(all);
    }
}
