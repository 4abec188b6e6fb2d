namespace WarmTransfer.TransferAgent.Providers.OpenAI;

/// <summary>Section <c>Stt:OpenAI</c>: Whisper on OpenAI or any OpenAI-compatible transcription server.</summary>
public sealed class OpenAISpeechToTextOptions : OpenAIEndpointOptions
{
    public OpenAISpeechToTextOptions() => Model = "whisper-1";
}
