using System.Text.Json;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.Providers.Azure;

/// <summary>Maps an unsuccessful Azure Speech answer to the engine taxonomy (status, Retry-After, error code; never the body).</summary>
internal static class AzureHttp
{
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string provider, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        TimeSpan? retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - timeProvider.GetUtcNow(),
            _ => null,
        };
        string? code = null;
        try
        {
            // Azure errors look like {"error":{"code":"...","message":"..."}}; only the code is kept (messages can echo input).
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String)
            {
                code = c.GetString();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status says enough.
        }

        throw EngineErrors.FromStatus(provider, (int)response.StatusCode, retryAfter, code);
    }
}
