using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace WarmTransfer.TransferAgent.Tests.TestSupport;

/// <summary>A hand-written fake: each call goes to <see cref="GetTextAsyncCallback"/>.</summary>
public sealed class TestSpeechToTextClient : ISpeechToTextClient
{
    public Func<Stream, SpeechToTextOptions?, CancellationToken, Task<SpeechToTextResponse>>? GetTextAsyncCallback { get; set; }

    public int Calls { get; private set; }

    public Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        return GetTextAsyncCallback?.Invoke(audioSpeechStream, options, cancellationToken) ?? Task.FromResult(new SpeechToTextResponse(""));
    }

    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(
        Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetTextAsync(audioSpeechStream, options, cancellationToken)).ToSpeechToTextResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
