namespace WarmTransfer.TransferAgent.Configuration;

/// <summary>The provider names that may appear in <c>Stt:Providers</c>, <c>Tts:Providers</c> and <c>Summary:Providers</c>.</summary>
public static class EngineProviderNames
{
    public const string OpenAI = "openai";
    public const string Azure = "azure";
    public const string PocketSphinx = "pocketsphinx";
    public const string Flite = "flite";
    public const string Extractive = "extractive";

    public static readonly IReadOnlyList<string> SpeechToText = [OpenAI, Azure, PocketSphinx];
    public static readonly IReadOnlyList<string> TextToSpeech = [OpenAI, Azure, Flite];
    public static readonly IReadOnlyList<string> Summary = [OpenAI, Extractive];
}
