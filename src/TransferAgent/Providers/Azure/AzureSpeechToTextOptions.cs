namespace WarmTransfer.TransferAgent.Providers.Azure;

/// <summary>Section <c>Stt:Azure</c>: Azure Speech's REST API for short audio (up to 60 s per request, which VAD segments are).</summary>
public sealed class AzureSpeechToTextOptions : AzureSpeechOptions
{
    public Uri Endpoint => ResolveBaseUrl("stt");
}
