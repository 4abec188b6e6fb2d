using System.Xml.Linq;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Resilience;
using WarmTransfer.TransferAgent.SpeechToText;
using WarmTransfer.TransferAgent.Tests.TestSupport;
using WarmTransfer.TransferAgent.TextToSpeech;

namespace WarmTransfer.TransferAgent.Tests.Providers.Azure;

/// <summary>The Azure Speech REST providers against a local fake server.</summary>
public sealed class AzureProviderTests
{
    private const string Key = "azure-speech-key-0123456789";

    [Fact]
    public async Task GetTextAsync_ShortAudio_PostsWav16kWithKeyAndLanguage()
    {
        await using var server = await FakeAiServer.StartAsync();
        server.Respond = (path, _, _) => path == "/azure/speech/recognition/conversation/cognitiveservices/v1"
            ? FakePayloads.AzureRecognition("Success", "My account number is 471293.")
            : FakeResponse.Error(404);
        using var host = Host(server, "Stt");
        var stt = host.Services.GetRequiredService<ISpeechToTextClient>();
        var clip48k = new PcmAudio(TestSignals.Sine(300, 0.2, 48000, TimeSpan.FromSeconds(1)), 48000);

        var response = await stt.GetTextAsync(SpeechAudio.ToWavStream(clip48k), new SpeechToTextOptions { SpeechLanguage = "en" });

        Assert.Equal("My account number is 471293.", response.Text);
        Assert.Equal(TimeSpan.FromSeconds(0.1), response.StartTime);
        Assert.Equal(TimeSpan.FromSeconds(2.1), response.EndTime);
        Assert.Equal("azure", response.GetProvenance()?.ServedBy);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("?language=en-GB&format=simple", request.Query); // "en" is too vague for Azure: the configured locale is used
        Assert.Equal(Key, request.Header("Ocp-Apim-Subscription-Key"));
        Assert.Equal("audio/wav; codecs=audio/pcm; samplerate=16000", request.ContentType);
        Assert.Equal("application/json", request.Header("Accept"));
        var sent = WavFile.Decode(request.Body);
        Assert.Equal(16000, sent.SampleRate);
        Assert.Equal(16000, sent.Length);
    }

    [Theory]
    [InlineData("NoMatch")]
    [InlineData("InitialSilenceTimeout")]
    public async Task GetTextAsync_NothingRecognised_IsEmptyTextNotAnError(string status)
    {
        await using var server = await FakeAiServer.StartAsync();
        server.Respond = (_, _, _) => FakePayloads.AzureRecognition(status);
        using var host = Host(server, "Stt");

        var response = await host.Services.GetRequiredService<ISpeechToTextClient>().GetTextAsync(SpeechAudio.ToWavStream(PcmAudio.Silence(TimeSpan.FromSeconds(1), 16000)));

        Assert.Equal("", response.Text);
    }

    [Fact]
    public async Task GetAudioAsync_Ssml_PostsVoiceFormatAndEscapedText()
    {
        await using var server = await FakeAiServer.StartAsync();
        server.Respond = (path, _, _) => path == "/azure/cognitiveservices/v1" ? FakePayloads.Pcm(24000, "audio/x-wav") : FakeResponse.Error(404);
        using var host = Host(server, "Tts", ("Tts:Azure:Voice", "en-GB-SoniaNeural"));
        const string text = "Caller: Tom & Jerry <ACME>, account 471293.";

        var response = await host.Services.GetRequiredService<ITextToSpeechClient>().GetAudioAsync(text, new TextToSpeechOptions { Speed = 1.1f });

        var audio = PcmMediaType.Decode((DataContent)Assert.Single(response.Contents));
        Assert.Equal(48000, audio.SampleRate);
        Assert.Equal(24000, audio.Length);
        var request = Assert.Single(server.Requests);
        Assert.Equal(Key, request.Header("Ocp-Apim-Subscription-Key"));
        Assert.Equal("raw-24khz-16bit-mono-pcm", request.Header("X-Microsoft-OutputFormat"));
        Assert.StartsWith("application/ssml+xml", request.ContentType, StringComparison.Ordinal);
        var ssml = XDocument.Parse(request.BodyText);
        XNamespace ns = "http://www.w3.org/2001/10/synthesis";
        Assert.Equal("en-GB", ssml.Root!.Attribute(XNamespace.Xml + "lang")!.Value);
        var voice = ssml.Root.Element(ns + "voice")!;
        Assert.Equal("en-GB-SoniaNeural", voice.Attribute("name")!.Value);
        Assert.Equal("+10%", voice.Element(ns + "prosody")!.Attribute("rate")!.Value);
        Assert.Equal(text, voice.Value);
    }

    private static Microsoft.Extensions.Hosting.IHost Host(FakeAiServer server, string section, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{section}:Providers:0"] = "azure",
            [$"{section}:Azure:BaseUrl"] = $"{server.BaseAddress}azure",
            [$"{section}:Azure:ApiKey"] = Key,
            [$"{section}:Azure:Language"] = "en-GB",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return EngineHost.Build(settings);
    }
}
