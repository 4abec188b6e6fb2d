using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.Configuration;
using WarmTransfer.TransferAgent.Vad;

namespace WarmTransfer.TransferAgent.SpeechToText;

/// <summary>Creates one <see cref="SpeechToTextStreamAdapter"/> per speaker over the shared client and VAD model (the caller disposes each).</summary>
public sealed class SpeechToTextStreamFactory(
    ISpeechToTextClient client,
    SileroVadModel vadModel,
    IOptions<VadOptions> vadOptions,
    IOptions<SpeechToTextEngineOptions> sttOptions,
    ILoggerFactory loggerFactory)
{
    /// <param name="streamId">Prefix of the stream's segment ids, e.g. the participant's audio track sid.</param>
    public SpeechToTextStreamAdapter Create(string streamId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        return new SpeechToTextStreamAdapter(
            client,
            vadModel,
            vadOptions.Value,
            new SpeechToTextStreamOptions { StreamId = streamId, Language = sttOptions.Value.Language },
            loggerFactory.CreateLogger<SpeechToTextStreamAdapter>());
    }
}
